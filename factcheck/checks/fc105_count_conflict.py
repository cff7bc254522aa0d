"""FC105 count-conflict: the same set of things counted differently (八个 vs 9个).

What it checks
    Counts of the same thing for the same entity — the same counted noun phrase right after the
    number (战略性新兴产业集群, 未来产业, 先进制造业园区; the count metrics and `count_nouns`
    of metrics.yaml: 十大新兴产业 and 11个新兴产业产值占比… count the same 新兴产业) —
    in different documents, with the same period (an unstated period matches an unstated
    period; a year counts as stated only in the count's own part of the sentence, not after a
    semicolon before it; modality is not compared, since a policy's list is restated both as a plan and as a
    fact), whose exact values differ. Notation does not
    matter: 八个, 8个 and 8大 are the same count; 10个以上 only says "at least 10". Counts of a
    sub-list (A、B、C等4个, 其中…) and the distributive 一个 are not totals and are skipped.

Why it matters
    Counts of clusters, parks or industries in a policy are exact; two different counts for the
    same list mean one report is wrong.

Fails
    a.txt: 深圳将培育发展八个未来产业。   b.txt: 深圳布局9个未来产业。

Passes
    a.txt: 佛山将培育发展五个未来产业。   b.txt: 佛山重点布局5大未来产业。
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Claim, Finding
from .base import Context, disjoint_pairs, finding, group, subject, where

CODE = "FC105"
NAME = "count-conflict"
SEVERITY = "error"


def key(c: Claim):
    q = c.quantity
    if q.dimension != "count" or not (c.entity and c.noun) or c.aspect != "level" or c.part_of:
        return None
    if q.text.startswith(("一", "壹")):
        return None  # 一个产业集群对应一份清单: distributive "one", not a total
    # modality is not compared: a policy's list is restated as plan (将培育八个) and as fact
    # (布局8大) for the same eight things
    # only a period stated with the count separates counts (not one inherited from elsewhere)
    # and only a year: 今年上半年，…围绕12条重点产业链 counts the chains, not a half-year's
    full_year = c.period is not None and c.period.key == str(c.period.year)
    # and a year written as such: 今年打造9个集群 is the current list, like an undated count
    named = (c.period_text or "").strip() not in ("今年", "本年", "当年", "年内")
    # and in the count's own part of the sentence (…提高到2024年的3.1%；全市8个集群: not its year)
    own = c.sentence[
        max(c.sentence.rfind(p, 0, c.sentence_offset) for p in "；;") + 1 : c.sentence_offset
    ]
    stated_here = bool(c.period_text) and c.period_text.strip() in own
    period = (
        c.period_key
        if c.period_from == "sentence" and full_year and named and stated_here
        else None
    )
    return (c.entity, c.noun, c.scope, period)


def run(ctx: Context) -> Iterable[Finding]:
    claims = ctx.claims
    for _, cs in group(claims, key).items():
        pairs = disjoint_pairs(cs)
        if not pairs:
            continue
        a, b = pairs[0]
        involved = [c for p in pairs for c in p]
        msg = (
            f"{subject(a)}: {where(a)} counts “{a.quantity.text}” = {a.quantity.value}, but "
            f"{where(b)} counts “{b.quantity.text}” = {b.quantity.value}."
        )
        yield finding(CODE, NAME, SEVERITY, msg, involved)
