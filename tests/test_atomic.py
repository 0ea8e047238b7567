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

from claimcheck.errors import DataError
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
        real_open = open

        class Full:
            def __init__(self, path: str, mode: str) -> None:
                self.handle = real_open(path, mode)

            def __enter__(self) -> Full:
                return self

            def __exit__(self, *exc: object) -> None:
                self.handle.close()

            def write(self, data: bytes) -> int:
                self.handle.write(data[: len(data) // 2])
                raise OSError(28, "No space left on device")

        monkeypatch.setattr(atomic, "open", Full, raising=False)
    else:
        monkeypatch.setattr(atomic.os, failing, boom)
    with pytest.raises(DataError, match="cannot write file: No space left"):
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


#: A child that starts an atomic write, says so, and hangs before the rename until killed. A
#: shell's background job starts with Ctrl-C ignored, and Python then keeps ignoring it: the
#: child takes SIGINT's default back, as any interactive run has it.
CHILD = """
import os, signal, sys, time
signal.signal(signal.SIGINT, signal.default_int_handler)
from claimcheck.files import atomic
def stall(fd):
    print("writing", flush=True)
    time.sleep(60)
atomic.os.fsync = stall
atomic.write_text_atomic(sys.argv[1], "claims: []\\n" * 100000)
"""


@pytest.mark.parametrize(
    ("sig", "cleans_up"),
    [(signal.SIGINT, True), (signal.SIGTERM, True), (signal.SIGHUP, True), (signal.SIGKILL, False)],
)
def test_a_process_killed_mid_write_leaves_the_original(
    target: Path, sig: signal.Signals, cleans_up: bool
) -> None:
    """SIGINT unwinds, SIGTERM and SIGHUP run a handler set for the write: each removes the temp
    file. KILL ends the process where it stands, so a `.claims.yaml.claimcheck-PID-*.tmp` may
    remain (the next write removes it), but the original is never touched."""
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
        if sig != signal.SIGINT:  # the signal still ends the process, as it asked
            assert child.returncode == -sig
    else:
        prefix = f".claims.yaml.claimcheck-{child.pid}-"
        assert all(n.startswith(prefix) and n.endswith(".tmp") for n in leftovers)
        write_text_atomic(str(target), "claims: []\n")  # the next write to it cleans up
        assert _leftovers(target.parent) == []


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


def test_the_next_write_removes_only_stale_temps_of_its_own_target(tmp_path: Path) -> None:
    target = tmp_path / "claims.yaml"
    target.write_text(ORIGINAL, "utf-8")
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()  # fmt: skip
    stale = tmp_path / f".claims.yaml.claimcheck-{dead}-abc.tmp"
    live = tmp_path / f".claims.yaml.claimcheck-{os.getppid()}-abc.tmp"  # a running process
    other = tmp_path / f".places.yaml.claimcheck-{dead}-abc.tmp"
    mine = tmp_path / ".claims.yaml.backup.tmp"
    for path in (stale, live, other, mine):
        path.write_bytes(b"x" * 100)
    write_text_atomic(str(target), "claims: []\n")
    assert _leftovers(tmp_path) == sorted(p.name for p in (live, other, mine))


def test_sigterm_handlers_are_back_after_the_write(target: Path) -> None:
    before = signal.getsignal(signal.SIGTERM)
    write_text_atomic(str(target), "claims: []\n")
    assert signal.getsignal(signal.SIGTERM) is before


def test_a_symlink_is_written_through_and_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "data" / "claims.yaml"
    real.parent.mkdir()
    real.write_text(ORIGINAL, "utf-8")
    link = tmp_path / "link.yaml"
    link.symlink_to(os.path.relpath(real, tmp_path))
    write_text_atomic(str(link), "claims: []\n")
    assert link.is_symlink()
    assert real.read_text("utf-8") == "claims: []\n"
    assert sorted(os.listdir(real.parent)) == ["claims.yaml"]


def test_a_read_only_file_is_refused_not_replaced(target: Path) -> None:
    target.chmod(0o444)
    with pytest.raises(DataError, match=r"it is read-only \(mode 0444\); nothing was written"):
        write_text_atomic(str(target), "claims: []\n")
    assert target.read_text("utf-8") == ORIGINAL
    assert _leftovers(target.parent) == []


class _StatVfs:
    def __init__(self, flag: int) -> None:
        self.f_flag = flag


@pytest.mark.parametrize(
    ("flag", "reason"),
    [(os.ST_RDONLY, "its file system is mounted read-only"),
     (0, r"you may not write it \(mode 0644, owner uid \d+\)")],
)  # fmt: skip
def test_a_writable_mode_that_cannot_be_written_says_why(
    target: Path, monkeypatch: pytest.MonkeyPatch, flag: int, reason: str
) -> None:
    """A 0644 file on a read-only mount, or someone else's: "read-only (mode 0644)" would
    contradict itself, so the message names the mount or the permission."""
    target.chmod(0o644)
    monkeypatch.setattr(atomic.os, "access", lambda *args, **kwargs: False)
    monkeypatch.setattr(atomic.os, "statvfs", lambda path: _StatVfs(flag))
    with pytest.raises(DataError, match=f"cannot write file: {reason}; nothing was written"):
        write_text_atomic(str(target), "claims: []\n")
    assert target.read_text("utf-8") == ORIGINAL


def test_a_missing_directory_is_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="No such file or directory: does the directory"):
        write_text_atomic(str(tmp_path / "nope" / "out.md"), "x")


def test_a_read_only_directory_is_a_data_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Root ignores directory modes, so the refusal the kernel gives is simulated too."""
    if os.geteuid() != 0:
        tmp_path.chmod(0o555)
    else:

        def refuse(*args: Any, **kwargs: Any) -> Any:
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(atomic.tempfile, "mkstemp", refuse)
    try:
        with pytest.raises(DataError, match="cannot write file: Permission denied"):
            write_text_atomic(str(tmp_path / "out.md"), "x")
    finally:
        tmp_path.chmod(0o755)
