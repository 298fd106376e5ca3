"""Render the pages of a file of records as readers will see them, without building the whole site.

    python -m identities check my_records.py --preview
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "_build" / "preview"


def preview(paths) -> list[Path]:
    """Build the site's pages for the records in ``paths`` only; returns the entry pages written."""
    records = OUT / "records"
    shutil.rmtree(OUT, ignore_errors=True)
    records.mkdir(parents=True)
    for p in paths:
        shutil.copy(p, records / Path(p).name)
    html = OUT / "html"
    cmd = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-c", str(ROOT), "-d", str(OUT / "doctrees"),
           "-D", "exclude_patterns=_build,tutorials,citing.rst,concordance.rst,errata.rst",
           str(ROOT / "docs"), str(html)]
    env = {**os.environ, "MC_CATALOGUE_DIR": str(records)}
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        raise RuntimeError(f"the preview build failed:\n{proc.stderr[-2000:]}")
    return sorted((html / "id").glob("*.html"))
