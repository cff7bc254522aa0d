"""FC206 headline-overstates-body: a figure in a headline that the body contradicts.

What it checks
    Figures in the headline (the first line or the title) and in short headline-like lines
    (sub-headlines, decks: one line, no sentence punctuation) against the figures of the text
    below them with the same metric, unit and aspect, and no different entity or period. When
    the body states such a figure, the first one (the lede's) must fit the headline's interval,
    or the headline is flagged: "超2000亿元" over a body of 1890亿元. A headline that rounds or bounds the body
    ("超千亿元" over 1020亿元, "突破80亿个" over 82.0亿个) is fine. A headline figure of a group
    of places (三个县级市…合计) is not compared with a place's figure below.

Why it matters
    Most readers see only the headline. A headline that overstates the article misleads more
    people than any error in the body.

Fails
    项目总投资超2000亿元 ⏎ 第一季度全市开工签约项目共45个，投资总额1890亿元。

Passes
    项目总投资超千亿元 ⏎ 第一季度全市开工签约项目共45个，投资总额1020亿元。
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Claim, Document, Finding
from ..vocab import load_vocab
from .arith import stated
from .base import Context, cite, finding, narrowing, overlaps

CODE = "FC206"
NAME = "headline-overstates-body"
SEVERITY = "error"

_PUNCT = set("。；！？!?;，,")
# generic fallback metrics (产量, 投资, 增加值 …): too vague to pair a headline with a body figure
_GENERIC = {"产量", "投资", "增加值", "产值", "营业收入", "利润总额"}


def _line(doc: Document, c: Claim) -> tuple[int, int]:
    v = doc.view
    a = v.rfind("\n", 0, c.quantity.vstart) + 1
    b = v.find("\n", c.quantity.vend)
    return a, (len(v) if b < 0 else b)


def _headline_like(doc: Document, c: Claim) -> tuple[int, int] | None:
    a, b = _line(doc, c)
    text = doc.view[a:b].strip()
    if len(text) > 80:
        return None  # no headline is that long
    if c.in_headline or (0 < len(text) <= 32 and not (_PUNCT & set(text))):
        return a, b
    return None


def _compatible(h: Claim, b: Claim, vocab) -> bool:
    # headlines qualify metrics loosely (冰雪季接待游客): compare the canonical metric unless
    # either side names a part of it (对东盟进出口)
    if (narrowing(h, vocab) or narrowing(b, vocab)) and h.metric != b.metric:
        return False
    if b.metric != b.metric_base and b.metric != h.metric:
        return (
            False  # the body names a part (城镇消费品零售额, A级景区接待游客): not the same figure
        )
    if (
        b.metric_base != h.metric_base
        or (h.metric_base in _GENERIC and (h.metric != b.metric or h.metric in _GENERIC))
        or b.quantity.unit != h.quantity.unit
        or b.aspect != h.aspect
        or b.part_of
    ):
        return False
    if "从" in b.sentence[max(0, b.sentence_offset - 10) : b.sentence_offset]:
        return False  # 从2018年的301家增长到…: the base of a change
    if h.entity and b.entity and h.entity != b.entity:
        return False
    if h.entity is None and b.entity is not None:
        lead = h.sentence[: h.sentence_offset]
        if "合计" in lead or (vocab.aggregate_re is not None and vocab.aggregate_re.search(lead)):
            return False  # 三个县级市…合计近千亿元: a group of places, not the city below
    if h.period and b.period and h.period_key != b.period_key:
        return False
    return (h.modality == "actual") == (b.modality == "actual")


def run(ctx: Context) -> Iterable[Finding]:
    vocab = load_vocab(ctx.rules)
    for path, cs in ctx.by_document().items():
        doc = ctx.docs.get(path)
        if doc is None:
            continue
        heads = []
        for c in cs:
            span = _headline_like(doc, c)
            if span and c.metric_base:
                heads.append((c, span))
        spans = sorted({span for _, span in heads})
        starts = [x[0] for x in spans]
        for h, (a, b) in heads:
            # a headline and the decks right under it are one block (上半年…突破2000万人次 ⏎
            # 旅游收入同比增长逾三成): the text below the block is its body
            for a2, b2 in spans:
                if a2 > a and not doc.view[b:a2].strip():
                    b = b2
            later = [s for s in starts if s > b]
            end = later[0] if later and not h.in_headline else len(doc.view)
            body = [
                c
                for c in cs
                if b <= c.quantity.vstart < end
                and _headline_like(doc, c) is None
                and _compatible(h, c, vocab)
            ]
            if not body:
                continue
            # the headline sums up the first statement of that figure below it (the lede);
            # later figures of the same metric are other years, places or breakdowns
            first = body[0]
            same = [
                c for c in body if c.period_key == first.period_key and c.entity == first.entity
            ]
            if any(overlaps(h.quantity, c.quantity) for c in same[:1]):
                continue
            body = same
            msg = (
                f"The headline says “{stated(h)}” ({cite(h)}), but the text below states "
                + "; ".join(cite(c) for c in body[:3])
                + ", which the headline's figure does not cover."
            )
            yield finding(CODE, NAME, SEVERITY, msg, [h, *body[:3]])
