"""FC202 wrong-point-gap: a percentage-point gap that does not match the two rates.

What it checks
    "增长25.8%，高于全国（8.3%）17.5个百分点": the gap in 个百分点 must equal the difference of
    the two rates stated in the same sentence, at the writer's precision (25.8 − 8.3 = 17.5 ✓).
    Also "比上年（6.1%）提高0.4个百分点", "由4.8%提高到7.6%，提高了2.8个百分点", and
    "低于/慢于/回落" for negative gaps. A gap whose sign is wrong (高于 when the first rate is
    lower) is flagged too. When two places or periods are stated one after the other and the gap
    follows with no object ("全国增长4.6%，江苏增长7.6%，高出3个百分点"), only its size is checked.
    降幅/跌幅…扩大/收窄 compares the sizes of two falls (the base may be written unsigned:
    下降8.9%，降幅比一季度（12.1%）收窄3.2个百分点). When the sentence states only the
    reference rate (增速快于全国（4.6%）3.3个百分点), the place's own rate is the one its sentence
    before gave for the same metric.

Why it matters
    Percentage-point gaps are recomputed by careful readers; a wrong one undermines the whole
    comparison.

Fails
    全省工业投资增长25.8%，高于全国（8.3%）18.5个百分点。
    增速为5.1%，低于全国（6.0%）1.9个百分点。

Passes
    全省工业投资增长25.8%，高于全国（8.3%）17.5个百分点。
    (also: a gap whose second rate is not stated is not checked)
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..model import Claim, Finding
from .arith import Iv, num, stated
from .base import Context, finding, where

CODE = "FC202"
NAME = "wrong-point-gap"
SEVERITY = "error"

ABOVE = ("高于", "快于", "高出", "超过", "超出", "领先")
BELOW = ("低于", "慢于", "低出", "落后")
CMP = re.compile(r"(?:比|较)")
UP = re.compile(r"(?:提高|上升|加快|扩大|增加|高出|快出|多出|超出|高|快|多)[了]?$")
DOWN = re.compile(r"(?:下降|回落|降低|放缓|收窄|减少|低出|慢出|少出|低|慢|少)[了]?$")


_GROWTHS = frozenset({"growth", "growth_mom", "avg_growth"})


def _end(c: Claim) -> int:
    return c.sentence_offset + (c.quantity.vend - c.quantity.vstart)


def _is_reference(c: Claim) -> bool:
    """A rate in parentheses or right after a comparison (全国（8.3%）, 比上半年（5.4%）)."""
    s = c.sentence
    before = s[max(0, c.sentence_offset - 1) : c.sentence_offset]
    return before in ("（", "(")


def gap_structure(gap: Claim, same: list[Claim]) -> tuple[Claim, Claim, int] | None:
    """(subject rate X, reference rate Y, sign) for a pp claim: X − Y = sign × gap.

    Y is the rate right before the gap (usually in parentheses after 高于全国); X is the last
    rate before Y that is not itself a reference, in the same stretch of the sentence (no ；
    between X and the gap)."""
    s = gap.sentence
    before = [c for c in same if c.sentence_offset < gap.sentence_offset and c.quantity.unit == "%"]
    if len(before) < 2:
        return None
    y = before[-1]
    subjects = [c for c in before[:-1] if not _is_reference(c)]
    if not subjects:
        return None
    x = subjects[-1]
    if y.aspect in _GROWTHS and x.aspect not in _GROWTHS:
        # 增长3.2%，完成年度预算的101.4%，增速高于全省（2.1%）: growth is compared with growth
        grown = [c for c in subjects if c.aspect in _GROWTHS]
        if grown:
            x = grown[-1]
    if any(ch in s[x.sentence_offset : gap.sentence_offset] for ch in "；;"):
        return None  # 毛利率21.4%，提高1.2个百分点；费用率11.6%，下降0.4个百分点: two statements
    if x.aspect != y.aspect and "percent" not in (x.aspect, y.aspect):
        return None  # 增长18.9%，占比25.1%，提高1.9个百分点: the gap is not between these two
    # the comparison word sits between X and Y, after the last figure before Y
    last_before_y = max(
        (c for c in same if c.sentence_offset < y.sentence_offset), key=_end, default=x
    )
    mid = s[
        max(_end(x), _end(last_before_y) if last_before_y is not y else _end(x)) : y.sentence_offset
    ]
    tail = s[_end(y) : gap.sentence_offset].strip(" ）)")
    if "时序进度" in mid + tail or "序时进度" in mid + tail or "分别" in mid:
        return None
    if any(w in mid for w in ABOVE):
        return x, y, 1
    if any(w in mid for w in BELOW):
        return x, y, -1
    if CMP.search(mid):
        if UP.search(tail):
            return x, y, 1
        if DOWN.search(tail):
            return x, y, -1
    return None


def _pair_before(gap: Claim, same: list[Claim]) -> tuple[Claim, Claim, str, str] | None:
    """The two rates right before the gap, the text between them, and the text between the
    second one and the gap."""
    s = gap.sentence
    before = [c for c in same if c.sentence_offset < gap.sentence_offset]
    if len(before) < 2 or any(c.quantity.unit != "%" for c in before[-2:]):
        return None
    a, b = before[-2:]
    if any(ch in s[a.sentence_offset : gap.sentence_offset] for ch in "；;。"):
        return None
    return a, b, s[_end(a) : b.sentence_offset], s[_end(b) : gap.sentence_offset]


def from_to(gap: Claim, same: list[Claim]) -> tuple[Claim, Claim, int] | None:
    """由4.8%提高到7.6%，提高了2.2个百分点: (to, from, sign)."""
    got = _pair_before(gap, same)
    if got is None:
        return None
    a, b, mid, tail = got
    lead = a.sentence[max(0, a.sentence_offset - 12) : a.sentence_offset]
    if not (("由" in lead or "从" in lead) and re.search(r"(?:到|至)$", mid.strip())):
        return None
    tail = tail.strip(" ，,）)")
    if UP.search(tail):
        return b, a, 1
    if DOWN.search(tail):
        return b, a, -1
    return None


def two_subjects(gap: Claim, same: list[Claim]) -> tuple[Claim, Claim] | None:
    """全国增长4.6%，江苏增长7.6%，高出2.8个百分点: two rates of one metric for two places or
    periods, then a gap with no object of its own. Which one is the subject is left open: only
    the size of the gap is checked."""
    got = _pair_before(gap, same)
    if got is None:
        return None
    a, b, mid, tail = got
    if a.metric != b.metric or a.aspect != b.aspect or a.metric is None:
        return None
    if (a.entity, a.period_key) == (b.entity, b.period_key):
        return None
    if CMP.search(mid) or any(w in mid for w in (*ABOVE, *BELOW, "分别", "其中")):
        return None
    tail = tail.strip(" ，,")
    place = r"(?:全国|全省|全市|全区|全县)?(?:平均水平|平均)?"
    verb = r"(?:高出|高于|快于|高|快|快出|低于|低出|慢于|低|慢|慢出|相差|差)了?"
    if not re.fullmatch(rf"(?:增速)?(?:比{place})?{verb}{place}", tail):
        return None  # 全省增长7.1%，洛阳增长9.2%，高出全省2.1个百分点
    return a, b


def _falls(g: Claim) -> bool:
    """Does the gap compare the sizes of two falls (降幅, 跌幅)?"""
    before = g.sentence[max(0, g.sentence_offset - 24) : g.sentence_offset]
    return "降幅" in before or "跌幅" in before


def _fall_size(y: Claim) -> bool:
    """Is y written as the size of a fall (降幅比一季度（12.1%）…), not as a signed rate?"""
    before = y.sentence[max(0, y.sentence_offset - 12) : y.sentence_offset]
    return "降幅" in before or "跌幅" in before


def _earlier_subject(
    g: Claim, same: list[Claim], cs: list[Claim]
) -> tuple[Claim, Claim, int] | None:
    """增长7.5%。⏎全市规上工业增加值增速快于全国（4.6%）3.3个百分点: the sentence names the metric
    and the reference rate only; its own rate was stated just before, in an earlier sentence."""
    before = [c for c in same if c.sentence_offset < g.sentence_offset and c.quantity.unit == "%"]
    if len(before) != 1 or not _is_reference(before[0]):
        return None
    y = before[0]
    s = g.sentence
    mid = s[: y.sentence_offset]
    sign = 1 if any(w in mid for w in ABOVE) else -1 if any(w in mid for w in BELOW) else 0
    if sign == 0 or g.metric is None:
        return None
    i = next((k for k, c in enumerate(cs) if c is g), None)
    if i is None:
        return None
    start = g.quantity.vstart - g.sentence_offset
    for c in reversed(cs[max(0, i - 12) : i]):
        if c.quantity.vstart >= start:
            continue  # the same sentence
        if (c.entity, c.metric, c.aspect, c.period_key) == (
            g.entity,
            g.metric,
            "growth",
            g.period_key,
        ):
            return c, y, sign
        if c.quantity.unit == "%" and c.metric == g.metric and c.entity == g.entity:
            return None  # another rate of the metric for the place comes between
    return None


def run(ctx: Context) -> Iterable[Finding]:
    for _, cs in ctx.by_document().items():
        for g in cs:
            if g.quantity.unit != "pp":
                continue
            same = ctx.sentence(g)
            st = gap_structure(g, same) or from_to(g, same) or _earlier_subject(g, same, cs)
            if st is None:
                pair = two_subjects(g, same)
                if pair is not None:
                    a, b = pair
                    diff = Iv.of(b.quantity) - Iv.of(a.quantity)
                    if diff.meets(Iv.of(g.quantity)) or diff.scale(-1).meets(Iv.of(g.quantity)):
                        continue
                    gap_value = abs(b.quantity.value - a.quantity.value)
                    msg = (
                        f"The gap does not match the rates: “{stated(a)}” and “{stated(b)}” are "
                        f"{num(gap_value, b.quantity)} points apart, but {where(g)} says "
                        f"“{stated(g)}”."
                    )
                    yield finding(CODE, NAME, SEVERITY, msg, [g, a, b])
                continue
            x, y, sign = st
            xv, yv, yiv = x.quantity.value, y.quantity.value, Iv.of(y.quantity)
            if _falls(g) and xv < 0 < yv and _fall_size(y):
                # 下降8.9%，降幅比一季度（12.1%）收窄: the base is the size of a fall, unsigned
                yv, yiv = -yv, yiv.scale(-1)
            if _falls(g) and xv < 0 and yv <= 0:
                # 同比下降2.9%，降幅比上月（-2.8%）扩大0.1个百分点: the gap is between the sizes of
                # the falls, so 扩大 means |x| − |y|
                sign = -sign
            diff = (Iv.of(x.quantity) - yiv).scale(sign)
            if diff.meets(Iv.of(g.quantity)):
                continue
            exact = (xv - yv) * sign
            word = "above" if sign > 0 else "below"
            msg = (
                f"The gap does not match the rates: {num(xv, x.quantity)}% − "
                f"{num(yv, y.quantity)}% = {num(xv - yv, x.quantity)} "
                f"points, so “{stated(x)}” is {num(abs(exact), x.quantity)} points "
                f"{'above' if xv >= yv else 'below'} “{stated(y)}”, "
                f"but {where(g)} says “{stated(g)}” {word}."
            )
            yield finding(CODE, NAME, SEVERITY, msg, [g, x, y])
