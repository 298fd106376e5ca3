"""Print the built site's print page (print.html) to a PDF with headless Chromium (it lays out the
site's MathML itself; no TeX). `make pdf` runs it after `make html`:

    python tools/make_pdf.py [--site _build/html] [--out _build/pdf/tested-matrix-calculus-cookbook.pdf]

The site is served on 127.0.0.1 (a free port) for the time of the print; the PDF is also copied into
the site (its home page links it).
"""
from __future__ import annotations

import argparse
import functools
import http.server
import shutil
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NAME = "tested-matrix-calculus-cookbook.pdf"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
FOOTER = ('<div style="font-size:7pt;width:100%;text-align:center;color:#555">'
          'The Tested Matrix Calculus Cookbook — <span class="pageNumber"></span> / <span class="totalPages"></span>'
          '</div>')

A4_VIEWPORT = {"width": 703, "height": 1050}  # A4 less its margins at 96 px/in: laid out at the width it prints
# A formula wider than its column is shrunk to fit (MathML does not break lines); nothing is clipped.
FIT_MATH = """() => {
  for (const m of document.querySelectorAll('.mc-print math[display="block"]')) {
    const box = m.parentElement.clientWidth, w = m.scrollWidth;
    if (box > 0 && w > box) m.style.fontSize = (100 * box / w * 0.98).toFixed(1) + '%';
  }
}"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def make_pdf(site: Path, out: Path, copy_into_site: bool = True) -> tuple[int, int]:
    """Print ``site``/print.html to ``out``; returns (pages, bytes)."""
    from playwright.sync_api import sync_playwright

    site, out = Path(site), Path(out)
    if not (site / "print.html").exists():
        raise SystemExit(f"no print.html in {site}: build the site first (make html)")
    out.parent.mkdir(parents=True, exist_ok=True)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                page = browser.new_page()
                page.goto(f"http://127.0.0.1:{httpd.server_address[1]}/print.html", wait_until="load",
                          timeout=120_000)
                page.evaluate("document.fonts.ready.then(() => true)")
                page.emulate_media(media="print")
                page.set_viewport_size(A4_VIEWPORT)
                page.evaluate(FIT_MATH)
                page.pdf(path=str(out), format="A4", print_background=True, display_header_footer=True,
                         header_template="<span></span>", footer_template=FOOTER, prefer_css_page_size=True,
                         margin={"top": "14mm", "bottom": "16mm", "left": "12mm", "right": "12mm"})
            finally:
                browser.close()
    finally:
        httpd.shutdown()
        httpd.server_close()
    if copy_into_site:
        shutil.copyfile(out, site / NAME)
    return page_count(out), out.stat().st_size


def page_count(pdf: Path) -> int:
    """Pages of a PDF, without a PDF library: Chromium writes one /Type /Page object per page."""
    import re

    return len(re.findall(rb"/Type\s*/Page(?![s\w])", Path(pdf).read_bytes()))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--site", default=str(ROOT / "_build" / "html"))
    ap.add_argument("--out", default=str(ROOT / "_build" / "pdf" / NAME))
    args = ap.parse_args()
    pages, size = make_pdf(Path(args.site), Path(args.out))
    print(f"{args.out}: {pages} pages, {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
