"""Work done beside the caller, in a forked process, when a second CPU is free to share it.

Verifying 10,000 claims reads the places file while it could be parsing the claims file, and
finds contradictions while it could be evaluating claims: each pair is independent. A fork
shares everything already loaded and costs ~4 ms a round trip here; the answer comes back
pickled. There is one code path: whenever the fork is not worth it or not safe, or the child
fails for any reason, the caller does the work itself, so a result or an error is exactly the
one it would have been without the fork.
"""

from __future__ import annotations

import os
import pickle
import signal
from collections.abc import Callable
from types import TracebackType
from typing import Generic, TypeVar

T = TypeVar("T")

#: what the child exits with once its whole answer is written
_ANSWERED = 0


def can_fork() -> bool:
    """Linux, a second CPU this process may run on, and no other thread: forking a process
    with threads can deadlock the child on a lock one of them held (Python 3.12 warns)."""
    if not hasattr(os, "fork") or not hasattr(os, "sched_getaffinity"):
        return False
    try:
        return len(os.sched_getaffinity(0)) > 1 and len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return False


class Beside(Generic[T]):
    """`work()`'s answer, computed in a child process from the start when `worth_it` (and
    forking is safe), else by `result()` itself. Use as a context manager: leaving it before
    `result()` (an error in the caller's own share) stops the child and reaps it."""

    def __init__(self, work: Callable[[], T], worth_it: bool) -> None:
        self._work = work
        self._pid = 0
        self._pipe = -1
        if worth_it and can_fork():
            self._start()

    def _start(self) -> None:
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: answer or exit without one, never return to the caller
            status = 1
            try:
                os.close(read)
                answer = pickle.dumps(self._work(), pickle.HIGHEST_PROTOCOL)
                with os.fdopen(write, "wb") as out:
                    out.write(answer)
                status = _ANSWERED
            finally:
                os._exit(status)
        os.close(write)
        self._pid, self._pipe = pid, read

    def result(self) -> T:
        """The child's answer; the work done here when there is none (no child, or it
        failed: the work then raises here what it raised there)."""
        if self._pid:
            with os.fdopen(self._pipe, "rb") as pipe:
                self._pipe = -1
                answer = pipe.read()
            _pid, status = os.waitpid(self._pid, 0)
            self._pid = 0
            if answer and os.waitstatus_to_exitcode(status) == _ANSWERED:
                loaded: T = pickle.loads(answer)
                return loaded
        return self._work()

    def __enter__(self) -> Beside[T]:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._pipe >= 0:
            os.close(self._pipe)
            self._pipe = -1
        if self._pid:
            os.kill(self._pid, signal.SIGKILL)
            os.waitpid(self._pid, 0)
            self._pid = 0
