"""Write files so that a crash, a full disk or a kill never leaves a half-written file behind.

The new content goes to a temporary file in the same directory (so the final rename stays on one
filesystem), is flushed and fsynced, then renamed over the target with os.replace, which is
atomic on POSIX and Windows. On any failure the temporary file is removed and the original is
left as it was.
"""

from __future__ import annotations

import contextlib
import os
import tempfile


def write_bytes_atomic(path: str, data: bytes) -> None:
    """Replace `path` with `data` in one step; the old content survives any failure."""
    target = os.path.abspath(path)
    directory = os.path.dirname(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(target)}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if os.path.exists(target):
            os.chmod(tmp, os.stat(target).st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    _fsync_directory(directory)


def write_text_atomic(path: str, text: str) -> None:
    """Replace `path` with `text` as UTF-8, keeping the line endings given."""
    write_bytes_atomic(path, text.encode("utf-8"))


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
