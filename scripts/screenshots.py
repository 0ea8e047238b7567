"""Regenerate the pictures of the bundled story that the docs show.

    python scripts/screenshots.py [--browser chromium]

writes docs/map.png (the PNG figure, `claimcheck map --format png`), docs/map-html.png (the
HTML map as headless Chromium draws it at 1200 x 800, offline) and docs/report-html.png (the
top of the HTML report). Run it after changing anything the maps or the report show, and
commit the images. Chromium comes from the distribution (Debian: apt-get install chromium).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from click.testing import CliRunner

from claimcheck.cli import main as claimcheck

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         "--disable-background-networking", "--no-first-run", "--disable-component-update",
         "--virtual-time-budget=5000"]  # fmt: skip


def _run(*args: str) -> None:
    result = CliRunner().invoke(claimcheck, list(args), catch_exceptions=False)
    if result.exit_code != 0:
        sys.exit(f"claimcheck {' '.join(args)} failed: {result.output}")


def _shot(browser: str, page: Path, target: Path, size: str) -> None:
    subprocess.run(
        [browser, *FLAGS, f"--window-size={size}", f"--screenshot={target}", page.as_uri()],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    print(f"wrote {target.relative_to(ROOT)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--browser", default=shutil.which("chromium") or "chromium")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        _run("map", "--format", "png", "-o", str(DOCS / "map.png"))
        print("wrote docs/map.png")
        _run("map", "--format", "html", "-o", str(work / "map.html"))
        _shot(args.browser, work / "map.html", DOCS / "map-html.png", "1200,800")
        _run("report", "--format", "html", "-o", str(work / "report.html"))
        _shot(args.browser, work / "report.html", DOCS / "report-html.png", "1000,1400")


if __name__ == "__main__":
    main()
