"""FC104 target-conflict: two different goals for the same thing and horizon.

What it checks
    Target claims (到2025年…, 力争, 目标, 争取) about the same entity, metric, aspect and horizon
    year whose stated values differ. A goal is the number written: 超过1.5万亿元 and 一万五千亿元以上
    are the same goal; 1.5万亿元 and 2万亿元 are not. Goals stated as "about" (约, 左右) are
    compared at their band.

Why it matters
    A plan has one target. Two different targets in the paper's reporting mean one of them is
    wrong, outdated or belongs to another plan, and the text should say which.

Fails
    a.txt: 到2025年，佛山工业增加值力争达到1.2万亿元。
    b.txt: 佛山提出，到2025年工业增加值超过1.5万亿元。

Passes
    a.txt: 到2025年，佛山工业增加值力争达到1.2万亿元。
    b.txt: 佛山到2025年工业增加值目标为一万二千亿元。
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Claim, Finding
from .base import Context, cite, finding, group, overlaps, subject

CODE = "FC104"
NAME = "target-conflict"
SEVERITY = "warning"


def key(c: Claim):
    if c.modality != "target" or not (c.entity and c.metric and c.period):
        return None
    return (c.entity, c.metric, c.aspect, c.scope, c.period.key, c.quantity.unit)


def same_goal(a: Claim, b: Claim) -> bool:
    qa, qb = a.quantity, b.quantity
    if "approx" in (qa.bound, qb.bound) or qa.bound == "range" or qb.bound == "range":
        return overlaps(qa, qb)
    return qa.value == qb.value


def run(ctx: Context) -> Iterable[Finding]:
    claims = ctx.specific
    for _, cs in group(claims, key).items():
        bad = []
        for i, a in enumerate(cs):
            for b in cs[i + 1 :]:
                if not same_goal(a, b):
                    bad.append((a, b))
        if not bad:
            continue
        a, b = bad[0]
        involved = [c for pair in bad for c in pair]
        msg = (
            f"Two different goals for {subject(a)} "
            f"{'by ' + str(a.period.year) if a.period.key == str(a.period.year) else 'for ' + a.period.key}"
            f": {cite(a)}, but {cite(b)}."
            " Say which plan each goal belongs to, or correct one of them."
        )
        yield finding(CODE, NAME, SEVERITY, msg, involved)
