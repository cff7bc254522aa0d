"""FC204 growth-mismatch: a growth rate or multiple that does not follow from the two levels.

What it checks
    Inside one sentence, "从X（year A）增长到Y（year B）" or "Y，比A年的X增长…" (also "Y的装机容量
    较A年底的X增加…，年均增长…") with a stated rate:
    - 增长Z% / 增幅Z%: Y ÷ X − 1 must match Z;
    - 年均增长Z%: compound over B − A years, (Y ÷ X)^(1/(B−A)) − 1 must match Z;
    - 翻一番 / 翻两番: Y ÷ X must be 2 / 4, give or take 2.5 % (×2.006 is a doubling);
    - 增长了N倍 means Y = (N+1)·X, while 增长到N倍 / 是…的N倍 means Y = N·X — the check tells
      which reading the levels support when the wording says the other.
    Only levels and rates written together are compared, and rates of metrics marked
    `growth: real` in rules/metrics.yaml (GDP, value added) are not recomputed at all: they are
    published at constant prices while levels are nominal.

Why it matters
    Growth rates are the figures most often recomputed by readers; a rate that does not match
    the levels beside it is either a typo or a confusion of 增长了 and 增长到.

Fails
    全市工业投资从2020年的1000亿元增长到2022年的1440亿元，年均增长25%。
    研发投入从2018年的50亿元增长到2022年的100亿元，增长了2倍。  (×2 is 增长了1倍)

Passes
    全市工业投资从2020年的1000亿元增长到2022年的1440亿元，年均增长20%。
    研发投入从2018年的50亿元增长到2022年的100亿元，实现翻一番。
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal, localcontext

from ..model import Claim, Finding
from ..vocab import load_vocab
from .arith import Iv, num, show_iv, stated
from .arith import between as between_text
from .base import Context, finding, where

_FAN_LO = Decimal("0.975")
_FAN_HI = Decimal("1.025")

CODE = "FC204"
NAME = "growth-mismatch"
SEVERITY = "error"

_VERSUS = re.compile(
    r"(?:的[\u4e00-\u9fff]{1,10})?[，,]?\s*(?:比|较|相比)\s*(?:上年|去年|(?:19|20)\d{2}\s*年)"
    r"(?:同期|底|末)?的?\s*"
)
_CHANGE = re.compile(r"增加|减少|增长|下降|提高")
LEVEL_DIMS = {"currency", "area", "length", "mass", "volume", "energy", "power", "count"}
ONE = Decimal(1)


def _root(x: Decimal | None, n: int) -> Decimal | None:
    if x is None or x <= 0:
        return None if x is None else Decimal(0)
    with localcontext() as ctx:
        ctx.prec = 30
        return x ** (ONE / Decimal(n)) if n > 1 else x


def _levels(same: list[Claim], g: Claim) -> tuple[Claim, Claim] | None:
    lv = [
        x
        for x in same
        if x.sentence_offset < g.sentence_offset
        and x.quantity.dimension in LEVEL_DIMS
        and x.aspect == "level"
    ]
    if len(lv) < 2:
        return None
    s = g.sentence
    for a, b in list(zip(lv, lv[1:], strict=False))[-2:]:
        # 232万千瓦的装机容量较2020年底的86万千瓦增加146万千瓦，年均增长24.5%: the pair may
        # come before a change stated in level units
        gap = s[a.sentence_offset + (a.quantity.vend - a.quantity.vstart) : b.sentence_offset]
        if (
            a.quantity.unit == b.quantity.unit
            and _VERSUS.fullmatch(gap)
            and a.period is not None
            and b.period is not None
            and b.period.year < a.period.year
            and (b is lv[-1] or _CHANGE.match(s, lv[-1].sentence_offset - 2))
        ):
            return b, a
    a, b = lv[-2], lv[-1]
    if a.quantity.unit != b.quantity.unit:
        return None
    mid = s[a.sentence_offset : b.sentence_offset]
    lead = s[max(0, a.sentence_offset - 16) : a.sentence_offset]
    if not (
        ("从" in lead or "由" in lead)
        and any(w in mid for w in ("到", "至", "增至", "达到", "提高到", "增长到"))
    ):
        return None
    return a, b


def run(ctx: Context) -> Iterable[Finding]:
    vocab = load_vocab(ctx.rules)
    for _, cs in ctx.by_document().items():
        for g in cs:
            unit = g.quantity.unit
            if not ((unit == "%" and g.aspect in ("growth", "avg_growth")) or unit == "times"):
                continue
            pair = _levels(ctx.sentence(g), g)
            if pair is None:
                continue
            a, b = pair
            met = vocab.metrics.get(b.metric or "") or vocab.metrics.get(a.metric or "")
            if unit == "%" and met is not None and met.real_growth:
                continue  # GDP and value added grow at constant prices; the levels are nominal
            if g.metric and b.metric and g.metric != b.metric or "其中" in between_text(b, g):
                continue  # the rate is about something else (其中技改投资增长35%)
            ratio = Iv.of(b.quantity).ratio(Iv.of(a.quantity))
            if ratio is None:
                continue
            pre = g.sentence[max(0, g.sentence_offset - 8) : g.sentence_offset]
            if unit == "%":
                years = 1
                if "年均" in pre:
                    if not (a.period and b.period) or b.period.year <= a.period.year:
                        continue
                    years = b.period.year - a.period.year
                lo, hi = _root(ratio.lo, years), _root(ratio.hi, years)
                implied = Iv(
                    None if lo is None else (lo - 1) * 100, None if hi is None else (hi - 1) * 100
                )
                if implied.meets(Iv.of(g.quantity)):
                    continue
                exact = _root(b.quantity.value / a.quantity.value, years)
                kind = f"compound over {years} years" if years > 1 else "simple"
                msg = (
                    f"{num(b.quantity.value, a.quantity)} ÷ {num(a.quantity.value, a.quantity)} gives "
                    f"{num((exact - 1) * 100, g.quantity)}% growth ({kind}; "
                    f"{show_iv(implied, g.quantity)} at the stated precision), but {where(g)} "
                    f"states “{stated(g)}”."
                )
                yield finding(CODE, NAME, SEVERITY, msg, [g, a, b])
                continue
            # multiples: 翻一番, 增长了N倍 (N+1), 增长到N倍 (N)
            text = g.quantity.text
            added = "增长了" in pre or (
                "增长" in pre and "到" not in pre and "至" not in pre and "番" not in text
            )
            factor = Iv.of(g.quantity)
            if added:
                factor = factor + Iv.point(ONE)
            if "番" in text and factor.lo is not None and factor.lo == factor.hi:
                # 翻一番 is said of a doubling give or take a little (×2.006 is 翻一番): allow
                # 2.5 % either side of the exact multiple
                factor = Iv(factor.lo * _FAN_LO, factor.hi * _FAN_HI)
            if ratio.meets(factor):
                continue
            exact = b.quantity.value / a.quantity.value
            alt = Iv.of(g.quantity) if added else Iv.of(g.quantity) + Iv.point(ONE)
            hint = ""
            if ratio.meets(alt):
                hint = " The levels fit the other reading: write 增长到/是…的 for ×N, 增长了 for ×(N+1)."
            said = stated(g) if "番" in text else f"{pre.strip(' ，,')[-3:]}{stated(g)}"
            lo_s, hi_s = num(factor.lo, g.quantity), num(factor.hi, g.quantity)
            span = f"×{lo_s}" if lo_s == hi_s else f"×{lo_s}–{hi_s}"
            msg = (
                f"{num(b.quantity.value, a.quantity)} ÷ {num(a.quantity.value, a.quantity)} = "
                f"×{num(exact, g.quantity)}, but {where(g)} says “{said}”, "
                f"i.e. {span}.{hint}"
            )
            yield finding(CODE, NAME, SEVERITY, msg, [g, a, b])
