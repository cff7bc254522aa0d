"""FC207 respectively-mismatch: 分别 with a different number of items and figures.

What it checks
    "新能源汽车、充电桩、民用无人机产量分别增长183.4%、113.8%" — the items listed before 分别
    (separated by 、 和 及 与) and the figures listed after it must be equally many. When the
    items are not listed but counted before 分别 (上半年4地营收分别为…, 两市, 这3家企业), the
    count is the number of items. A second 分别 right after the first one's figures
    (出口、进口分别为x、y，分别增长a、b) pairs with the same items, and 上述/这些 items are the
    ones listed in the clause before.

Why it matters
    分别 pairs items and figures one to one; with one too many or too few, every pairing after
    the gap is wrong and the reader cannot tell which figure belongs to which item.

Fails
    新能源汽车、充电桩、民用无人机产量分别增长183.4%、113.8%。

Passes
    新能源汽车、充电桩、民用无人机产量分别增长183.4%、113.8%、34.7%。
    进出口、出口增速分别高出同期全省平均增速28.8个、27个百分点。
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..model import Finding
from ..vocab import load_vocab
from .arith import stated
from .base import Context, finding, where

CODE = "FC207"
NAME = "respectively-mismatch"
SEVERITY = "warning"

_PLACEHOLDER = re.compile("\x00(\\d+)\x00")  # a compound name set aside while splitting
_SEP = re.compile(r"[、]|(?<=[^\d])(?:和|及|与|以及)(?=[^\d])(?!其他)")
_LIST = re.compile(r"\s*(?:、|和|及|与|以及)\s*")
# a count of the items instead of a list: 4地, 两市, 这3家企业, 上述五类
_COUNTED = re.compile(
    r"(?<![\d一二两三四五六七八九十第前])(10|[2-9]|[两二三四五六七八九十])个?"
    r"(?=[地市县区省家类项座国城镇园港])"
)
_CN = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def _short_noun(s: str, comma: int) -> bool:
    """The clause before `comma` is a bare item of a list (制造业), not a statement."""
    a = max(s.rfind(p, 0, comma) for p in "，,：:（(；;。") + 1
    clause = s[a:comma]
    return (
        0 < len(clause) <= 10
        and not any(ch.isdigit() for ch in clause)
        and clause.endswith(("业", "类", "品", "区", "市", "县", "省"))
    )


def run(ctx: Context) -> Iterable[Finding]:
    vocab = load_vocab(ctx.rules)
    for _, cs in ctx.by_document().items():
        done: set[tuple[str, int]] = set()
        for c in cs:
            s = c.sentence
            k = s.rfind("分别", 0, c.sentence_offset)
            if k < 0:
                continue
            key = (c.path, c.quantity.vstart - c.sentence_offset + k)
            if key in done:
                continue
            done.add(key)
            kfig = k  # the figures follow this 分别
            start = max(s.rfind(p, 0, k) for p in "，,：:（(；;。") + 1
            if not s[start:k].strip() and start > 0 and s[start - 1] in "，,":
                # 出口、进口分别为x、y，分别增长a、b: the second 分别 has the first one's items
                k0 = s.rfind("分别", 0, start)
                if k0 >= 0 and not any(ch in s[k0:start] for ch in "；;。"):
                    k = k0
                    start = max(s.rfind(p, 0, k) for p in "，,：:（(；;。") + 1
            items_text = s[start:k]
            if any(w in items_text for w in ("上述", "这些", "前述", "以上各")):
                # 日本、东盟、欧盟、韩国为前四大伙伴，与上述经济体的进出口额分别为…: the items
                # were listed in the clause before
                p0 = max(s.rfind(p, 0, max(0, start - 1)) for p in "，,：:（(；;。") + 1
                listed = [t for t in s[p0 : max(0, start - 1)].split("、") if t.strip()]
                if len(listed) < 2:
                    continue
                items_text = "、".join(listed)
                items_text = re.sub(r"(?:为|是|等).*$", "", items_text)
            if start > 0 and s[start - 1] in "，," and _short_noun(s, start - 1):
                continue  # 采矿业，制造业，电力…业增加值分别: the list runs over commas
            for j, name in enumerate(vocab.compound_names):  # one item despite its 、 and 和
                items_text = items_text.replace(name, f"\x00{j}\x00")
            items = [t for t in items_text.split("、") if t.strip()]
            # 和/及 joins the last two items (A、B和C); inside an earlier item, or before 其他,
            # it is part of a name (石油及制品类, 计算机通信和其他电子设备制造业)
            if items:
                last = [t for t in _SEP.split(items[-1]) if t.strip()]
                items = items[:-1] + last
            counts = {len(items)}
            if len(items) < 2:
                # 龙南、信丰、定南、赣县是主要承载地，上半年4地营收分别为…: the items are counted
                m = _COUNTED.search(items_text)
                if m is None:
                    continue
                n = int(m.group(1)) if m.group(1).isdigit() else _CN[m.group(1)]
                items = [f"{m.group()}{m.string[m.end()]}"] * n
                counts = {n}
            # figures after 分别: the first figure and those chained to it by list separators
            after = sorted(
                (x for x in ctx.sentence(c) if x.sentence_offset > kfig),
                key=lambda x: x.sentence_offset,
            )
            if not after:
                continue
            figs = [after[0]]
            for x in after[1:]:
                prev = figs[-1]
                gap = s[
                    prev.sentence_offset
                    + (prev.quantity.vend - prev.quantity.vstart) : x.sentence_offset
                ]
                if _LIST.fullmatch(gap):
                    figs.append(x)
                else:
                    break
            if len(figs) in counts or len(figs) < 2:  # one figure: "each"
                continue
            listed = items[0] if len(set(items)) == 1 else "、".join(i.strip() for i in items)
            listed = _PLACEHOLDER.sub(lambda m: vocab.compound_names[int(m.group(1))], listed)
            msg = (
                f"分别 pairs {len(items)} items ({listed}) with "
                f"{len(figs)} figure(s) ({'、'.join(stated(f) for f in figs)}) at {where(figs[0])}."
            )
            yield finding(CODE, NAME, SEVERITY, msg, figs)
