"""The first lines of a fresh interpreter that tests forking: it sees two CPUs (so a one-CPU
machine tests the same path as any other) and lists the children it forks in `forks`.

A pytest-xdist worker runs threads, and a process with threads never forks
(claimcheck.background.can_fork): a test of the forked path runs its code after these lines,
in `python -c`.
"""

COUNTING_FORKS = """
import os
os.sched_getaffinity = lambda pid: {0, 1}
_fork, forks = os.fork, []
def _counted():
    pid = _fork()
    if pid:
        forks.append(pid)
    return pid
os.fork = _counted
"""
