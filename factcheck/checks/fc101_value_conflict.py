"""FC101 value-conflict: the same fact stated with values that cannot both be true.

What it checks
    Claims in different documents about the same entity, metric, aspect (level, growth …),
    scope, period and modality whose intervals do not intersect. Each interval comes from the
    writer's precision and qualifiers (1.1万亿元 is [1.05, 1.15)×10¹²; 超过1.1万亿元 is above it),
    so a restatement in another notation or rounding never conflicts.

Why it matters
    A figure that the paper already published differently is either a typo, an outdated
    number, or a different definition that the text does not state. Readers notice.

Fails
    a.txt: 2022年，深圳工业投资1372亿元。   b.txt: 2022年，深圳工业投资1520亿元。

Passes
    a.txt: 2022年，深圳工业投资1372亿元。   b.txt: 2022年深圳工业投资约1400亿元。
    (and: different years, a growth rate beside a level, a target beside an actual)
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Claim, Finding
from .base import Context, cite, disjoint_pairs, finding, group, period_label, subject

CODE = "FC101"
NAME = "value-conflict"
SEVERITY = "error"


def key(c: Claim):
    q = c.quantity
    if not (c.entity and c.metric and c.period) or q.dimension == "count" or c.modality != "actual":
        return None
    return (c.entity, c.metric, c.aspect, c.scope, c.period_key, q.unit)


def _relative_gap(pair: tuple[Claim, Claim]):
    a, b = pair
    scale = max(abs(a.quantity.value), abs(b.quantity.value)) or 1
    return abs(b.quantity.value - a.quantity.value) / scale


def run(ctx: Context) -> Iterable[Finding]:
    claims = ctx.specific
    for _, cs in group(claims, key).items():
        pairs = disjoint_pairs(cs)
        bad = [c for p in pairs for c in p]
        if not pairs:
            continue
        # the closest disagreement first: 1557.6亿斤 against 1575.6亿斤 says more than an outlier
        a, b = min(pairs, key=_relative_gap)
        msg = (
            f"{subject(a)} in {period_label(a)} is stated with values that cannot both hold: "
            f"{cite(a)}, but {cite(b)}; the intervals do not overlap."
        )
        if len(pairs) > 1:
            msg += f" ({len(pairs)} conflicting pairs in all.)"
        yield finding(CODE, NAME, SEVERITY, msg, bad)
