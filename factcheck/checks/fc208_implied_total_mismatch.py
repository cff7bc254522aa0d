"""FC208 implied-total-mismatch: a yearly amount times its years against a stated total.

What it checks
    "每年建设2000万平方米厂房，连续实施5年" implies 1亿平方米 over the five years (and
    每月…连续6个月 likewise over the months). When the
    article also states the total (合计/累计/共/总计 …, same unit, in the same or one of the next
    two sentences), yearly amount × years must match it at the writer's precision.

Why it matters
    Editors often round or restate a programme's total separately from its yearly rate; if the
    two drift apart, one of them is wrong.

Fails
    每年建设2000万平方米厂房，连续实施5年，五年合计提供1.5亿平方米产业空间。

Passes
    每年建设2000万平方米厂房，连续实施5年，五年合计提供约1亿平方米产业空间。
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from ..model import Claim, Finding
from .arith import Iv, num, sentence_start, show_iv, stated, unit_label
from .base import Context, finding, where

CODE = "FC208"
NAME = "implied-total-mismatch"
SEVERITY = "error"

YEARLY = re.compile(r"(?:每年|年均|平均每年|每年度)[^，。；]{0,28}$")  # 每年安排…专项资金20亿元
MONTHLY = re.compile(r"(?:每月|每个月|月均|平均每月)[^，。；]{0,28}$")  # 每月发放消费券5000万元
PER = (("year", YEARLY, "a year", "years"), ("month", MONTHLY, "a month", "months"))
TOTAL = re.compile(
    r"(?:合计|累计|共计|总计|总共|一共|共|总量|总规模)[^，。；]{0,12}$"
)  # 累计新建高标准农田


def _before(c: Claim, n: int = 32) -> str:
    return c.sentence[max(0, c.sentence_offset - n) : c.sentence_offset]


def run(ctx: Context) -> Iterable[Finding]:
    for _, cs in ctx.by_document().items():
        for i, a in enumerate(cs):
            if a.quantity.dimension in (
                "duration",
                "percent",
                "percentage_point",
                "ratio",
                "number",
            ):
                continue
            per = next((p for p in PER if p[1].search(_before(a))), None)
            if per is None:
                continue
            span_unit, _, each, many = per
            s0 = sentence_start(a)
            near = [x for x in cs[i + 1 :] if sentence_start(x) == s0]
            # 每年…，连续5年; or 连续3年每年…: the span before the amount in its sentence
            near += [x for x in reversed(cs[:i]) if sentence_start(x) == s0]
            years = next(
                (
                    x
                    for x in near
                    if x.quantity.unit == span_unit and x.quantity.low == x.quantity.high
                ),
                None,
            )
            if years is None:
                continue
            starts = sorted({sentence_start(x) for x in cs[i + 1 :] if sentence_start(x) >= s0})[:3]
            total = next(
                (
                    x
                    for x in cs[i + 1 :]
                    if sentence_start(x) in starts
                    and x is not a
                    and x.quantity.unit == a.quantity.unit
                    and TOTAL.search(_before(x))
                ),
                None,
            )
            if total is None:
                continue
            n = years.quantity.value
            implied = Iv.of(a.quantity).scale(Decimal(n))
            if implied.meets(Iv.of(total.quantity)):
                continue
            tq = total.quantity
            msg = (
                f"{num(a.quantity.value, tq)} {each} × {n} {many} = "
                f"{num(a.quantity.value * n, tq)} "
                f"({unit_label(tq)}; {show_iv(implied, tq)} at the stated precision), but "
                f"{where(total)} states the total as “{stated(total)}”."
            )
            yield finding(CODE, NAME, SEVERITY, msg, [total, a, years])
