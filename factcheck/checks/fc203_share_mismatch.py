"""FC203 share-mismatch: a share (占比, 比重, 占…的X%) that does not follow from its figures.

What it checks
    "先进制造业增加值6500亿元，占规上工业增加值（1.04万亿元）比重为62.5%": when the part and the
    whole are both stated, part ÷ whole must match the stated share at the writer's precision.
    The part is the figure just before the share in its sentence; the whole is a figure in the
    same sentence after 占, or the figure the article states for the metric named after 占 (same
    place, period and unit). Shares written as fractions (八分之一强) count too. In 分别 lists
    (A、B、C分别为x、y、z，占比分别为a、b、c) the parts and the shares pair in order. A bare
    占比 after a 其中 part takes the total before 其中 as its whole (T，其中P，占比S; also when
    其中 opens the next sentence: T。其中，P，占比S), and "P，在W中占S" reads W as the whole.
    A whole named with narrowing words (占化工产业营业收入的) is a figure of that narrower metric
    or nothing; 全港, 全市 and the like name the place's own whole; a 其中 part with a qualified
    metric (其中，头门港区完成货物吞吐量…) is never the whole, nor is a forecast the whole of an
    actual part. The share of several items together (三者合计占…) is not checked.
    Not checked: the share of the year before in 占比由2022年的X提高到Y (X is not this year's),
    and a share whose subject is named right before 占 or after a semicolon (A 100亿元；B占
    全市的20%: B's share, not A's).

Why it matters
    A share is the reader's shortcut to judge size; a wrong one misstates importance even when
    both figures are right.

Fails
    2022年，全市先进制造业增加值6500亿元，占规上工业增加值（1.04万亿元）比重为70.5%。

Passes
    2022年，全市先进制造业增加值6500亿元，占规上工业增加值（1.04万亿元）比重为62.5%。
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from ..model import Claim, Finding
from ..vocab import join_modifier, load_vocab
from .arith import Iv, num, show_iv, stated
from .base import Context, finding, narrowing, where

CODE = "FC203"
NAME = "share-mismatch"
SEVERITY = "error"

_COMBINED = ("合计", "共计", "总计", "三者", "两者", "二者", "四者", "加起来")
LEVEL_DIMS = {"currency", "area", "length", "mass", "volume", "energy", "power", "count"}


def _same_place(text: str, part: Claim, vocab) -> bool:
    """Does a place named after 占 (全国, 全省, 浙江) refer to the part's own place?"""
    if part.entity is None:
        # a figure of no known place: 全市 is its own place; a named place is another's
        return vocab.entity_re is None or vocab.entity_re.search(text) is None
    kind = vocab.entities[part.entity].kind if part.entity in vocab.entities else None
    for word, k in vocab.anaphora.items():
        if word not in text or k == kind or (k == "city" and kind == "province"):
            continue
        if word == "全区" and (part.entity or "").endswith("区"):
            continue  # 全区 in 宁夏回族自治区: the region itself
        return False
    m = vocab.entity_re.search(text) if vocab.entity_re else None
    return m is None or vocab.entity_forms[m.group()] == part.entity


def _other_place(text: str, part: Claim, vocab) -> str | None:
    """The place whose whole a share is of, when it is not the part's own: a name after 占
    (占四川的), or 全省/全国 read from the part's place upwards."""
    m = vocab.entity_re.search(text) if vocab.entity_re else None
    if m is not None:
        return vocab.entity_forms[m.group()]
    for word, kind in vocab.anaphora.items():
        if word not in text:
            continue
        if kind == "country":
            return next((e.name for e in vocab.entities.values() if e.kind == "country"), None)
        name = part.entity
        while name in vocab.entities:
            e = vocab.entities[name]
            if e.kind == kind and name != part.entity:
                return name
            name = e.parent
        return None
    return None


def _whole(share: Claim, part: Claim, cs: list[Claim], same: list[Claim], vocab) -> Claim | None:
    s = share.sentence
    seg_start = part.sentence_offset + (part.quantity.vend - part.quantity.vstart)
    seg = s[seg_start : share.sentence_offset]
    k = seg.find("占")
    if k < 0:
        return None
    if "由" in seg[k:] or "从" in seg[k:]:
        return None  # 比重由上年的17.8%提升至24.2%: the figures are for different years
    owner = part.entity
    if not _same_place(seg[k:], part, vocab):
        # 成都…占全省接待游客总量的31.4%: the whole is another place's; use it if stated
        owner = _other_place(seg[k:], part, vocab)
        if owner is None:
            return None
    inside = [
        x
        for x in same
        if seg_start + k < x.sentence_offset < share.sentence_offset
        and x.quantity.unit == part.quantity.unit
    ]
    if inside:
        return inside[-1]
    m = vocab.metric_re.search(seg, k) if vocab.metric_re else None
    zai = seg.rfind("在", 0, k)
    if not m and k > 0 and seg[k - 1] == "中" and zai >= 0 and vocab.metric_re:
        m = vocab.metric_re.search(seg, zai, k)  # 在全市规上工业总产值中占比18.6%
    if not m:
        return None
    metric = vocab.metric_forms[m.group()]
    scope = None
    for w, sc in vocab.scopes.items():
        if seg[max(0, m.start() - len(w)) : m.start()] == w:
            scope = sc
    narrow = _whole_modifier(seg[k + 1 : m.start()], vocab)
    if narrow:
        # 占化工产业营业收入的比重: a narrower whole, stated with the same words or not at all
        full = join_modifier(narrow, metric)
        exact = [
            x
            for x in cs
            if x.metric == full
            and x.aspect == "level"
            and x is not part
            and x.quantity.unit == part.quantity.unit
            and x.period_key == part.period_key
            and (x.entity == owner or owner is None)
        ]
        values = {(x.quantity.value, x.quantity.low, x.quantity.high) for x in exact}
        return exact[0] if len(values) == 1 else None
    cands = [
        x
        for x in cs
        if (
            x.metric == metric
            or (x.metric is not None and x.metric_base == metric and not narrowing(x, vocab))
        )
        and x.aspect == "level"
        and x is not part
        and x.quantity.unit == part.quantity.unit
        and x.entity == owner
        and x.period_key == part.period_key
        and x.modality == part.modality  # 预计全年…3.45亿吨左右: a forecast is not the whole
        and (scope is None or x.scope == scope)
    ]
    # 其中，头门港区完成货物吞吐量3862万吨: a 其中 part is not the whole when its metric is
    # qualified, or when a larger figure of the same metric is stated as a whole
    cands = [
        x
        for x in cands
        if not x.part_of
        or (
            x.metric == metric
            and not any(
                y.metric == x.metric and not y.part_of and y.quantity.value > x.quantity.value
                for y in cands
            )
        )
    ]
    named = [x for x in cands if x.metric == metric]
    if named and any(x.metric != x.metric_base for x in cands):
        # 占全市出口总值的62.8%: the whole is the unqualified total, never 船舶出口 beside it
        cands = named
    if owner != part.entity:
        # another place's whole: its own total, counted in the part's unit (人次, not 家)
        cands = [
            x
            for x in cands
            if not x.part_of and x.metric == metric and x.quantity.form == part.quantity.form
        ]
    exact = [x for x in cands if x.quantity.qualifier is None]
    if len({(x.quantity.value, x.quantity.low, x.quantity.high) for x in exact or cands}) == 1:
        # one figure, perhaps restated (title, headline, body; 4086.2亿元，首次突破4000亿元)
        return (exact or cands)[0]
    return None


def run(ctx: Context) -> Iterable[Finding]:
    vocab = load_vocab(ctx.rules)
    for _, cs in ctx.by_document().items():
        for sh in cs:
            if sh.aspect != "share" and not (sh.quantity.unit == "times" and _share_multiple(sh)):
                continue
            if sh.quantity.unit not in ("%", "times"):
                continue
            zhan = sh.sentence.rfind("占", 0, sh.sentence_offset)
            if zhan < 0:
                continue
            before = [
                x
                for x in ctx.sentence(sh)
                if x.sentence_offset < zhan and x.quantity.dimension in LEVEL_DIMS
            ]
            if not before:
                continue
            between = sh.sentence[zhan : sh.sentence_offset]
            fr = max(between.rfind("由"), between.rfind("从"))
            if fr >= 0 and not any(w in between[fr:] for w in ("到", "至")):
                continue  # 占比由2022年的71.5%提高到73.2%: the first is the year before's share
            # 比2022年的15.6万辆增长了1.1倍，占…: the part is this period's figure, not the base
            before = [x for x in before if x.period_key == sh.period_key] or before
            part = before[-1]
            gap = sh.sentence[
                part.sentence_offset + (part.quantity.vend - part.quantity.vstart) : zhan
            ]
            if any(w in gap for w in _COMBINED):
                continue  # 三者合计占全港的81.0%: the share of the items together
            if any(c in gap for c in "；;") or (
                vocab.metric_re and any(m.end() == len(gap) for m in vocab.metric_re.finditer(gap))
            ):
                # 高新技术产业增加值507.6亿元…；装备制造业增加值占规上工业的29.3%: the share's
                # subject, named right before 占, is another metric than the figure's
                continue
            in_whole = _in_whole(sh.sentence, zhan, before)
            if in_whole is not None:
                # 动力电池产值1500.3亿元，在全市规上工业总产值4086.2亿元中占40.1%
                part, whole = in_whole
                if part.quantity.unit != whole.quantity.unit:
                    continue
                yield from _compare(sh, part, whole)
                continue
            shares = [
                x
                for x in ctx.sentence(sh)
                if x.sentence_offset > zhan and x.quantity.unit == sh.quantity.unit
            ]
            if len(shares) > 1 and "分别" in sh.sentence[: sh.sentence_offset]:
                # A、B、C分别实现收入x、y、z，占…的比重分别为a、b、c: pair them in order
                if len(before) < len(shares):
                    continue
                part = before[len(before) - len(shares) + shares.index(sh)]
            qz = sh.sentence.rfind("其中", 0, zhan)
            if qz >= 0 and sum(1 for x in before if x.sentence_offset > qz) != 1:
                continue  # 其中出口…，进口…，占全省的26%: whose share it is is ambiguous
            whole = _whole(sh, part, cs, ctx.sentence(sh), vocab)
            if whole is None and qz >= 0:
                whole = _total_before_qizhong(sh, zhan, qz, part, ctx.sentence(sh))
            if (
                whole is None
                and qz >= 0
                and not sh.sentence[:qz].strip(" \u3000，,")
                and not gap.strip(" ，,")
            ):
                # T。其中，P，占比S: the sentence opens with 其中; the total ends the one before
                whole = _total_in_sentence_before(sh, zhan, part, cs, ctx)
            if whole is None or whole is part:
                continue
            yield from _compare(sh, part, whole)


def _share_multiple(sh: Claim) -> bool:
    """A multiple that states a share (占…的八分之一强), not a growth (同比增长近3倍)."""
    s = sh.sentence
    k = s.rfind("占", 0, sh.sentence_offset)
    if k < 0:
        return False
    between = s[k : sh.sentence_offset]
    return not any(w in between for w in ("；", ";", "。", "增长", "增加", "提高", "同比", "翻"))


def _compare(sh: Claim, part: Claim, whole: Claim) -> Iterable[Finding]:
    ratio = Iv.of(part.quantity).ratio(Iv.of(whole.quantity))
    if ratio is None:
        return
    k = Decimal(100) if sh.quantity.unit == "%" else Decimal(1)
    ratio = ratio.scale(k)
    if ratio.meets(Iv.of(sh.quantity)):
        return
    exact = part.quantity.value / whole.quantity.value * k
    msg = (
        f"{num(part.quantity.value, part.quantity)} ÷ {num(whole.quantity.value, part.quantity)} "
        f"= {num(exact, sh.quantity)}{'%' if k == 100 else ''} "
        f"({show_iv(ratio, sh.quantity)} at the stated precision), but {where(sh)} states "
        f"the share as “{stated(sh)}”."
    )
    yield finding(CODE, NAME, SEVERITY, msg, [sh, part, whole])


def _in_whole(s: str, zhan: int, before: list[Claim]) -> tuple[Claim, Claim] | None:
    """在 WHOLE 中占 S: (the part before 在, the whole inside 在…中)."""
    if s[zhan - 1 : zhan] != "中":
        return None
    zai = s.rfind("在", 0, zhan)
    if zai < 0 or any(c in s[zai:zhan] for c in "，。；,;"):
        return None
    inside = [x for x in before if x.sentence_offset > zai]
    outside = [x for x in before if x.sentence_offset < zai]
    if len(inside) != 1 or not outside:
        return None
    return outside[-1], inside[0]


def _total_before_qizhong(
    sh: Claim, zhan: int, qz: int, part: Claim, same: list[Claim]
) -> Claim | None:
    """T，其中P，占比S: the share has no whole of its own; the total before 其中 is it."""
    s = sh.sentence
    if not s.startswith("占比", zhan) and not s[zhan + 1 : zhan + 2].isdigit():
        return None  # 占全省…: the share names another whole
    if "占" in s[:qz] or "比重" in s[:qz]:
        return None  # 60岁以上人口794.33万人，占24.72%，其中…占17.56%: shares of one whole
    totals = [
        x
        for x in same
        if x.sentence_offset < qz
        and x.aspect == "level"
        and x.quantity.unit == part.quantity.unit
        and x.entity == part.entity
    ]
    return totals[-1] if totals else None


def _total_in_sentence_before(
    sh: Claim, zhan: int, part: Claim, cs: list[Claim], ctx: Context
) -> Claim | None:
    """The total of a 其中 sentence, stated at the end of the sentence before it."""
    s = sh.sentence
    if not s.startswith("占比", zhan) and not s[zhan + 1 : zhan + 2].isdigit():
        return None  # 占全省…: the share names another whole
    start = sh.quantity.vstart - sh.sentence_offset
    prev = [x for x in cs if x.quantity.vend <= start]
    if not prev:
        return None
    last = prev[-1]
    doc = ctx.docs.get(sh.path)
    if doc is None or "\n" in doc.view[last.quantity.vend : start]:
        return None  # another paragraph
    if "占" in last.sentence or "比重" in last.sentence:
        return None  # the sentence before states shares of its own
    totals = [
        x
        for x in ctx.sentence(last)
        if x.aspect == "level"
        and x.quantity.unit == part.quantity.unit
        and x.entity == part.entity
        and not x.part_of
    ]
    return totals[-1] if totals else None


def _whole_modifier(lead: str, vocab) -> str:
    """The words that narrow the whole named after 占 (占化工产业营业收入的: 化工产业), without
    place, scope and filler words (占全市规上工业营业收入的: nothing)."""
    lead = lead.strip()
    changed = True
    while changed and lead:
        changed = False
        if len(lead) >= 2 and lead[0] == "全" and "\u4e00" <= lead[1] <= "\u9fff":
            lead = lead[2:]  # 全港, 全园, 全市: the whole of the place itself
            changed = True
        for w in (*vocab.anaphora, *vocab.scopes, "同期", "全部", "总", "当年", "本地"):
            if lead.startswith(w):
                lead = lead[len(w) :]
                changed = True
        if vocab.entity_re is not None:
            em = vocab.entity_re.match(lead)
            if em is not None:
                lead = lead[em.end() :]
                changed = True
    lead = lead.strip("的").removesuffix("总")
    if lead in vocab.modifier_wide or lead.endswith(tuple(vocab.modifier_wide)):
        return ""  # 占全区电力总装机容量的: 电力 does not narrow the whole
    return lead if lead and all("\u4e00" <= c <= "\u9fff" for c in lead) else ""
