"""Atomic writes: a write that dies midway leaves the original file intact and no temp file."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from claimcheck.files import atomic
from claimcheck.files.atomic import write_bytes_atomic, write_text_atomic

ORIGINAL = "claims:\n  - id: kept\n"


def _leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name != "claims.yaml")


@pytest.fixture
def target(tmp_path: Path) -> Path:
    path = tmp_path / "claims.yaml"
    path.write_text(ORIGINAL, encoding="utf-8")
    return path


def test_write_replaces_the_content(target: Path) -> None:
    write_text_atomic(str(target), "claims: []\n")
    assert target.read_text(encoding="utf-8") == "claims: []\n"
    assert _leftovers(target.parent) == []


def test_write_creates_a_new_file_with_the_umask_mode(tmp_path: Path) -> None:
    path = tmp_path / "new.yaml"
    write_bytes_atomic(str(path), b"\xef\xbb\xbfplaces: []\r\n")
    assert path.read_bytes() == b"\xef\xbb\xbfplaces: []\r\n"
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask


def test_write_keeps_the_mode_of_the_file_it_replaces(target: Path) -> None:
    target.chmod(0o640)
    write_text_atomic(str(target), "claims: []\n")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_relative_paths_write_in_place(target: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(target.parent)
    write_text_atomic("claims.yaml", "claims: []\n")
    assert target.read_text(encoding="utf-8") == "claims: []\n"


@pytest.mark.parametrize("failing", ["fsync", "replace", "write"])
def test_a_failure_midway_keeps_the_original(
    target: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    def boom(*args: Any, **kwargs: Any) -> None:
        raise OSError(28, "No space left on device")

    if failing == "write":
        real_fdopen = os.fdopen

        class Full:
            def __init__(self, fd: int, mode: str) -> None:
                self.handle = real_fdopen(fd, mode)

            def __enter__(self) -> Full:
                return self

            def __exit__(self, *exc: object) -> None:
                self.handle.close()

            def write(self, data: bytes) -> int:
                self.handle.write(data[: len(data) // 2])
                raise OSError(28, "No space left on device")

        monkeypatch.setattr(atomic.os, "fdopen", Full)
    else:
        monkeypatch.setattr(atomic.os, failing, boom)
    with pytest.raises(OSError, match="No space left"):
        write_text_atomic(str(target), "claims: []\n" * 1000)
    assert target.read_text(encoding="utf-8") == ORIGINAL
    assert _leftovers(target.parent) == []


def test_ctrl_c_midway_keeps_the_original(target: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_text_atomic(str(target), "claims: []\n")
    assert target.read_text(encoding="utf-8") == ORIGINAL
    assert _leftovers(target.parent) == []


#: A child that starts an atomic write, says so, and hangs before the rename until killed.
CHILD = """
import os, sys, time
from claimcheck.files import atomic
def stall(fd):
    print("writing", flush=True)
    time.sleep(60)
atomic.os.fsync = stall
atomic.write_text_atomic(sys.argv[1], "claims: []\\n" * 100000)
"""


@pytest.mark.parametrize(
    ("sig", "cleans_up"),
    [(signal.SIGINT, True), (signal.SIGTERM, False), (signal.SIGKILL, False)],
)
def test_a_process_killed_mid_write_leaves_the_original(
    target: Path, sig: signal.Signals, cleans_up: bool
) -> None:
    """SIGINT unwinds and removes the temp file; TERM and KILL end the process where it stands,
    so a hidden `.claims.yaml.*.tmp` may remain, but the original is never touched."""
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(target)], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "writing"
    child.send_signal(sig)
    child.wait(timeout=30)
    child.stdout.close()
    assert child.returncode != 0
    assert target.read_text(encoding="utf-8") == ORIGINAL
    leftovers = _leftovers(target.parent)
    if cleans_up:
        assert leftovers == []
    else:
        assert all(n.startswith(".claims.yaml.") and n.endswith(".tmp") for n in leftovers)


def test_the_tool_writes_files_only_through_atomic() -> None:
    """--update-expect, extract --append, imports, reports, maps: one way to write a file."""
    import re

    src = Path(atomic.__file__).parent
    direct = re.compile(r"\.write_(?:text|bytes)\(|\bopen\([^)]*['\"][wax]b?\+?['\"]")
    offenders = [
        f"{path.relative_to(src)}:{n}"
        for path in sorted(src.rglob("*.py"))
        if path.name != "atomic.py"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if direct.search(line)
    ]
    assert offenders == []
