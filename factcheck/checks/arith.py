"""Interval arithmetic for in-article checks, and how to show the arithmetic to an editor.

Every stated figure is an interval (its precision and qualifier); a result is consistent when
the computed interval and the stated one share a value. No fixed epsilon anywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, localcontext

from ..extract import format_decimal
from ..model import Claim, Quantity

D0 = Decimal(0)


@dataclass(frozen=True)
class Iv:
    lo: Decimal | None
    hi: Decimal | None

    @classmethod
    def of(cls, q: Quantity) -> Iv:
        return cls(q.low, q.high)

    @classmethod
    def point(cls, d: Decimal) -> Iv:
        return cls(d, d)

    def __add__(self, o: Iv) -> Iv:
        return Iv(_opt(self.lo, o.lo, lambda a, b: a + b), _opt(self.hi, o.hi, lambda a, b: a + b))

    def __sub__(self, o: Iv) -> Iv:
        return Iv(_opt(self.lo, o.hi, lambda a, b: a - b), _opt(self.hi, o.lo, lambda a, b: a - b))

    def scale(self, k: Decimal) -> Iv:
        lo = None if self.lo is None else self.lo * k
        hi = None if self.hi is None else self.hi * k
        return Iv(lo, hi) if k >= 0 else Iv(hi, lo)

    def ratio(self, o: Iv) -> Iv | None:
        """self / o for positive intervals (None when o may be zero or negative)."""
        if o.lo is None or o.lo <= 0 or (self.lo is not None and self.lo < 0):
            return None
        with localcontext() as ctx:
            ctx.prec = 40
            lo = None if self.lo is None or o.hi is None else self.lo / o.hi
            if self.lo is not None and o.hi is None:
                lo = D0
            hi = None if self.hi is None else self.hi / o.lo
        return Iv(lo, hi)

    def meets(self, o: Iv) -> bool:
        lo = max((x for x in (self.lo, o.lo) if x is not None), default=None)
        hi = min((x for x in (self.hi, o.hi) if x is not None), default=None)
        return lo is None or hi is None or lo <= hi

    def mid(self) -> Decimal | None:
        if self.lo is None or self.hi is None:
            return self.lo if self.hi is None else self.hi
        return (self.lo + self.hi) / 2


def _opt(a, b, f):
    return None if a is None or b is None else f(a, b)


_MAG = (("万亿", Decimal(10) ** 12), ("亿", Decimal(10) ** 8), ("万", Decimal(10) ** 4))


def scale_of(q: Quantity) -> tuple[Decimal, str]:
    """The magnitude and unit the writer used (亿 and 元 for 512.6亿元, 万 and 亩 for 10万亩),
    to show arithmetic in their terms."""
    text = q.text
    k = q.factor or Decimal(1)
    for word, m in _MAG:
        if word in text and q.unit not in ("%", "pp"):
            return k * m, word + q.form
    return k, q.form


def show(d: Decimal | None, like: Quantity, digits: int = 2) -> str:
    """A number in the writer's magnitude and unit: 340.3亿元, 33.33%."""
    if d is None:
        return "∞"
    k, word = scale_of(like)
    x = d / k
    q = Decimal(1).scaleb(-digits)
    s = format_decimal(x.quantize(q) if x != x.to_integral_value() else x)
    if like.unit == "%":
        return f"{s}%"
    if like.unit == "pp":
        return f"{s}个百分点"
    return f"{s}{word or (' ' + like.unit if like.unit not in ('', 'count') else '')}"


def num(d: Decimal | None, like: Quantity, digits: int = 2) -> str:
    """A bare number in the writer's magnitude (400.3 for 400.3亿元)."""
    if d is None:
        return "∞"
    k, _ = scale_of(like)
    x = d / k
    return format_decimal(
        x.quantize(Decimal(1).scaleb(-digits)) if x != x.to_integral_value() else x
    )


def unit_label(like: Quantity) -> str:
    _, word = scale_of(like)
    if like.unit in ("%", "pp"):
        return {"%": "%", "pp": "个百分点"}[like.unit]
    return word or like.unit or "count"


def show_iv(iv: Iv, like: Quantity) -> str:
    if iv.lo is not None and iv.hi is not None and iv.lo == iv.hi:
        return show(iv.lo, like)
    return f"[{show(iv.lo, like)}, {show(iv.hi, like)}]"


def stated(c: Claim) -> str:
    return c.quantity.text.replace("\n", "").replace(" ", "")


def same_sentence(a: Claim, b: Claim) -> bool:
    return a.path == b.path and sentence_start(a) == sentence_start(b)


def sentence_start(c: Claim) -> int:
    return c.quantity.vstart - c.sentence_offset


_WS = re.compile(r"\s+")


def between(c1: Claim, c2: Claim) -> str:
    """Sentence text between two claims of the same sentence."""
    s = c1.sentence
    a = c1.sentence_offset + (c1.quantity.vend - c1.quantity.vstart)
    b = c2.sentence_offset
    return s[a:b] if a <= b else ""
