"""The printable PDF (`make pdf`): printed by headless Chromium from the site's print page, it holds
every live entry, found by reading its text back."""
from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import live_entries
from .site_helpers import ROOT, browser_missing


def reader_missing() -> str | None:
    if importlib.util.find_spec("pypdf") is None and not shutil.which("pdftotext"):
        return "cannot read the PDF's text back: neither pypdf (pip install pypdf) nor pdftotext (poppler-utils)"
    return None


def pdf_text(pdf: Path) -> str:
    if importlib.util.find_spec("pypdf") is not None:
        import pypdf

        return "\n".join(page.extract_text() or "" for page in pypdf.PdfReader(str(pdf)).pages)
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def load_make_pdf():
    spec = importlib.util.spec_from_file_location("make_pdf", ROOT / "tools" / "make_pdf.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_pdf", mod)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.skipif(browser_missing() is not None, reason=browser_missing() or "")
@pytest.mark.skipif(reader_missing() is not None, reason=reader_missing() or "")
def test_pdf_holds_every_entry(built_site, tmp_path):
    make_pdf = load_make_pdf()
    out = tmp_path / make_pdf.NAME
    pages, size = make_pdf.make_pdf(built_site, out, copy_into_site=False)
    assert out.read_bytes().startswith(b"%PDF-")
    assert pages >= 10 and size > 100_000, (pages, size)
    text = pdf_text(out)
    missing = [r.id for r in live_entries() if r.id not in text]
    assert not missing, f"{len(missing)} entry ids not in the PDF's text: {missing[:20]}"
    for part in ("Contents", "Derivations", "Errata"):
        assert part in text
    r = live_entries()[0]
    assert f"id/{r.id}.html" in text  # the permanent URLs
