"""The registry: every check, in code order. One module per check; its docstring is its
documentation (`factcheck explain CODE`)."""

from __future__ import annotations

import importlib
from collections.abc import Iterable

from ..model import Claim, Document, Finding
from .base import CheckInfo, Context

# the one-minute list of every check, in code order
NAMES = (
    "fc101_value_conflict",
    "fc102_first_time_conflict",
    "fc103_scope_ambiguity",
    "fc104_target_conflict",
    "fc105_count_conflict",
    "fc201_parts_exceed_total",
    "fc202_wrong_point_gap",
    "fc203_share_mismatch",
    "fc204_growth_mismatch",
    "fc205_schedule_gap",
    "fc206_headline_overstates_body",
    "fc207_respectively_mismatch",
    "fc208_implied_total_mismatch",
    "fc401_percent_for_points",
)
MODULES = tuple(importlib.import_module(f"{__name__}.{n}") for n in NAMES)

REGISTRY: dict[str, CheckInfo] = {
    m.CODE: CheckInfo(m.CODE, m.NAME, m.SEVERITY, (m.__doc__ or "").strip(), m.run) for m in MODULES
}

SEVERITIES = ("error", "warning", "info")


def run_checks(
    claims: list[Claim],
    select: Iterable[str] | None = None,
    docs: dict[str, Document] | None = None,
    rules: tuple[str, ...] = (),
    errors: list[str] | None = None,
) -> list[Finding]:
    """Run the selected checks. With `errors` given, a check that crashes is reported there
    (and the others still run) instead of raising."""
    chosen = set(select) if select else None
    ctx = Context(claims, docs or {}, rules)
    out: list[Finding] = []
    for code, info in REGISTRY.items():
        if chosen is not None and code not in chosen and info.name not in chosen:
            continue
        try:
            out.extend(info.run(ctx))
        except Exception as e:  # a bug in one check must not hide the others' findings
            if errors is None:
                raise
            errors.append(f"internal error in {code} {info.name}: {type(e).__name__}: {e}")
    return out
