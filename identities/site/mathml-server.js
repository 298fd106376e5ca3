// Renders LaTeX to MathML with Temml for identities/site/mathml.py. One request per line on a Unix socket,
// {"tex": ..., "display": bool}; one answer per line, {"mathml": ...} or {"error": ...}.
// Usage: node identities/site/mathml-server.js SOCKET. It exits when its stdin closes, so it never outlives
// the build that started it. With --check instead of SOCKET it reads a JSON list of TeX strings on
// stdin and prints, for each, null or the error Temml raises (the audit's check, MC027).
const net = require("net");
const path = require("path");
// node_modules is named by MC_NODE_MODULES (identities/site/mathml.py sets it), else the checkout's
const modules = process.env.MC_NODE_MODULES || path.join(__dirname, "..", "..", "node_modules");
const temml = require(path.join(modules, "temml", "dist", "temml.cjs"));

// Temml's output depends on the TeX and the mode alone. Each forked reader of a parallel build
// keeps its own cache, so without this one a formula shown on several pages is rendered again by each
const answers = new Map();

function answerLine(tex, display) {
  const key = (display ? "D" : "I") + tex;
  let line = answers.get(key);
  if (line === undefined) {
    line = JSON.stringify(render(tex, display)) + "\n";
    answers.set(key, line);
  }
  return line;
}

function render(tex, display) {
  try {
    // trust stays off: no \href, \class or \style can reach the page from a record
    // inline formulas may break after a top-level relation or operator, as TeX breaks them
    const options = { displayMode: !!display, throwOnError: true, wrap: display ? "none" : "tex" };
    return { mathml: temml.renderToString(tex, options) };
  } catch (e) {
    // Temml underlines the offending TeX with combining characters: plain text reads better
    return { error: String((e && e.message) || e).replace(/\u0332/g, "").trim() };
  }
}

if (process.argv[2] === "--check") {
  let input = "";
  process.stdin.setEncoding("utf8");
  process.stdin.on("data", d => { input += d; });
  process.stdin.on("end", () => {
    const out = JSON.parse(input).map(tex => render(tex, true).error || null);
    process.stdout.write(JSON.stringify(out));
  });
  return;
}

const server = net.createServer(client => {
  let pending = "";
  client.setEncoding("utf8");
  client.on("data", chunk => {
    pending += chunk;
    let eol;
    while ((eol = pending.indexOf("\n")) >= 0) {
      const line = pending.slice(0, eol);
      pending = pending.slice(eol + 1);
      let answer;
      try {
        const { tex, display } = JSON.parse(line);
        answer = answerLine(String(tex), display);
      } catch (e) {
        answer = JSON.stringify({ error: `not a request: ${line.slice(0, 200)}` }) + "\n";
      }
      client.write(answer);
    }
  });
  client.on("error", () => {});
});
server.listen(process.argv[2]);
process.stdin.on("end", () => process.exit(0));
process.stdin.resume();
