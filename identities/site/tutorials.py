"""The tutorials, executed in one kernel while Sphinx reads the rest of the site.

nbsphinx executes each notebook it reads in a kernel of its own, and each kernel spends a second
or more of CPU starting IPython and loading the catalogue before the tutorial's own work. Here one
process (``python -m identities.site.tutorials RUNDIR TIMEOUT NOTEBOOK...``) executes every tutorial a
build is about to read, one after another in a single kernel, each from an empty namespace in its
own directory. It starts before the entries are verified, and writes each executed notebook under
RUNDIR, named by the digest of its source; nbsphinx receives it already executed (``executed``,
installed as the converter of ``.ipynb`` files) and executes nothing itself.

A notebook the runner has no result for (it failed, it was not listed, the runner is gone) goes
back to nbsphinx marked to be executed there as before, in a kernel of its own: a tutorial's error
is reported exactly as nbsphinx reports it, and a tutorial that passes alone passes.
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Run silently before each tutorial: the namespace emptied, the tutorial's own directory, and
# warnings shown again (the registry of the module that raised one would hide it from every later
# tutorial; the tests check it).
RESET = ("get_ipython().run_line_magic('reset', '-f')\n"
         "import os as _os, warnings as _warnings\n"
         "_os.chdir({cwd!r})\n"
         "with _warnings.catch_warnings():\n    pass\n"  # entering one invalidates every registry
         "del _os, _warnings\n")


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:32]


class Runner:
    """The runner process as the build sees it: started in the main process before the readers
    fork, so every reader knows its directory and process id."""

    current: Runner | None = None
    _stop_at_exit = False  # atexit holds stop() once, however many builds this process runs

    def __init__(self, paths: list[Path], timeout: int):
        self.rundir = Path(tempfile.mkdtemp(prefix="mc-tutorials-"))
        self.keys = {digest(p.read_text(encoding="utf-8")) for p in paths}
        self.timeout = timeout
        self.owner = os.getpid()
        self.process = subprocess.Popen([sys.executable, "-m", "identities.site.tutorials", str(self.rundir),
                                         str(timeout), *map(str, paths)],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    @classmethod
    def start(cls, paths: list[Path], timeout: int):
        cls.stop()
        if paths:
            import atexit

            cls.current = cls(paths, timeout)
            if not cls._stop_at_exit:
                atexit.register(cls.stop)
                cls._stop_at_exit = True

    @classmethod
    def stop(cls):
        runner, cls.current = cls.current, None
        if runner is None or os.getpid() != runner.owner:
            return
        if runner.process.poll() is None:
            runner.process.kill()
        runner.process.wait()
        import shutil

        shutil.rmtree(runner.rundir, ignore_errors=True)

    def alive(self) -> bool:
        if os.getpid() == self.owner:
            return self.process.poll() is None
        # a forked reader cannot wait on its parent's child: ask the kernel whether it still runs
        try:
            state = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            try:
                os.kill(self.process.pid, 0)
            except OSError:
                return False
            return True
        return state not in ("Z", "X")

    def result(self, key: str):
        """The executed notebook (its JSON text) of the source with this digest, or None."""
        if key not in self.keys:
            return None
        done, failed = self.rundir / f"{key}.ipynb", self.rundir / f"{key}.failed"
        # the runner's own timeout bounds each cell; this bounds a runner that hangs outside one
        deadline = time.monotonic() + self.timeout * (len(self.keys) + 1)
        while time.monotonic() < deadline:
            if done.exists():
                return done.read_text(encoding="utf-8")
            if failed.exists() or not self.alive():
                return done.read_text(encoding="utf-8") if done.exists() else None
            time.sleep(0.02)
        return None


def executed(text: str):
    """nbsphinx's converter for ``.ipynb``: the notebook, executed by the runner where it has been;
    otherwise marked for nbsphinx to execute."""
    import nbformat

    runner = Runner.current
    result = runner.result(digest(text)) if runner is not None else None
    if result is not None:
        return nbformat.reads(result, as_version=4)
    nb = nbformat.reads(text, as_version=4)
    nb.metadata.setdefault("nbsphinx", {})["execute"] = "always"
    return nb


async def _execute_all(rundir: Path, timeout: int, paths: list[Path]):
    import nbformat
    from jupyter_client.manager import AsyncKernelManager
    from nbclient import NotebookClient

    km = AsyncKernelManager(kernel_name="python3")
    await km.start_kernel(cwd=str(paths[0].parent))
    kc = km.client()
    kc.start_channels()
    try:
        await kc.wait_for_ready(timeout=60)
        for path in paths:
            text = path.read_text(encoding="utf-8")
            key = digest(text)
            try:
                reply = await kc.execute_interactive(RESET.format(cwd=str(path.parent)), silent=True,
                                                     store_history=False, timeout=timeout)
                if reply["content"]["status"] != "ok":
                    raise RuntimeError(f"the kernel could not be reset: {reply['content']}")
                nb = nbformat.reads(text, as_version=4)
                client = NotebookClient(nb, km=km, timeout=timeout, allow_errors=False,
                                        resources={"metadata": {"path": str(path.parent)}})
                client.kc = kc
                await client.async_execute()
                for cell in nb.cells:
                    # the prompt numbers of a kernel of its own: the kernel's count runs on across tutorials
                    for out in cell.get("outputs", []):
                        if out.get("output_type") == "execute_result":
                            out["execution_count"] = cell.get("execution_count")
                tmp = rundir / f"{key}.tmp"
                tmp.write_text(nbformat.writes(nb), encoding="utf-8")
                tmp.replace(rundir / f"{key}.ipynb")
            except Exception as exc:  # noqa: BLE001 - nbsphinx executes it again and reports the error
                (rundir / f"{key}.failed").write_text(f"{type(exc).__name__}: {exc}", encoding="utf-8")
                # whatever the failed cell left behind stays out of the next tutorial
                await km.restart_kernel(now=True)
                await kc.wait_for_ready(timeout=60)
    finally:
        kc.stop_channels()
        await km.shutdown_kernel(now=True)


def main(argv) -> int:
    import asyncio

    rundir, timeout, paths = Path(argv[0]), int(argv[1]), [Path(p) for p in argv[2:]]
    if paths:
        asyncio.run(_execute_all(rundir, timeout, paths))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
