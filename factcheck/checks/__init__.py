"""The registry: every check, in code order. One module per check; its docstring is its
documentation (`factcheck explain CODE`)."""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Claim, Finding
from . import (
    fc101_value_conflict,
    fc102_first_time_conflict,
    fc103_scope_ambiguity,
    fc104_target_conflict,
    fc105_count_conflict,
)
from .base import CheckInfo

MODULES = (
    fc101_value_conflict,
    fc102_first_time_conflict,
    fc103_scope_ambiguity,
    fc104_target_conflict,
    fc105_count_conflict,
)

REGISTRY: dict[str, CheckInfo] = {
    m.CODE: CheckInfo(m.CODE, m.NAME, m.SEVERITY, (m.__doc__ or "").strip(), m.run) for m in MODULES
}

SEVERITIES = ("error", "warning", "info")


def run_checks(claims: list[Claim], select: Iterable[str] | None = None) -> list[Finding]:
    chosen = set(select) if select else None
    out: list[Finding] = []
    for code, info in REGISTRY.items():
        if chosen is not None and code not in chosen and info.name not in chosen:
            continue
        out.extend(info.run(claims))
    return out
