"""Write files so that a crash, a full disk or a kill never leaves a half-written file behind.

The new content goes to a temporary file in the target's directory (so the final rename stays
on one filesystem), is flushed and fsynced, then renamed over the target with os.replace, which
is atomic on POSIX and Windows. On any failure, Ctrl-C or SIGTERM the temporary file is removed
and the original is left as it was. A temporary file is named `.TARGET.claimcheck-PID-RANDOM.tmp`,
so one that a SIGKILL left behind is recognisable: the next write to the same target removes
those whose process is gone.

A target that is a symbolic link is written through: its target file is replaced, the link
stays a link. A target without write permission (e.g. 0444) is refused, not replaced. Every
failure to write becomes a DataError naming the file, never a traceback.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import stat
import tempfile
from collections.abc import Callable, Iterator
from types import FrameType

from claimcheck.errors import DataError, Problem

#: The fixed part of a temporary file's name, between the target's name and the process id.
TEMP_MARK = ".claimcheck-"
TEMP_SUFFIX = ".tmp"
#: Signals that end a process politely; while a write runs, they remove its temporary file first.
_CLEANUP_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)
)


def write_bytes_atomic(path: str, data: bytes, unchanged_from: bytes | None = None) -> None:
    """Replace `path` with `data` in one step; the old content survives any failure.

    `unchanged_from`: the bytes the caller read from `path` earlier; if the file no longer holds
    exactly them at the moment of the rename, nothing is written (DataError: run again).
    """
    with atomic_path(path) as (temp, target):
        try:
            with open(temp, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        except OSError as exc:
            raise _cannot_write(path, exc) from exc
        if unchanged_from is not None and _current_bytes(target) != unchanged_from:
            raise changed_on_disk(path)


def changed_on_disk(path: str) -> DataError:
    """The error for a file that is no longer what the command read: nothing is written."""
    message = "the file changed on disk while claimcheck ran; nothing was written: run it again"
    return DataError([Problem(path, 0, 0, "", message)])


def write_text_atomic(path: str, text: str) -> None:
    """Replace `path` with `text` as UTF-8, keeping the line endings given."""
    write_bytes_atomic(path, text.encode("utf-8"))


@contextlib.contextmanager
def atomic_path(path: str) -> Iterator[tuple[str, str]]:
    """A fresh temporary path beside `path`'s real file, renamed over it when the block ends.

    Yields (temporary path, real target path). The block writes the temporary file (by any
    means, e.g. SQLite); it gets the mode the target has, or for a new file the mode the umask
    gives (0666 & ~umask), then replaces the target. If the block raises, or SIGTERM/SIGHUP
    arrives, the temporary file is removed and the target is untouched.
    """
    target = os.path.realpath(path)
    directory = os.path.dirname(target)
    mode = _target_mode(path, target)
    remove_stale_temps(target)
    try:
        fd, temp = tempfile.mkstemp(
            prefix=f".{os.path.basename(target)}{TEMP_MARK}{os.getpid()}-",
            suffix=TEMP_SUFFIX,
            dir=directory,
        )
    except OSError as exc:
        raise _cannot_write(path, exc) from exc
    os.close(fd)
    try:
        with _removed_on_signal(temp):
            yield temp, target
            try:
                os.chmod(temp, mode)
                os.replace(temp, target)
            except OSError as exc:
                raise _cannot_write(path, exc) from exc
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise
    _fsync_directory(directory)


def remove_stale_temps(target: str) -> list[str]:
    """Remove the temporary files an earlier, killed write to `target` left; returns their names.

    Only files named for this target by this module whose process no longer runs are removed,
    so a write still under way in another process keeps its file.
    """
    directory = os.path.dirname(target)
    prefix = re.escape(f".{os.path.basename(target)}{TEMP_MARK}")
    pattern = re.compile(prefix + r"(\d+)-[^/]*" + re.escape(TEMP_SUFFIX))
    removed: list[str] = []
    try:
        names = os.listdir(directory)
    except OSError:
        return removed
    for name in names:
        match = pattern.fullmatch(name)
        if match is None or _process_runs(int(match.group(1))):
            continue
        with contextlib.suppress(OSError):
            os.unlink(os.path.join(directory, name))
            removed.append(name)
    return removed


def _process_runs(pid: int) -> bool:
    if pid == os.getpid():
        return False  # this process writes one file at a time: an earlier temp is stale
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # exists, or cannot tell: keep its file
    return True


def _target_mode(path: str, target: str) -> int:
    """The mode the new file gets; refuses a target the user may not write."""
    try:
        st = os.stat(target)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
    except OSError as exc:
        raise _cannot_write(path, exc) from exc
    if not stat.S_ISREG(st.st_mode):
        raise DataError([Problem(path, 0, 0, "", "cannot write file: not a regular file")])
    mode = stat.S_IMODE(st.st_mode)
    if not st.st_mode & 0o222:
        reason = f"it is read-only (mode {mode:04o})"
    elif os.access(target, os.W_OK):
        return mode
    elif os.statvfs(target).f_flag & os.ST_RDONLY:
        reason = "its file system is mounted read-only"
    else:
        reason = f"you may not write it (mode {mode:04o}, owner uid {st.st_uid})"
    raise DataError([Problem(path, 0, 0, "", f"cannot write file: {reason}; nothing was written")])


def _current_bytes(target: str) -> bytes | None:
    try:
        with open(target, "rb") as handle:
            return handle.read()
    except OSError:
        return None


def _cannot_write(path: str, exc: OSError) -> DataError:
    reason = exc.strerror or str(exc)
    if isinstance(exc, FileNotFoundError):
        reason += f": does the directory {os.path.dirname(os.path.abspath(path))!r} exist?"
    return DataError([Problem(path, 0, 0, "", f"cannot write file: {reason}")])


@contextlib.contextmanager
def _removed_on_signal(temp: str) -> Iterator[None]:
    """While the block runs, SIGTERM and SIGHUP first remove `temp`, then act as before.

    Only in the main thread (the only one Python lets set handlers) and only for signals not
    ignored; the previous handlers are back when the block ends.
    """
    previous: dict[int, Callable[[int, FrameType | None], object] | int | None] = {}

    def handler(signum: int, frame: FrameType | None) -> None:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        old = previous.get(signum, signal.SIG_DFL)
        signal.signal(signum, old if old is not None else signal.SIG_DFL)
        if callable(old):
            old(signum, frame)
        else:  # the default action: end the process, as the signal asked
            os.kill(os.getpid(), signum)

    try:
        for signum in _CLEANUP_SIGNALS:
            old = signal.getsignal(signum)
            if old is signal.SIG_IGN:
                continue
            previous[signum] = old
            signal.signal(signum, handler)
    except ValueError:  # not the main thread
        previous.clear()
    try:
        yield
    finally:
        for signum, old in previous.items():
            signal.signal(signum, old if old is not None else signal.SIG_DFL)


def _fsync_directory(directory: str) -> None:
    """Make the rename itself durable; not every platform can open a directory."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
