"""Shared helpers for checks: interval logic and the wording of findings."""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from ..model import Claim, Document, Finding, Quantity

NARROW_SCOPES = {"规模以上", "限额以上"}
BROAD_SCOPES = {"全口径"}


@dataclass(frozen=True)
class Context:
    """What a check sees: every claim (in document order) and the documents by path."""

    claims: list[Claim]
    docs: dict[str, Document]
    rules: tuple[str, ...] = ()

    @cached_property
    def specific(self) -> list[Claim]:
        """The claims whose metric says what was measured: a bare generic fallback (产量, 投资,
        增加值 with no qualifying words) could be about anything and is never compared across
        documents."""
        from ..vocab import load_vocab

        vocab = load_vocab(self.rules)
        generic = {n for n, m in vocab.metrics.items() if m.id.endswith("_generic")}
        return [c for c in self.claims if c.metric not in generic]

    @cached_property
    def _sentences(self) -> dict[tuple[str, int], list[Claim]]:
        out: dict[tuple[str, int], list[Claim]] = defaultdict(list)
        for c in self.claims:
            out[(c.path, c.quantity.vstart - c.sentence_offset)].append(c)
        return out

    def sentence(self, c: Claim) -> list[Claim]:
        """The claims of c's sentence, in order (c included)."""
        return self._sentences[(c.path, c.quantity.vstart - c.sentence_offset)]

    def by_document(self) -> dict[str, list[Claim]]:
        out: dict[str, list[Claim]] = defaultdict(list)
        for c in self.claims:
            out[c.path].append(c)
        return out


@dataclass(frozen=True)
class CheckInfo:
    code: str
    name: str
    severity: str
    doc: str
    run: Callable[[Context], Iterable[Finding]]


def overlaps(a: Quantity, b: Quantity) -> bool:
    """True when the two intervals share at least one value (open bounds respected)."""
    lows = [(q.low, q.low_open) for q in (a, b) if q.low is not None]
    highs = [(q.high, q.high_open) for q in (a, b) if q.high is not None]
    if not lows or not highs:
        return True
    lo = max(x for x, _ in lows)
    hi = min(x for x, _ in highs)
    if lo < hi:
        return True
    if lo > hi:
        return False
    lo_open = any(o for x, o in lows if x == lo)
    hi_open = any(o for x, o in highs if x == hi)
    return not lo_open and not hi_open


def disjoint_pairs(cs: list[Claim], limit: int = 20) -> list[tuple[Claim, Claim]]:
    """Pairs of claims from different documents whose intervals do not overlap, in
    O(n log n) rather than comparing every pair: a claim can only conflict with claims whose
    lower end is at or above its upper end."""
    by_low = sorted((c for c in cs if c.quantity.low is not None), key=lambda c: c.quantity.low)
    lows = [c.quantity.low for c in by_low]
    pairs: list[tuple[Claim, Claim]] = []
    steps = 0
    for a in sorted((c for c in cs if c.quantity.high is not None), key=lambda c: c.quantity.high):
        for b in by_low[bisect_left(lows, a.quantity.high) :]:
            steps += 1
            if len(pairs) >= limit or steps > 50 * limit + len(cs):
                return pairs
            if b.path != a.path and not overlaps(a.quantity, b.quantity):
                pairs.append((a, b))
    return pairs


def group(
    claims: Iterable[Claim], key: Callable[[Claim], Hashable | None]
) -> dict[Hashable, list[Claim]]:
    out: dict[Hashable, list[Claim]] = defaultdict(list)
    for c in claims:
        k = key(c)
        if k is not None:
            out[k].append(c)
    return out


def scope_class(scope: str | None) -> str:
    if scope is None:
        return "unstated"
    return "narrow" if scope in NARROW_SCOPES else "broad" if scope in BROAD_SCOPES else "other"


_SUP = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def _num(d: Decimal) -> str:
    from ..extract import format_decimal

    return format_decimal(d)


def fmt_interval(q: Quantity) -> str:
    """[1.05, 1.15)×10¹² CNY — the normalised interval in the writer's terms."""
    vals = [abs(x) for x in (q.value, q.low, q.high) if x is not None and x != 0]
    exp = 0
    if vals and max(vals) >= 10000:
        exp = max(vals).adjusted()
    scale = Decimal(10) ** exp

    def f(x: Decimal | None) -> str:
        return "∞" if x is None else _num(x / scale)

    left = "(" if q.low is None or q.low_open else "["
    right = ")" if q.high is None or q.high_open else "]"
    lo = "-∞" if q.low is None else f(q.low)
    body = f"{left}{lo}, {f(q.high)}{right}"
    if exp:
        body += f"×10{str(exp).translate(_SUP)}"
    return f"{body} {q.unit}".rstrip()


def where(c: Claim) -> str:
    return f"{c.path}:{c.line}:{c.column}"


def cite(c: Claim) -> str:
    """file:line:col “text” → interval."""
    text = c.quantity.text.replace("\n", "").replace(" ", "")
    return f"{where(c)} “{text}” → {fmt_interval(c.quantity)}"


def subject(c: Claim, scope: bool = True) -> str:
    parts = [c.entity] if c.entity else []
    if scope and c.scope:
        parts.append(c.scope)
    parts.append(c.metric or c.noun or "?")  # a count names its noun (新兴产业) if no metric
    if c.aspect not in ("level", "percent"):
        parts.append(
            {
                "growth": "增速",
                "growth_mom": "环比增速",
                "avg_growth": "年均增速",
                "share": "占比",
                "change": "增量",
                "pp": "百分点",
                "multiple": "倍数",
            }.get(c.aspect, c.aspect)
        )
    return " ".join(parts)


def period_label(c: Claim) -> str:
    return c.period_key or "(period unstated)"


def finding(
    info_code: str, name: str, severity: str, message: str, claims: Iterable[Claim]
) -> Finding:
    seen: list[Claim] = []
    ids: set[int] = set()
    for c in claims:
        if id(c) not in ids:  # identity: comparing claims field by field is slow
            ids.add(id(c))
            seen.append(c)
    rest = sorted(seen[1:], key=lambda c: (c.path, c.quantity.start))
    return Finding(info_code, name, severity, message, tuple(seen[:1] + rest))


def narrowing(c: Claim, vocab) -> bool:
    """Does the claim's qualifier name a part of the metric (对东盟进出口, 民营企业出口)?"""
    if not c.metric or not c.metric_base or c.metric == c.metric_base:
        return False
    mod = c.metric[: -len(c.metric_base)] if c.metric.endswith(c.metric_base) else c.metric
    return mod.startswith(vocab.narrowing_prefixes) or mod.endswith(vocab.narrowing_endings)
