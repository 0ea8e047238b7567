"""The command line: thin commands over the library, one module per command.

The cyclic garbage collector is paused while the command line's own modules are imported
(click's here, each command's in claimcheck.cli.app): they build tens of thousands of objects
that live as long as the process, which each collection meanwhile walks and cannot free.

`run` is the `claimcheck` program (and `python -m claimcheck`): `main`, then the process ends
without Python freeing every object it made one by one, which the operating system does at
once (~26 ms of ~1.3 s for 10,000 claims: millions of objects). Every file a command writes is
closed before it returns (writes are atomic: claimcheck.files.atomic); output is flushed here.
Tests call `main` through click's runner, which needs the process to go on.
"""

import contextlib
import gc
import os
import sys
from typing import NoReturn

_collecting = gc.isenabled()
gc.disable()
try:
    from claimcheck.cli.app import main
finally:
    if _collecting:
        gc.enable()

__all__ = ["main", "run"]


def run() -> NoReturn:
    """`main`, its exit code as Python would give it, and no teardown (see the module)."""
    try:
        main()
    except SystemExit as exc:
        # ended within the handler: the exception's traceback holds the command's frames, and
        # leaving the handler would free their data object by object (~40 ms for 10,000 claims)
        _exit(exc.code)
    else:
        _exit(0)


def _exit(code: object) -> NoReturn:
    if code is None:
        code = 0
    elif not isinstance(code, int):  # as Python reports sys.exit("message")
        sys.stderr.write(f"{code}\n")
        code = 1
    for stream in (sys.stdout, sys.stderr):
        # a reader that stopped reading (`| head`), or a stream closed: nothing more to say
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)
