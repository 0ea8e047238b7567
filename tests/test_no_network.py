"""`claimcheck verify` never reaches the network: a fact-checker's data stays on their machine.

The whole suite runs with pytest-socket's --disable-socket (see pyproject.toml); these tests
check that the block is really on, that verify makes no attempt a broad `except` could hide,
and that a fresh interpreter running the real CLI opens no socket either.
"""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import pytest_socket
from click.testing import CliRunner

from claimcheck.cli import main

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("family", "kind"),
    [(socket.AF_INET, socket.SOCK_STREAM), (socket.AF_INET6, socket.SOCK_DGRAM)],
)
def test_the_suite_blocks_internet_sockets(family: int, kind: int) -> None:
    blocked = pytest.raises(pytest_socket.SocketBlockedError)
    with pytest.warns(UserWarning, match="tried to use socket"), blocked:
        socket.socket(family, kind)


def test_verify_makes_no_network_attempt(monkeypatch: pytest.MonkeyPatch) -> None:
    """Record every way Python code could reach out, so a swallowed error still shows."""
    attempts: list[str] = []

    def tripwire(name: str) -> Any:
        def record(*args: Any, **kwargs: Any) -> Any:
            attempts.append(f"{name}{args!r}")
            raise OSError(f"network access in a test: {name}")

        return record

    for name in ("getaddrinfo", "gethostbyname", "create_connection"):
        monkeypatch.setattr(socket, name, tripwire(name))
    monkeypatch.setattr(socket.socket, "connect", tripwire("connect"))
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["verify", "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    assert attempts == []


def test_pyproj_never_downloads_grids() -> None:
    """PROJ fetches transformation grids with its own C code, out of pytest-socket's reach."""
    import pyproj.network

    CliRunner().invoke(main, ["verify", "--claims", str(ROOT / "data" / "claims.yaml"),
                              "--places", str(ROOT / "data" / "places.yaml")])  # fmt: skip
    assert not pyproj.network.is_network_enabled()


TRIPWIRE = """
import socket, sys
def tripwire(*args, **kwargs):
    sys.stderr.write("NETWORK ATTEMPT %r\\n" % (args,))
    raise SystemExit(99)
socket.socket.connect = tripwire
socket.getaddrinfo = socket.create_connection = socket.gethostbyname = tripwire
from claimcheck.cli import main
main()
"""


def test_a_fresh_cli_process_opens_no_socket() -> None:
    done = subprocess.run(
        [sys.executable, "-c", TRIPWIRE, "verify"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "NETWORK ATTEMPT" not in done.stderr
    assert done.returncode in (0, 1), done.stderr
