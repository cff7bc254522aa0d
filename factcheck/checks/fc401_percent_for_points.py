"""FC401 percent-for-points: 百分比 (%) used where 百分点 (percentage points) is meant.

What it checks
    A rate that moves from X% to Y% changed by |Y − X| percentage points; its relative change is
    (Y ÷ X − 1). When a sentence gives both rates (从X提高到Y, or Y，较上年的X) and a change
    written in % that matches the point difference but not the relative change
    ("从5%提高到8%，提高了3%"), the change should be written "3个百分点".

Why it matters
    "提高了3%" of a 5% rate means 5.15%; readers and statisticians read % and 个百分点
    differently, and the mix-up misstates the change by a factor of the base rate.

Fails
    研发投入强度从5%提高到8%，提高了3%。

Passes
    研发投入强度从5%提高到8%，提高了3个百分点。
    研发投入强度从5%提高到8%，提高了60%。
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from ..model import Finding
from .arith import Iv, num, stated
from .base import Context, finding, where

CODE = "FC401"
NAME = "percent-for-points"
SEVERITY = "warning"

CHANGE = ("提高", "上升", "增加", "下降", "降低", "减少", "回落", "提升", "增长", "扩大", "收窄")


def _relative_fits(base, rate, zi: Iv) -> bool:
    relative = Iv.of(rate.quantity).ratio(Iv.of(base.quantity))
    if relative is None:
        return False
    rel = Iv(
        None if relative.lo is None else abs(relative.lo - 1) * 100,
        None if relative.hi is None else abs(relative.hi - 1) * 100,
    )
    return rel.meets(zi) or Iv(rel.hi, rel.lo).meets(zi)


def run(ctx: Context) -> Iterable[Finding]:
    for _, cs in ctx.by_document().items():
        for z in cs:
            if z.quantity.unit != "%":
                continue
            pre = z.sentence[max(0, z.sentence_offset - 6) : z.sentence_offset]
            if not any(w in pre for w in CHANGE):
                continue
            rates = [
                x
                for x in ctx.sentence(z)
                if x.sentence_offset < z.sentence_offset and x.quantity.unit == "%"
            ]
            if len(rates) < 2:
                continue
            x, y = rates[-2], rates[-1]
            s = z.sentence
            lead = s[max(0, x.sentence_offset - 8) : x.sentence_offset]
            mid = s[x.sentence_offset : y.sentence_offset]
            from_to = ("从" in lead or "由" in lead) and any(w in mid for w in ("到", "至"))
            # 达1.72%，较上年的1.58%提升0.14%: the rate, then its base after 较/比
            versus = any(w in mid for w in ("较", "比")) and not any(
                w in mid for w in ("到", "至", "高于", "低于")
            )
            if not (from_to or versus):
                continue
            between = s[y.sentence_offset : z.sentence_offset]
            if any(c in between for c in "；;。"):
                continue
            points = Iv.of(y.quantity) - Iv.of(x.quantity)
            points = points if (points.lo or 0) >= 0 else points.scale(-1)
            zi = Iv.of(z.quantity)
            if z.quantity.value < 0:
                zi = zi.scale(Decimal(-1))  # 下降了0.3%: the size of the change
            if not points.meets(zi):
                continue
            if _relative_fits(x, y, zi) or _relative_fits(y, x, zi):
                continue  # the change also reads as a relative one
            if versus:
                x, y = y, x  # from the base to the rate
            d = abs(y.quantity.value - x.quantity.value)
            msg = (
                f"From “{stated(x)}” to “{stated(y)}” is a change of {num(d, z.quantity)} percentage "
                f"points, which is what {where(z)} “{stated(z)}” states — write "
                f"“{num(d, z.quantity)}个百分点”; in % the change is "
                f"{num(abs(y.quantity.value / x.quantity.value - 1) * 100, z.quantity)}%."
            )
            yield finding(CODE, NAME, SEVERITY, msg, [z, x, y])
