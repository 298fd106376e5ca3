"""Building the site and serving it on 127.0.0.1, for the site and browser tests."""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

from identities.site import SPHINX_JOBS

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def sphinx_build(out: Path, *extra: str, env: dict | None = None, warnings_as_errors=True, builder="html"):
    """A clean build of the site into ``out``; returns the finished process."""
    if out.exists():
        shutil.rmtree(out)
    cmd = [sys.executable, "-m", "sphinx", "-b", builder, "-c", str(ROOT), "-q", "-j", SPHINX_JOBS, "-d", str(out / ".doctrees")]
    if warnings_as_errors:
        cmd += ["-W", "--keep-going"]
    cmd += [*extra, str(ROOT / "docs"), str(out)]
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env={**os.environ, **(env or {})},
                          timeout=1800)


def build_records(tmp_path: Path, name: str, source: str) -> Path:
    """The site built from one file of records instead of the catalogue; returns the output folder."""
    records = tmp_path / "records"
    records.mkdir()
    (records / f"{name}.py").write_text(source)
    out = tmp_path / "html"
    # pages that cite real entries (tutorials, citing) are left out: their links would dangle
    proc = sphinx_build(out, "-D", "exclude_patterns=_build,tutorials,citing.rst", warnings_as_errors=False,
                        env={"MC_CATALOGUE_DIR": str(records)})
    assert proc.returncode == 0, proc.stderr[-3000:]
    return out


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class Server:
    """The built site on http://127.0.0.1:<free port>/ in a background thread."""

    def __init__(self, root: Path):
        handler = functools.partial(_Quiet, directory=str(root))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def browser_missing() -> str | None:
    """Why the browser tests cannot run here, or None."""
    if not Path(CHROMIUM).exists():
        return f"no Chromium at {CHROMIUM} (install Debian's chromium package; .ci/run does)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -e '.[test]')"
    return None
