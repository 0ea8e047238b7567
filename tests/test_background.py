"""Tests for claimcheck.background: work beside the caller in a forked process, or in-process.

A test worker of pytest-xdist runs threads, so `Beside` never forks in it (can_fork): whatever
must fork runs in a fresh interpreter (tests/forks.py).
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading

import pytest

from claimcheck import background
from claimcheck.background import Beside
from forks import COUNTING_FORKS

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="forks only on Linux (can_fork)"
)

PRELUDE = (
    COUNTING_FORKS
    + """
from claimcheck.background import Beside, can_fork
parent = os.getpid()
"""
)


def run(script: str) -> subprocess.CompletedProcess[str]:
    code = PRELUDE + textwrap.dedent(script)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)


def test_not_worth_it_works_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    def forbidden() -> int:
        raise AssertionError("forked")

    monkeypatch.setattr(os, "fork", forbidden)
    with Beside(os.getpid, worth_it=False) as beside:
        assert beside.result() == os.getpid()


def test_another_thread_means_no_fork() -> None:
    """Forking a process with threads can deadlock the child (Python 3.12 warns of it)."""
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not background.can_fork()
    finally:
        stop.set()
        thread.join()


def test_worth_it_works_in_a_child_and_brings_its_answer_back() -> None:
    done = run("""
        assert can_fork()
        with Beside(lambda: (os.getpid(), {"a": [1.5, "é"]}), worth_it=True) as beside:
            pid, data = beside.result()
        assert pid != parent and pid == forks[0] and len(forks) == 1, (pid, forks)
        assert data == {"a": [1.5, "é"]}
        print("ok")
    """)
    assert (done.returncode, done.stdout, done.stderr) == (0, "ok\n", "")


@pytest.mark.parametrize(
    ("work", "why"),
    [
        ("lambda: 1 / 0 if os.getpid() != parent else 'here'", "an error in the child"),
        ("lambda: (lambda: 1) if os.getpid() != parent else 'here'", "an answer it cannot send"),
        ("lambda: os._exit(0) if os.getpid() != parent else 'here'", "no answer at all"),
    ],
)
def test_a_child_that_fails_leaves_the_work_to_the_caller(work: str, why: str) -> None:
    done = run(f"""
        with Beside({work}, worth_it=True) as beside:
            answer = beside.result()
        assert len(forks) == 1 and answer == "here", (forks, answer)
        print("ok")
    """)
    assert (done.returncode, done.stdout, done.stderr) == (0, "ok\n", ""), why


def test_the_callers_error_is_the_one_it_would_raise_without_a_child() -> None:
    done = run("""
        def work():
            raise ValueError(f"bad input (in {'child' if os.getpid() != parent else 'caller'})")
        try:
            with Beside(work, worth_it=True) as beside:
                beside.result()
        except ValueError as exc:
            print(exc)
        assert len(forks) == 1
    """)
    assert (done.returncode, done.stdout) == (0, "bad input (in caller)\n")


def test_leaving_early_stops_and_reaps_the_child() -> None:
    done = run("""
        import time
        try:
            with Beside(lambda: time.sleep(60), worth_it=True):
                raise KeyError("the caller's own share failed")
        except KeyError:
            pass
        try:
            os.waitpid(forks[0], os.WNOHANG)
        except ChildProcessError:
            print("reaped")
    """)
    assert (done.returncode, done.stdout) == (0, "reaped\n")


def test_the_child_never_writes_the_callers_buffered_output() -> None:
    """The child ends with os._exit: what the caller had printed but not yet flushed (a pipe is
    block-buffered) is written once, by the caller."""
    done = run("""
        print("before", end=" ")
        with Beside(lambda: 2, worth_it=True) as beside:
            print("after", beside.result())
    """)
    assert (done.returncode, done.stdout) == (0, "before after 2\n")
