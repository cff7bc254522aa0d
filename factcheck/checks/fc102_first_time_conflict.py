"""FC102 first-time-conflict: "首次突破X" although the same quantity was already above X.

What it checks
    A claim that a quantity passed a threshold for the first time (首次突破/首次超过X in period
    P) against any claim, in any document, that the same entity's same metric was already at or
    above X in an earlier period — including a second "首次" for an earlier period. Scopes must
    agree, or be such that no reading of an unstated scope removes the conflict (a 全口径 total
    cannot pass X after any part of it did). The earlier period may not be longer than P
    (前10个月首次突破4万亿元 is not contradicted by an earlier full year).

Why it matters
    "First time" is a strong, checkable statement. If the paper said the quantity crossed the
    line a year earlier, one of the two reports is wrong.

Fails
    a.txt: 2022年，东莞规模以上工业增加值首次突破5000亿元。
    b.txt: 2021年东莞规上工业增加值突破5000亿元。

Passes
    a.txt: 2022年，东莞规模以上工业增加值首次突破5000亿元。
    b.txt: 2021年东莞规上工业增加值4800亿元。
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Claim, Finding
from .base import Context, cite, finding, scope_class, subject

CODE = "FC102"
NAME = "first-time-conflict"
SEVERITY = "error"


def threshold(c: Claim):
    q = c.quantity
    return q.low if q.low is not None else q.value


def _months(c: Claim) -> int:
    p = c.period
    return 12 if p is None else p.last_month - p.first_month + 1


def earlier_at_or_above(a: Claim, claims: list[Claim]) -> list[Claim]:
    """Claims about a's entity and metric, earlier than a's period, already at or above a's threshold."""
    x = threshold(a)
    out = []
    for b in claims:
        if b is a or b.modality != "actual" or b.aspect != a.aspect:
            continue
        if (b.entity, b.metric, b.quantity.unit) != (a.entity, a.metric, a.quantity.unit):
            continue
        if b.period is None or b.period.year >= a.period.year:
            continue
        if b.period.label != a.period.label or _months(b) > _months(a):
            continue  # 前10个月首次突破4万亿元: a full year before it says nothing about that
        if b.quantity.low is not None and b.quantity.low >= x:
            out.append(b)
    return out


def reconcilable(a: Claim, b: Claim) -> bool:
    """True when reading the unstated scope(s) differently removes the conflict: the first-time
    claim must be the narrower scope (规上) and the earlier claim the broader one (全口径)."""
    sa, sb = scope_class(a.scope), scope_class(b.scope)
    if "other" in (sa, sb) or (sa == "unstated" and sb == "unstated"):
        return False
    return sa in ("narrow", "unstated") and sb in ("broad", "unstated")


def firsts(claims: list[Claim]) -> list[Claim]:
    return [
        c
        for c in claims
        if c.first_time
        and c.entity
        and c.metric
        and c.period
        and c.modality == "actual"
        and c.aspect == "level"
    ]


def conflicting(a: Claim, b: Claim) -> bool:
    sa, sb = scope_class(a.scope), scope_class(b.scope)
    if sa == "narrow" and sb == "broad":
        return False  # a part passing X after the whole did is consistent
    if sa == sb == "other" and a.scope != b.scope:
        return False
    return True


def run(ctx: Context) -> Iterable[Finding]:
    claims = ctx.claims
    reported: set[tuple] = set()
    for a in firsts(claims):
        bs = [
            b
            for b in earlier_at_or_above(a, claims)
            if conflicting(a, b) and not reconcilable(a, b)
        ]
        if not bs:
            continue
        # the headline and the body saying the same first time are one finding
        key = (a.path, a.period_key, a.quantity.low, frozenset(id(b) for b in bs))
        if key in reported:
            continue
        reported.add(key)
        years = sorted({b.period_key for b in bs})
        msg = (
            f"{subject(a)} is said to pass its threshold for the first time in {a.period_key} "
            f"({cite(a)}), but {len(bs)} claim(s) put it at or above that level already in "
            f"{', '.join(years)}: " + "; ".join(cite(b) for b in bs) + "."
        )
        yield finding(CODE, NAME, SEVERITY, msg, [a, *bs])
