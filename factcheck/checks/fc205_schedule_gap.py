"""FC205 schedule-gap: a 时序进度 (time-elapsed) comparison that does not hold.

What it checks
    "1—4月完成年度计划的37%，超过时序进度4个百分点": by the end of month m, the share of the year
    elapsed is m/12 (4/12 = 33.3%). The stated gap must equal the completed share minus the
    elapsed share, at the writer's precision (37 − 33.3 = 3.7 ≈ 4 ✓). 超过/快于/高于 mean ahead
    of schedule, 低于/慢于/落后 behind (also 比时序进度快/慢); a wrong sign or size is flagged. The months come from
    the figure's period (1—4月, 前三季度, 上半年), even when its year is not stated.

Why it matters
    Progress against the calendar is how readers judge whether a yearly plan is on track; a
    miscomputed gap makes a lagging plan look ahead, or the other way round.

Fails
    1—4月完成年度投资计划的37%，超过时序进度8个百分点。
    前三季度完成年度目标的70%，超过时序进度5个百分点。

Passes
    1—4月完成年度投资计划的37%，超过时序进度4个百分点。
    上半年完成全年任务的48%，低于时序进度2个百分点。
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from ..model import Finding
from ..vocab import load_vocab
from .arith import Iv, num, stated
from .base import Context, finding, where

CODE = "FC205"
NAME = "schedule-gap"
SEVERITY = "error"

AHEAD = ("超过", "快于", "高于", "领先", "超")
BEHIND = ("低于", "慢于", "落后", "滞后")
WORDS = ("时序进度", "序时进度", "时间进度")


def _elapsed_months(text: str, vocab) -> tuple[int, int] | None:
    """The first sub-period of the year named in the text (1—4月, 前三季度, 上半年)."""
    for m in vocab.period_re.finditer(text):
        g = m.groupdict()
        sub = g["sub"] or g["sub_"]
        if sub and vocab.subperiods[sub] != (1, 12):
            return vocab.subperiods[sub]
        m1, m2 = g["m1"] or g["m1_"], g["m2"] or g["m2_"]
        if m1 and m2:
            return int(m1), int(m2)
        one = g["m"] or g["m_"]
        if one:
            return 1, int(one)  # 截至4月
    return None


def run(ctx: Context) -> Iterable[Finding]:
    vocab = load_vocab(ctx.rules)
    for _, cs in ctx.by_document().items():
        for g in cs:
            if g.quantity.unit != "pp":
                continue
            s = g.sentence
            before = [
                c
                for c in ctx.sentence(g)
                if c.sentence_offset < g.sentence_offset and c.quantity.unit == "%"
            ]
            if not before:
                continue
            p = before[-1]
            mid = s[p.sentence_offset : g.sentence_offset]
            if not any(w in mid for w in WORDS):
                continue
            months = _elapsed_months(s[: p.sentence_offset], vocab) or p.months
            if not months or months[0] != 1 or months[1] == 12:
                continue
            sign = 1 if any(w in mid for w in AHEAD) else -1 if any(w in mid for w in BEHIND) else 0
            if sign == 0:
                # 比时序进度慢3.7个百分点: the comparison word comes after the schedule
                w = next(w for w in WORDS if w in mid)
                tail = mid[mid.rfind(w) + len(w) :].strip(" ）)")
                sign = (
                    1
                    if tail[:1] in ("快", "高", "多")
                    else -1
                    if tail[:1] in ("慢", "低", "少")
                    else 0
                )
            if sign == 0:
                continue
            elapsed = Decimal(months[1]) * 100 / 12
            gap = (Iv.of(p.quantity) - Iv.point(elapsed)).scale(Decimal(sign))
            if gap.meets(Iv.of(g.quantity)):
                continue
            exact = p.quantity.value - elapsed
            ahead = "ahead of" if exact >= 0 else "behind"
            msg = (
                f"By the end of month {months[1]}, {months[1]}/12 = {num(elapsed, p.quantity)}% of the "
                f"year has passed; {num(p.quantity.value, p.quantity)}% − {num(elapsed, p.quantity)}% = "
                f"{num(exact, p.quantity)} points, i.e. {num(abs(exact), p.quantity)} points {ahead} "
                f"schedule, but {where(g)} says “{stated(g)}” "
                f"{'ahead of' if sign > 0 else 'behind'} schedule."
            )
            yield finding(CODE, NAME, SEVERITY, msg, [g, p])
