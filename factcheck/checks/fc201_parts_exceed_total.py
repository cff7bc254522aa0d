"""FC201 parts-exceed-total: parts that do not add up to their total.

What it checks
    Inside one article, a total and its parts, at the writer's precision:
    - identities from rules/metrics.yaml (`parts`): 进出口总额 = 出口额 + 进口额,
      地区生产总值 = 第一 + 第二 + 第三产业增加值 …, for the same entity, period and scope. When
      every part is stated, their sum must match the total; when only some are, they must not
      exceed it;
    - "总投资X，其中A…B…": the figures after 其中 (same unit, same place) must not add up to
      more than the total stated just before 其中 (when the first parts already make up the
      total, what follows them is a sub-item or another statement and is not added); the
      parts are summed unless they are categories that overlap in Chinese
      statistics (高新技术产业, 战略性新兴产业, 装备制造业, 民营/外资 …), where only one part larger
      than the total is certain. Per-capita figures (人均, 元/人) are never parts.
    The finding shows the arithmetic, e.g. "280.2亿 + 60.1亿 = 340.3亿 CNY, but the total is
    356.4亿 CNY".

Why it matters
    A sum that does not hold is the most visible arithmetic error a reader can check with a
    calculator; it usually means a typo in one of the figures.

Fails
    2022年全市进出口总额为356.4亿元，其中出口额280.2亿元，进口额60.1亿元。
    计划安排重大项目80个，其中产业类项目50个、民生类项目40个。

Passes
    2022年全市进出口总额512.6亿元，其中出口410.3亿元，进口102.3亿元。
    (512.6 = 410.3 + 102.3 ✓; also: parts of a different total, growth rates after 其中)
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..model import Claim, Finding
from ..vocab import load_vocab
from .arith import Iv, num, sentence_start, show, show_iv, stated, unit_label
from .base import Context, finding, subject, where

CODE = "FC201"
NAME = "parts-exceed-total"
SEVERITY = "error"

LEVEL = ("level", "change")


def _key(c: Claim):
    return (c.entity, c.scope, c.period_key, c.quantity.unit, c.modality, c.aspect)


def _identity(doc_claims: list[Claim], vocab) -> Iterable[Finding]:
    by_metric: dict[tuple, list[Claim]] = {}
    for c in doc_claims:
        if c.metric and c.aspect == "level" and c.period is not None and c.modality == "actual":
            by_metric.setdefault((c.metric, *_key(c)), []).append(c)
    for metric in vocab.metrics.values():
        if not metric.parts:
            continue
        for (name, *k), totals in by_metric.items():
            if name != metric.name:
                continue
            parts = [by_metric.get((p, *k)) for p in metric.parts]
            present = [p[0] for p in parts if p]
            if not present:
                continue
            # the most precise statement of the total (1148.0亿元, not 突破1000亿元)
            bounded = [
                t for t in totals if t.quantity.low is not None and t.quantity.high is not None
            ]
            total = (
                min(bounded, key=lambda t: t.quantity.high - t.quantity.low)
                if bounded
                else totals[0]
            )
            s = Iv(sum_lo(present), sum_hi(present))
            t = Iv.of(total.quantity)
            tq = total.quantity
            names = " + ".join(num(p.quantity.value, tq) for p in present)
            value_sum = sum(p.quantity.value for p in present)
            if len(present) == len(metric.parts):
                if s.meets(t):
                    continue
                msg = (
                    f"{subject(total)} in {total.period_key}: the parts do not add up. "
                    f"{names} = {num(value_sum, tq)} ({unit_label(tq)}), but {where(total)} "
                    f"states the total as “{stated(total)}”. At the stated precision the parts "
                    f"allow {show_iv(s, tq)} and the total {show_iv(t, tq)}."
                )
            else:
                if s.lo is None or t.hi is None or s.lo <= t.hi:
                    continue
                msg = (
                    f"{subject(total)} in {total.period_key}: the stated parts already exceed "
                    f"the total. {names} = {show_iv(s, total.quantity)} > “{stated(total)}”."
                )
            yield finding(CODE, NAME, SEVERITY, msg, [total, *present])


def sum_lo(cs: list[Claim]):
    vals = [c.quantity.low for c in cs]
    return None if any(v is None for v in vals) else sum(vals)


def sum_hi(cs: list[Claim]):
    vals = [c.quantity.high for c in cs]
    return None if any(v is None for v in vals) else sum(vals)


_POST = ("以上", "以下", "左右", "多", "余", "上下")
_AVERAGE = ("人均", "平均", "户均", "均价", "每", "单价", "日均", "月均", "年均", "场均")


def _classifier(c: Claim) -> str:
    """The counted unit as written (条, 家, 标箱): counts of different things never add up."""
    if c.quantity.dimension != "count":
        return c.quantity.unit
    if c.quantity.form:
        return c.quantity.form
    text = c.quantity.text.rstrip()
    for w in _POST:
        if text.endswith(w):
            text = text[: -len(w)]
    return text[-2:]


def _addable(total: Claim, x: Claim) -> bool:
    if total.entity and x.entity and x.entity != total.entity:
        return False  # 占全省（4.9万亿元）: another place's figure, not a part
    return (
        x.quantity.unit == total.quantity.unit
        and x.aspect == "level"
        and _classifier(x) == _classifier(total)
    )


def _overlapping(c: Claim, words: tuple[str, ...]) -> bool:
    label = (c.metric or "") + c.sentence[max(0, c.sentence_offset - 12) : c.sentence_offset]
    return any(w in label for w in words)


def _per_unit(c: Claim) -> bool:
    """Per-capita and other averages do not add up (人均可支配收入73797元，其中城镇80587元)."""
    before = c.sentence[max(0, c.sentence_offset - 16) : c.sentence_offset]
    return "/" in c.quantity.unit or any(w in (c.metric or "") + before for w in _AVERAGE)


_SIZE_CLASS = re.compile(r"[\d.一二三四五六七八九十百千万亿]+\s*[万亿]*元(?:及)?(?:以上|以下)")


def _first_group(parts: list[Claim]) -> list[Claim]:
    """The parts before the first ；that separates two of them."""
    out = [parts[0]] if parts else []
    for prev, x in zip(parts, parts[1:], strict=False):
        s = x.sentence
        if any(ch in s[prev.sentence_offset : x.sentence_offset] for ch in "；;"):
            break
        out.append(x)
    return out


def _clause_start(x: Claim, marks: str = "，,；;：:") -> int:
    """Where x's clause (or list item, with 、 among the marks) starts in its sentence."""
    return max(x.sentence.rfind(p, 0, x.sentence_offset) for p in marks) + 1


def _size_class(x: Claim) -> bool:
    """A count cut by size (投资额10亿元以上项目28个) crosses the categories before it."""
    a = _clause_start(x, "，,；;：:、")
    return _SIZE_CLASS.search(x.sentence, a, x.sentence_offset) is not None


def _new_subject(x: Claim, vocab) -> bool:
    """Does x's clause open with a place of its own (…，全市已建成…, …，杭州新增…)?"""
    clause = x.sentence[_clause_start(x) : x.sentence_offset].lstrip()
    if any(clause.startswith(w) for w in vocab.anaphora):
        return True
    m = vocab.entity_re.match(clause) if vocab.entity_re else None
    return m is not None


def _may_be_part(total: Claim, x: Claim, vocab) -> bool:
    """A part named with another known metric that is not one of the total's parts
    (一般公共预算收入 …；社会消费品零售总额 …) belongs to another statement."""
    tm = vocab.metrics.get(total.metric_base or "")
    xm = x.metric_base
    if tm is None or xm is None or xm not in vocab.metrics or xm == tm.name:
        return True
    if xm in tm.components:
        return True  # 新能源装机 …，其中风电装机 …: a part that does not exhaust the total
    if tm.parts:
        return xm in tm.parts
    return vocab.metrics[xm].id.endswith("_generic")  # 稻谷产量 under 粮食产量: a generic 产量


def _qizhong(doc_claims: list[Claim], view: str, ctx: Context, vocab) -> Iterable[Finding]:
    """A total, then 其中 and its parts: in the same sentence, or a next sentence opening with 其中.

    The total is the last level figure of the same unit before 其中; changes and rates about
    it may come between (总产量1393.1万吨，比上年增加20.6万吨，增长1.5%。其中…)."""
    for i, c in enumerate(doc_claims):
        if c.aspect != "level" or c.quantity.dimension in (
            "percent",
            "number",
            "ratio",
            "duration",
        ):
            continue
        if _per_unit(c) or "\t" in c.sentence:
            continue  # an average, or a table row: not a total that 其中 breaks down
        tail = c.sentence[c.sentence_offset :]
        k = tail.find("其中")
        same = ctx.sentence(c)
        if "分别" in c.sentence[: c.sentence_offset] and any(
            _addable(c, x) for x in same if x.sentence_offset < c.sentence_offset
        ):
            continue  # A、B分别达到x和y，其中A…: 其中 may be about any item of the list
        after = [x for x in same if x.sentence_offset > c.sentence_offset]
        if k >= 0:
            cut = c.sentence_offset + k
            between = [x for x in after if x.sentence_offset < cut]
            parts = [x for x in after if x.sentence_offset > cut]
        else:
            j = i + 1 + len(after)
            nxt = doc_claims[j] if j < len(doc_claims) else None
            if nxt is None or not nxt.sentence.lstrip().startswith("其中"):
                continue
            gap = view[sentence_start(c) + len(c.sentence) : sentence_start(nxt)]
            if gap.strip("。！？；;!?…\n 　"):
                continue  # another sentence comes between: 其中 is about that one
            between = after
            if any(_addable(c, x) for x in same if x.sentence_offset < c.sentence_offset):
                continue  # several figures in the sentence before: whose part is ambiguous
            parts = list(ctx.sentence(nxt))
        if any(_addable(c, x) for x in between):
            continue  # the total is not the last figure of its kind before 其中
        kept = []
        for x in parts:
            if _new_subject(x, vocab):
                break  # …，全市已建成项目12个: a statement of its own, not a part
            kept.append(x)
        parts = [
            x
            for x in kept
            if _addable(c, x)
            and _may_be_part(c, x, vocab)
            and not _per_unit(x)
            and not _size_class(x)
        ]
        if not parts:
            continue
        first = _first_group(parts)
        if len(first) > 1 and len(first) < len(parts):
            lo1, hi1 = sum_lo(first), sum_hi(first)
            t = Iv.of(c.quantity)
            if lo1 is not None and hi1 is not None and Iv(lo1, hi1).meets(t):
                # 其中海水产品102.4万吨、淡水产品26.2万吨；对虾产量22.3万吨: the breakdown before
                # the semicolon is complete; what follows breaks down one of its parts
                continue
        t = Iv.of(c.quantity)
        complete = False
        for n in range(2, len(parts)):
            lo_n, hi_n = sum_lo(parts[:n]), sum_hi(parts[:n])
            if lo_n is not None and hi_n is not None and Iv(lo_n, hi_n).meets(t):
                complete = True
                break
        if complete:
            # 航线36条，其中外贸航线11条、内贸航线25条，去年新开通…等外贸航线3条: the first
            # parts already make up the total; what follows is a sub-item or another statement
            continue
        if any(_overlapping(p, vocab.overlapping) for p in parts):
            # categories that overlap (高新技术产业, 战略性新兴产业, 装备制造业) are not a
            # partition: only a single part larger than the total is certain
            parts = [max(parts, key=lambda p: p.quantity.low or 0)]
        lo = sum_lo(parts)
        hi_total = c.quantity.high
        if lo is None or hi_total is None or lo <= hi_total:
            continue
        tq = c.quantity
        names = " + ".join(num(p.quantity.value, tq) for p in parts)
        msg = (
            f"The parts listed after 其中 add up to more than the total: {names} = "
            f"{num(sum(p.quantity.value for p in parts), tq)} ({unit_label(tq)}; at least "
            f"{show(lo, tq)} at the stated precision), but {where(c)} states the total as "
            f"“{stated(c)}” (at most {show(hi_total, tq)})."
        )
        yield finding(CODE, NAME, SEVERITY, msg, [c, *parts])


def run(ctx: Context) -> Iterable[Finding]:
    vocab = load_vocab(ctx.rules)
    for path, cs in ctx.by_document().items():
        found = list(_identity(cs, vocab))
        yield from found
        seen = {id(f.claims[0]) for f in found}
        # the same parts against a restated total (headline and body) are one finding
        parts_seen = {frozenset(id(x) for x in f.claims[1:]) for f in found}
        doc = ctx.docs.get(path)
        for f in _qizhong(cs, doc.view if doc else "", ctx, vocab):
            if (
                id(f.claims[0]) not in seen
                and frozenset(id(x) for x in f.claims[1:]) not in parts_seen
            ):
                yield f
