// The site's search: pagefind's index, and queries read as `python -m identities search` reads them.
//
// A query's formulas (x^T A x, tr(X^T X), ||Ax - b||^2) become the same case-keeping tokens as in
// identities/search.py, from the same tables (window.MC_SEARCH_SPEC, written by the build from
// identities.search.SPEC); the browser tests check that both give the same tokens for every query of
// the test set. Each entry page carries its formulas' tokens, encoded as words pagefind keeps apart.
(function () {
  "use strict";
  var S = window.MC_SEARCH_SPEC;

  // termFrequency 0.5 (default 1.0): many entries repeat a word (ReLU, trace) in title, aliases and
  // notes; halving the weight of repetition lets the entry that is about the word win.
  var RANKING = { termFrequency: 0.5 };
  // fewer results than this for all the terms together, and each term is looked up alone as well
  var ENOUGH = 5;
  // a page holding the query's words as typed, in order (a title, an alias), counts this much more
  var PHRASE = 2.0;
  // a query that is one of an entry's names (its title or an alias) in other words: the same words, in
  // any order, grammatical words, one-letter symbols and the word for a derivative (nearly every entry
  // is one) aside
  var NAME = 3.0;
  var IMPLIED = ["gradient", "derivative", "differential", "jacobian"];
  function nameKey(text) {
    return unique(text.toLowerCase().replace(/[-\u2013\u2014'\u2019:,.()]/g, " ").split(/\s+/)
      .filter(function (w) { return w.length > 1 && S.grammar.indexOf(w) < 0 && IMPLIED.indexOf(w) < 0; }))
      .sort().join(" ");
  }

  function has(obj, key) { return Object.prototype.hasOwnProperty.call(obj, key); }
  function replaceAll(text, a, b) { return text.split(a).join(b); }
  function codePoints(text) { return Array.from(text); }
  function unique(list) { return list.filter(function (x, i) { return list.indexOf(x) === i; }); }

  var CMD = new RegExp("\\\\(" + S.unwrap.join("|") + ")\\s*\\{([^{}]*)\\}", "g");
  var DROP = new RegExp("\\\\(" + S.drop.join("|") + ")\\s*\\{[^{}]*\\}", "g");
  var LEX = /\\[A-Za-z]+|[A-Za-z]+|[0-9]+(?:\.[0-9]+)?|[\^_](?:\{[^{}]*\}|\\[A-Za-z]+|-?[A-Za-z0-9]|.)|\S/gu;
  var OPEN = ["(", "[", "{"], CLOSE = [")", "]", "}"], BREAK = [",", ";", ":", "=", "<", ">", "≠", "&"];
  var SKIP = [".", "!", "?", "\"", "`", "~", "$", "#", "@", "%"];

  function script(text) {
    var inner = text.slice(1);
    if (inner.charAt(0) === "{" && inner.charAt(inner.length - 1) === "}") inner = inner.slice(1, -1);
    inner = inner.replace(/\\[A-Za-z]+/g, function (m) { return has(S.commands, m) ? S.commands[m] : m; });
    return inner.replace(/[\s{}]/g, "");
  }

  function letters(run, query) {
    if (has(S.functions, run)) return S.functions[run].split(" ");
    if (has(S.greek, run)) return [S.greek[run]];
    if (run.length >= 4 && /^[a-z]+$/.test(run.slice(1))) return [null];
    if (query && run.charAt(0) === "d" && run.length > 1) return ["ⅆ"].concat(letters(run.slice(1), query));
    if (query && run === "d") return ["ⅆ"];
    return run.split("");
  }

  function formulaTokens(text, query) {
    S.replace.forEach(function (pair) { text = replaceAll(text, pair[0], pair[1]); });
    S.chars_order.forEach(function (k) { text = replaceAll(text, k, S.chars[k]); });
    text = text.replace(DROP, " , ");
    for (var k = 0; k < 3; k++) text = text.replace(CMD, " $2 ");
    var out = [], depth = 0;
    (text.match(LEX) || []).forEach(function (lex) {
      if (has(S.commands, lex)) lex = S.commands[lex];
      if (!lex) return;
      if ((lex.charAt(0) === "^" || lex.charAt(0) === "_") && lex.length > 1) {
        var kind = lex.charAt(0), s = script(lex), prev = out.length ? out[out.length - 1] : null;
        if (kind === "_") {
          if (prev === "‖" && S.default_norms.indexOf(s) < 0) out[out.length - 1] = "‖" + s;
          return;
        }
        var post = has(S.postfix, s) ? S.postfix[s] : "^" + s;
        if (prev === null || prev === "(") return;
        out[out.length - 1] = (prev === ")" ? ")" : prev) + post;
        return;
      }
      if (/^[A-Za-z]/.test(lex)) out = out.concat(letters(lex, query));
      else if (/^[0-9]/.test(lex)) out.push(lex);
      else if (OPEN.indexOf(lex) >= 0) { depth += 1; out.push("("); }
      else if (CLOSE.indexOf(lex) >= 0) { depth = Math.max(depth - 1, 0); out.push(")"); }
      else if (lex === "," && depth) return;
      else if (BREAK.indexOf(lex) >= 0) out.push(null);
      else if (lex.charAt(0) === "\\" || SKIP.indexOf(lex) >= 0) return;
      else out.push(lex);
    });
    return out.filter(function (t) { return t !== "(" && t !== ")"; });
  }

  // as identities.search._code_name: torch.linalg.inv, F.huber_loss, log_softmax
  function codeName(chunk) {
    return /^[A-Za-z][A-Za-z0-9]*(?:[._][A-Za-z0-9]+)+$/.test(chunk)
      && chunk.split(/[._]/).filter(function (p) { return p.replace(/[^A-Za-z]/g, "").length >= 2; }).length >= 2;
  }

  function chunkKind(chunk) {
    var stop = S.stop.indexOf(chunk.toLowerCase()) >= 0, n = codePoints(chunk).length;
    if (/^[A-Za-z]+$/.test(chunk)) {
      if (has(S.functions, chunk) || has(S.greek, chunk)) return "either";
      if (stop && !(n === 1 && /^[A-Z]$/.test(chunk))) return n === 1 ? "either" : "word";
      if (n === 1) return "formula";
      if (n <= 4 && !/^[a-z]+$/.test(chunk) && !/^[A-Z][a-z]{2,}$/.test(chunk)) return "either";
      return "word";
    }
    if (/^(?:[A-Za-z]{2,}([-–—][A-Za-z]{2,})+|[0-9]+(-[A-Za-z]+)?|[A-Za-z]+'s)$/.test(chunk)) return "word";
    if (codeName(chunk)) return "word";
    if (codePoints(chunk).some(function (c) { return S.formula_chars.indexOf(c) >= 0; })) return "formula";
    if (!/^[\x00-\x7f]*$/.test(chunk)) return n >= 4 && /^\p{L}+$/u.test(chunk) ? "word" : "formula";
    return "word";
  }

  // {words, formulas}: as identities.search.query_parts
  function queryParts(query) {
    var chunks = query.trim() ? query.trim().split(/\s+/) : [];
    var kinds = chunks.map(chunkKind), words = [], formulas = [], run = [];
    function flush() {
      var notStop = run.filter(function (i) { return S.stop.indexOf(chunks[i].toLowerCase()) < 0; }).length;
      if (run.some(function (i) { return kinds[i] === "formula"; }) || notStop > 1) {
        formulas.push(formulaTokens(run.map(function (i) { return chunks[i]; }).join(" "), true));
      } else {
        run.forEach(function (i) { if (kinds[i] !== "either") words.push(chunks[i]); });
      }
      run = [];
    }
    kinds.forEach(function (kind, i) {
      if (kind === "word") { flush(); words.push(chunks[i]); }
      else { run.push(i); if (kind === "either") words.push(chunks[i]); }
    });
    flush();
    return { words: words, formulas: formulas.filter(function (f) { return f.some(function (t) { return t !== null; }); }) };
  }

  function features(tokens) {
    var out = [];
    tokens.forEach(function (t, i) {
      if (t === null) return;
      out.push(t);
      if (i + 1 < tokens.length && tokens[i + 1] !== null) out.push(t + " " + tokens[i + 1]);
    });
    return unique(out);
  }

  function charCode(c) {
    if (c >= "a" && c <= "z") return c + "0";
    if (c >= "A" && c <= "Z") return c.toLowerCase() + "1";
    if (c >= "0" && c <= "9") return "qd" + c;
    return c.codePointAt(0).toString(16).replace(/[0-9]/g, function (h) {
      return String.fromCharCode(103 + Number(h));
    }) + "8";
  }

  function encode(feature) {
    return "qf" + feature.split(" ").map(function (tok) { return codePoints(tok).map(charCode).join(""); }).join("j9") + "e9";
  }

  // What pagefind is asked for: the words (not the grammatical ones, not a function's name that the
  // formula says already) and the formulas' encoded features.
  // A bare number is a Cookbook equation: pages carry each equation they cite as one token that no
  // other word begins (identities.site.render.equation_token), since pagefind matches prefixes.
  function equationNumber(word) {
    var m = /^\(?([0-9]{1,3})\)?$/.exec(word);
    return m ? "mceq" + String(Number(m[1])) + "e9" : null;
  }
  function terms(query) {
    var parts = queryParts(query);
    parts.words = parts.words.map(function (w) { return equationNumber(w) || w; });
    var words = parts.words.filter(function (w) {
      return !(parts.formulas.length && (has(S.functions, w) || has(S.greek, w)));
    });
    words = [].concat.apply([], words.map(function (w) { return codeName(w) ? w.split(/[._]/) : [w]; }));
    var kept = words.filter(function (w) { return S.grammar.indexOf(w.toLowerCase()) < 0; });
    var feats = [];
    parts.formulas.forEach(function (f) { feats = feats.concat(features(f)); });
    return unique((kept.length || feats.length ? kept : words).concat(unique(feats).map(encode)));
  }

  var pagefind = null;
  function load(url) {
    if (!pagefind) {
      var abs = new URL(url, document.baseURI);  // import() alone would read it from this script's folder
      pagefind = import(abs.href).then(function (pf) {
        var root = new URL("..", abs).pathname;
        return pf.options({ baseUrl: root, ranking: RANKING }).then(function () { return pf; });
      });
    }
    return pagefind;
  }

  // The results, best first: pages with every term by pagefind's score (more for the words as a
  // phrase), then, when those are few, pages with most of the terms, by how many and by their scores.
  function search(query, url) {
    var all = terms(query), parts = queryParts(query);
    if (!all.length) return Promise.resolve([]);
    return load(url).then(function (pf) {
      // a phrase of words, not of equation numbers ("Cookbook (57)" in a note is not eq. (57)'s entry)
      parts.words = parts.words.filter(function (w) { return !equationNumber(w); });
      var phrase = !parts.formulas.length && parts.words.length > 1
        ? pf.search("\"" + parts.words.join(" ").replace(/"/g, "") + "\"") : Promise.resolve({ results: [] });
      return Promise.all([pf.search(all.join(" ")), phrase]).then(function (found) {
        var inPhrase = {};
        found[1].results.forEach(function (r) { inPhrase[r.id] = true; });
        var ranked = found[0].results.map(function (r) {
          return { r: r, n: all.length, score: r.score * (inPhrase[r.id] ? PHRASE : 1) };
        });
        if (ranked.length >= ENOUGH || all.length < 2) return byTitle(ranked, query);
        var byId = {};
        ranked.forEach(function (x) { byId[x.r.id] = x; });
        return Promise.all(all.map(function (t) { return pf.search(t); })).then(function (each) {
          var partial = {};
          each.forEach(function (res) {
            res.results.forEach(function (r) {
              if (has(byId, r.id)) return;
              var x = partial[r.id] || (partial[r.id] = { r: r, n: 0, score: 0 });
              x.n += 1;
              x.score += r.score;
            });
          });
          var rest = Object.keys(partial).map(function (k) { return partial[k]; });
          return byTitle(ranked.concat(rest), query);
        });
      });
    });
  }

  // Among the first results, the entry about exactly this, as identities.search has it: a score is
  // divided by 1 + 0.05 × the number of words of the title (among near-equals the shorter title wins),
  // and multiplied by 1 + 0.5 × the largest share of a formula in the title that the query gives.
  var RERANK = 20;
  function segments(tokens) {
    var out = [[]];
    tokens.forEach(function (t) { if (t === null) out.push([]); else out[out.length - 1].push(t); });
    return out.filter(function (seg) { return seg.length; });
  }
  function byTitle(ranked, query) {
    var qf = [];
    queryParts(query).formulas.forEach(function (f) { qf = qf.concat(features(f)); });
    var head = ranked.slice(0, RERANK), key = nameKey(query);
    return Promise.all(head.map(function (x) { return x.r.data(); })).then(function (data) {
      head.forEach(function (x, i) {
        var title = (data[i].meta && data[i].meta.title) || "";
        var names = ((data[i].meta && data[i].meta.names) || "").split(" | ").map(nameKey);
        x.data = data[i];
        // names compared as words: a formula's one-letter symbols drop out of nameKey, so that
        // "x^T A x" would otherwise be the name of anything called "x^T ..."
        if (key && !qf.length && names.indexOf(key) >= 0) x.score *= NAME;
        x.score /= 1 + 0.05 * title.split(/\s+/).length;
        var best = 0;
        if (qf.length) {
          queryParts(title).formulas.forEach(function (f) {
            segments(f).forEach(function (seg) {
              var names = features(seg);
              best = Math.max(best, names.filter(function (n) { return qf.indexOf(n) >= 0; }).length / names.length);
            });
          });
        }
        x.score *= 1 + 0.5 * best;
      });
      head.sort(function (a, b) { return b.n - a.n || b.score - a.score; });
      return head.concat(ranked.slice(RERANK));
    });
  }

  window.MC_SEARCH = { queryParts: queryParts, formulaTokens: formulaTokens, features: features, encode: encode,
                       terms: terms, search: search };

  // ---- the search page --------------------------------------------------------------------------

  var PAGE = 10;

  // pagefind's excerpt is HTML with <mark> around the matches: kept as text and marks only
  function excerptNodes(html) {
    var tpl = document.createElement("template"), out = document.createDocumentFragment();
    tpl.innerHTML = html;
    tpl.content.childNodes.forEach(function (n) {
      if (n.nodeName === "MARK") {
        var m = document.createElement("mark");
        m.textContent = n.textContent;
        out.appendChild(m);
      } else {
        out.appendChild(document.createTextNode(n.textContent));
      }
    });
    return out;
  }

  function start(box) {
    var url = box.getAttribute("data-pagefind");
    var input = box.querySelector("input"), status = box.querySelector(".mc-search-status");
    var list = box.querySelector(".mc-search-results"), more = box.querySelector(".mc-search-more");
    var results = [], shown = 0, latest = 0, timer = null;

    function show(count) {
      var batch = results.slice(shown, shown + count);
      shown += batch.length;
      more.hidden = shown >= results.length;
      return Promise.all(batch.map(function (x) { return x.data || x.r.data(); })).then(function (data) {
        data.forEach(function (d) {
          var li = document.createElement("li"), a = document.createElement("a"), p = document.createElement("p");
          li.className = "mc-result";
          a.className = "mc-result-link";
          a.href = d.url;
          a.textContent = (d.meta && d.meta.title) || d.url;
          p.className = "mc-result-summary";
          if (d.meta && d.meta.summary) p.textContent = d.meta.summary;
          else p.appendChild(excerptNodes(d.excerpt || ""));
          li.appendChild(a);
          li.appendChild(p);
          list.appendChild(li);
        });
      });
    }

    function run() {
      var query = input.value, mine = ++latest;
      var params = new URLSearchParams(window.location.search);
      if (query.trim()) params.set("q", query); else params.delete("q");
      window.history.replaceState(null, "", "?" + params.toString());
      if (!query.trim()) { list.textContent = ""; status.textContent = ""; more.hidden = true; return; }
      status.textContent = "Searching…";
      search(query, url).then(function (found) {
        if (mine !== latest) return;  // a newer query has started
        results = found;
        shown = 0;
        list.textContent = "";
        status.textContent = found.length === 0 ? "No entry matches “" + query + "”."
          : found.length + " result" + (found.length === 1 ? "" : "s") + " for “" + query + "”";
        return show(PAGE);
      }).catch(function (err) { status.textContent = "The search could not run: " + err; });
    }

    box.querySelector("form").addEventListener("submit", function (e) { e.preventDefault(); run(); });
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 250); });
    more.addEventListener("click", function () { show(PAGE); });
    var q = new URLSearchParams(window.location.search).get("q");
    if (q) { input.value = q; run(); }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var box = document.getElementById("mc-search");
    if (box) start(box);
  });
})();
