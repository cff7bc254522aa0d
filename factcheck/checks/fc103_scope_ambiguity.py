"""FC103 scope-ambiguity: figures that agree only if an unstated scope is not the stated one.

What it checks
    Pairs of claims about the same entity, metric and aspect where one states its scope
    (规模以上/规上, 限额以上, 全口径) and the other leaves it unstated, and the two contradict
    each other if the unstated one is read in the stated scope — but hold together if it is read
    in the other scope. Two shapes:
    - first time: "规模以上工业增加值首次突破6000亿元" in 2022 against "工业增加值突破6000亿元" in 2021;
      consistent only if the 2021 figure is 全口径;
    - values: a stated 规上 figure and an unstated figure for the same period whose intervals
      do not overlap, in different articles; consistent only if the unstated figure is 全口径
      (and at least as large). An article that states both (总额X，其中限额以上Y) shows which is
      which, so its scoped figure is not questioned.
    The warning says which scope would reconcile them.

Why it matters
    Readers take an unstated 工业增加值 to mean the same thing as the stated one next to it. If
    the reports only agree under a reading the text never gives, the reader is misled; the fix
    is to state the scope.

Fails
    a.txt: 2022年，佛山规模以上工业增加值首次突破6000亿元。
    b.txt: 2021年，佛山工业增加值突破6000亿元。

Passes
    a.txt: 2022年，佛山规模以上工业增加值首次突破6000亿元。
    b.txt: 2021年，佛山全口径工业增加值突破6000亿元。
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Claim, Finding
from .base import Context, cite, finding, group, overlaps, scope_class, subject
from .fc102_first_time_conflict import conflicting, earlier_at_or_above, firsts, reconcilable

CODE = "FC103"
NAME = "scope-ambiguity"
SEVERITY = "warning"

OTHER = {"narrow": "全口径 (all enterprises)", "broad": "规模以上 (above designated size)"}


def _first_time(claims: list[Claim]) -> Iterable[Finding]:
    for a in firsts(claims):
        bs = [b for b in earlier_at_or_above(a, claims) if conflicting(a, b) and reconcilable(a, b)]
        if not bs:
            continue
        years = ", ".join(sorted({b.period_key for b in bs}))
        if a.scope is not None:
            fix = f"the {years} figures are {OTHER[scope_class(a.scope)]}"
            who = f"{len(bs)} claim(s) that leave the scope unstated"
        else:
            fix = f"the {a.period_key} figure is {OTHER['broad']}"
            who = f"{len(bs)} claim(s) that state {bs[0].scope}"
        msg = (
            f"{subject(a)} is said to pass its threshold for the first time in {a.period_key} "
            f"({cite(a)}), but {who} put {subject(a, scope=False)} at or above that level already "
            f"in {years}: "
            + "; ".join(cite(b) for b in bs)
            + f". They hold together only if {fix}; state the scope."
        )
        yield finding(CODE, NAME, SEVERITY, msg, [a, *bs])


def _key(c: Claim):
    q = c.quantity
    if not (c.entity and c.metric and c.period) or c.modality != "actual" or q.dimension == "count":
        return None
    return (c.entity, c.metric, c.aspect, c.period_key, q.unit)


def _values(claims: list[Claim]) -> Iterable[Finding]:
    for _, cs in group(claims, _key).items():
        stated = [c for c in cs if scope_class(c.scope) in ("narrow", "broad")]
        unstated = [c for c in cs if c.scope is None]
        for s in stated:
            if any(u.path == s.path for u in unstated):
                continue  # 总额X，其中限额以上Y: the article itself tells the scopes apart
            bad = []
            for u in unstated:
                if overlaps(s.quantity, u.quantity):
                    continue
                # the unstated figure must fit the other scope: 全口径 >= 规上
                sq, uq = s.quantity, u.quantity
                if scope_class(s.scope) == "narrow":
                    fits = uq.high is None or sq.low is None or uq.high >= sq.low
                else:
                    fits = uq.low is None or sq.high is None or uq.low <= sq.high
                if fits:
                    bad.append(u)
            if bad:
                msg = (
                    f"{subject(s)} in {s.period_key} is {cite(s)}, but "
                    + "; ".join(cite(u) for u in bad)
                    + f" states {subject(s, scope=False)} for the same period without a scope. "
                    f"They hold together only if the unstated figure is {OTHER[scope_class(s.scope)]}; "
                    "state the scope."
                )
                yield finding(CODE, NAME, SEVERITY, msg, [s, *bad])


def run(ctx: Context) -> Iterable[Finding]:
    claims = ctx.specific
    yield from _first_time(claims)
    yield from _values(claims)
