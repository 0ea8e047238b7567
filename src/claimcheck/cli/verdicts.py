"""Options that name verdicts (`verify --fail-on`, `report --only`): apart from
claimcheck.cli.options, so that commands which read no claims do not import the claims model."""

from __future__ import annotations

from typing import Any

import click

from claimcheck.claims.model import VerdictKind


def parse_verdicts(ctx: click.Context, param: click.Parameter, value: str) -> tuple[Any, ...]:
    """Read a comma list of verdict names ("inconclusive,unverifiable") as VerdictKinds."""
    known = {k.value: k for k in VerdictKind}
    names = [n.strip().lower() for n in value.split(",") if n.strip()]
    unknown = [n for n in names if n not in known]
    if unknown:
        raise click.BadParameter(
            f"unknown verdict {unknown[0]!r}: use a comma list of {', '.join(known)}"
        )
    return tuple(known[n] for n in names)
