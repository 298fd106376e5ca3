"""The tutorial runner: tutorials executed one after another in one kernel, each as if in a kernel
of its own; a tutorial it cannot run goes back to nbsphinx, which reports the error."""
from __future__ import annotations

import subprocess
import sys

import nbformat
import pytest

from identities.site import tutorials


def notebook(path, *cells):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(c) for c in cells]
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


def outputs(nb):
    return ["".join(o.get("text", "")) + str(o.get("data", {}).get("text/plain", "")) for c in nb.cells
            for o in c.outputs]


@pytest.fixture(scope="module")
def ran(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("runner")
    # a warning raised in a module both tutorials import: Python shows it once per place it is raised
    (tmp / "warner.py").write_text("import warnings\n\ndef warn():\n    warnings.warn('once only?')\n")
    warn = f"import sys\nsys.path.insert(0, {str(tmp)!r})\nimport warner\nwarner.warn()"
    first = notebook(tmp / "a" / "first.ipynb", f"leak = 1\n{warn}", "6 * 7")
    broken = notebook(tmp / "b" / "broken.ipynb", "left_by_broken = 1", "raise ValueError('a tutorial that fails')")
    second = notebook(tmp / "b" / "second.ipynb",
                      "import os, warnings\nprint('leak' in dir(), 'left_by_broken' in dir(), os.getcwd())",
                      warn, "1 + 1")
    after = notebook(tmp / "b" / "after.ipynb", "print('left_by_broken' in dir())")
    rundir = tmp / "run"
    rundir.mkdir()
    tutorials.main([str(rundir), "60", str(first), str(second), str(broken), str(after)])
    return {p.stem: p for p in (first, broken, second, after)}, rundir


def result(ran, name):
    paths, rundir = ran
    key = tutorials.digest(paths[name].read_text())
    return rundir / f"{key}.ipynb", rundir / f"{key}.failed"


def test_each_tutorial_starts_from_an_empty_namespace_in_its_own_directory(ran):
    done, _ = result(ran, "second")
    nb = nbformat.read(done, as_version=4)
    assert outputs(nb)[0].split() == ["False", "False", str(ran[0]["second"].parent)]


def test_prompt_numbers_and_warnings_are_those_of_a_kernel_of_its_own(ran):
    nb = nbformat.read(result(ran, "second")[0], as_version=4)
    assert [c.execution_count for c in nb.cells] == [1, 2, 3]
    assert nb.cells[2].outputs[0]["execution_count"] == 3
    first = nbformat.read(result(ran, "first")[0], as_version=4)
    for tutorial in (first, nb):
        assert any("once only?" in o.get("text", "") for o in tutorial.cells[0 if tutorial is first else 1].outputs)
    assert outputs(first)[-1] == "42" and first.cells[1].outputs[0]["execution_count"] == 2


def test_a_failing_tutorial_is_left_to_nbsphinx_and_the_next_still_runs(ran):
    done, failed = result(ran, "broken")
    assert not done.exists() and "a tutorial that fails" in failed.read_text()
    assert outputs(nbformat.read(result(ran, "after")[0], as_version=4)) == ["False\n"]


def test_without_a_result_the_converter_asks_nbsphinx_to_execute(tmp_path, monkeypatch):
    monkeypatch.setattr(tutorials.Runner, "current", None)
    text = notebook(tmp_path / "n.ipynb", "1").read_text()
    assert tutorials.executed(text).metadata["nbsphinx"]["execute"] == "always"


def test_a_tutorial_that_fails_fails_the_build(tmp_path):
    """The fallback path end to end: no runner, so nbsphinx executes the tutorial and reports its error."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["nbsphinx"]\n'
                                 'nbsphinx_custom_formats = {".ipynb": "identities.site.tutorials.executed"}\n'
                                 'nbsphinx_execute = "never"\n')
    (src / "index.rst").write_text("Index\n=====\n\n.. toctree::\n\n   broken\n")
    notebook(src / "broken.ipynb", "raise ValueError('a tutorial that fails')")
    proc = subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-q", str(src), str(tmp_path / "out")],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode != 0
    assert "a tutorial that fails" in proc.stderr
