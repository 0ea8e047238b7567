"""The command line: thin commands over the library, one module per command.

The cyclic garbage collector is paused while the command line's own modules are imported
(click's here, each command's in claimcheck.cli.app): they build tens of thousands of objects
that live as long as the process, which each collection meanwhile walks and cannot free.
"""

import gc

_collecting = gc.isenabled()
gc.disable()
try:
    from claimcheck.cli.app import main
finally:
    if _collecting:
        gc.enable()

__all__ = ["main"]
