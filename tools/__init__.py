"""The site's machinery: the Sphinx extension, its renderer, the page preview and the benchmarks."""
import os

# Parallel builds: while the workers write pages the main process only resolves the next ones, so
# one worker more than there are cores keeps the cores busy (on 2 cores, a clean build took
# 19.5 s with -j 3 against 24.9 s with -j 1).
SPHINX_JOBS = str((os.cpu_count() or 1) + 1)
