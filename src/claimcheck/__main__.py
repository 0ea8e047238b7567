"""`python -m claimcheck`: the same as the `claimcheck` command."""

from claimcheck.cli import run

if __name__ == "__main__":
    run()
