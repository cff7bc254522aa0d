"""Find quantities in a Document's analysis view and normalise them.

Match, then resolve (Duckling's split): a compiled regex finds numeral runs; for each run
the resolver looks around it (qualifier, sign, unit, range partner, calendar words, quotes)
and produces a Quantity with a Decimal value in the base unit and an interval derived from
the stated precision and the qualifier. Every Quantity records how it was derived.
"""

from __future__ import annotations

import functools
import re
import string
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal, localcontext
from typing import NamedTuple

from .lexicon import Lexicon, Qualifier, load_lexicon, load_raw
from .model import Document, OffsetMap, Quantity
from .numerals import Parsed, parse
from .segment import Cell, table_cell
from .trie import trie_regex

ZERO = Decimal(0)
ONE = Decimal(1)
TEN = Decimal(10)
_PER_NUMERATORS = frozenset({"currency", "mass", "area", "volume", "energy", "length"})
# 每吨3000元, 每亩增收200元: 每 and a denominator right before the number (or one of these)
_PER_VERBS = frozenset(
    (
        "",
        "均价",
        "售价",
        "价格",
        "约",
        "达",
        "为",
        "仅",
        "平均",
        "增收",
        "节约",
        "补贴",
        "奖励",
        "收入",
    )
)
_PER_MU = re.compile(r"亩产(?:量)?(?:达到|达|为|约|仅|提高到|增加到)?[^，。；\d]{0,2}$")
_TIME_UNITS = frozenset({"year", "month", "day", "h"})
PRECISE_DIMS = {"percent", "percentage_point", "ratio", "duration"}
_COUNTED_DIMS = frozenset({"count", "duration"})
_LETTER = re.compile(r"[A-Za-z]")
_CODE_BEFORE = frozenset("_#@±∓")
_SIGN_LAST = frozenset("负負下-+")
# 比上年的9000亿元多: 多 is "more than that", not "9000-odd" (占比, 比重, 较为 are other words)
_COMPARATIVE = re.compile(r"(?<![占对无相])比(?![重例率])|(?<!比)较(?![为好大高低快慢多少])")
_MAX_RUN = (
    40  # the longest numeral run that can be a quantity (一万亿零三百五十…, 1,234,567,890.12)
)
_EXP = re.compile(r"[eE][+-]?\d+")
_LIST_PP = re.compile(r"(?:[、,，和及与][\d.]+个)*[、,，和及与][\d.]+(个百分点)")
_POWER = re.compile(r"\^([+-]*)(\d+)")
_SLASH_DEN = re.compile(r"\d+(?![\d.])")
_DATE_TAIL = re.compile(r"(?:[/-]\d+)+")
_LIST_JOINERS = frozenset({"、", "和", "及", "与", "以及"})
_SHARE_GAP = re.compile(r"[^\d\s，。；！？、,;:：（）()“”]*")
_MINUTES = re.compile(r"[零〇]?(?:\d{1,2}|[一二三四五六七八九十]{1,3})分(?!之)")


@dataclass(frozen=True)
class Matcher:
    """Everything compiled from the Lexicon that the extractor needs."""

    lex: Lexicon
    run: re.Pattern[str]  # scanning: a lone Chinese numeral only before a unit or numeral
    run_plain: re.Pattern[str]  # matching at a known position (分之 numerators, range ends)
    stop: re.Pattern[str] | None
    codes: re.Pattern[str] | None
    unit_max: int
    unit_first: frozenset[str]
    magnitude_chars: frozenset[str]
    big_chars: frozenset[str]
    # calendar words by their first character, longest first:
    # (suffix, min, max, digits, kind, before, after)
    calendar: dict[
        str, tuple[tuple[str, int, int, int | None, str, tuple[str, ...], tuple[str, ...]], ...]
    ]
    ordinal_max: int
    name_suffixes: tuple[str, ...]
    pre_max: int
    post_max: int
    prefix_max: int
    phrases: re.Pattern[str] | None
    parse: Callable[[str], Parsed | None]
    pre_last: frozenset[str]  # last characters of pre-qualifiers, ordinal prefixes, symbols
    post_first: frozenset[str]
    ordinal_last: frozenset[str]  # ... and the character before a digit stop word's digits
    digit_stops: dict[str, tuple[tuple[str, str], ...]]
    prefix_last: frozenset[str]
    suffix_first: frozenset[str]
    unit_lengths: dict[str, tuple[int, ...]]
    unit_window: int
    label_end: frozenset[str]  # last characters of code labels, and the gaps after them
    blocked_last: frozenset[str]  # characters before a number that may block it (blocked_before)
    unit_at: Callable[[str, int, bool, bool], _Unit | None]
    connector_first: frozenset[str]
    connectors: tuple[str, ...]  # range connectors, longest first
    pre_blockers: dict[str, frozenset[str]]


# a unit form's entry for the hot path: unit, dimension, factor, the characters that must not
# follow it (blockers), and whether it is a form only after a magnitude (万 of 万人)
_UnitEntry = tuple[str, str, Decimal, frozenset[str], bool]


def _unit_entries(lex: Lexicon) -> dict[str, _UnitEntry]:
    empty: frozenset[str] = frozenset()
    return {
        form: (
            uf.unit,
            uf.dimension,
            uf.factor,
            lex.blockers.get(form, empty),
            form in lex.magnitude_only,
        )
        for form, uf in lex.units.items()
    }


def _unit_finder(lex: Lexicon) -> Callable[[str, int, bool, bool], _Unit | None]:
    """The function that finds the unit at an offset: the longest form there, with its
    compound denominator (元/人). A closure over the unit tables (one call per figure)."""
    lengths = _unit_lengths(lex)
    entries = _unit_entries(lex)
    denominators = lex.denominators

    def unit_at(s: str, pos: int, after_magnitude: bool, explain: bool) -> _Unit | None:
        n = len(s)
        for L in lengths.get(s[pos : pos + 1], ()):
            end = pos + L
            if end > n:
                continue
            form = s[pos:end]
            entry = entries.get(form)
            if entry is None:
                continue
            unit, dim, factor, blockers, magnitude_only = entry
            if magnitude_only and not after_magnitude:
                continue
            if blockers and end < n and s[end] in blockers:
                continue
            note = f"unit '{form}' → {unit} × {_fmt(factor)}" if explain else ""
            # compound: 元/人, 微克/立方米, 万元每吨 (每 only after amounts: 5年每年 is two figures)
            if end < n and (
                (s[end] == "/" and dim not in ("count", "percent"))
                or (s[end] == "每" and dim in _PER_NUMERATORS)
            ):
                for DL in range(4, 0, -1):
                    den = s[end + 1 : end + 1 + DL]
                    if den in denominators:
                        du, dfac = denominators[den]
                        with localcontext() as ctx:
                            ctx.prec = 40
                            factor = factor / dfac
                        unit = f"{unit}/{du}"
                        if explain:
                            note += f", per '{den}' → /{du}"
                        end = end + 1 + DL
                        break
            return _tuple_new(_Unit, (form, unit, dim, factor, end, note))
        return None

    return unit_at


def _unit_lengths(lex: Lexicon) -> dict[str, tuple[int, ...]]:
    """First character -> the lengths of the unit forms starting with it, longest first."""
    out: dict[str, set[int]] = {}
    for form in lex.units:
        out.setdefault(form[0], set()).add(len(form))
    return {c: tuple(sorted(ls, reverse=True)) for c, ls in out.items()}


@functools.lru_cache(maxsize=8)
def get_matcher(extra_dirs: tuple[str, ...] = ()) -> Matcher:
    lex = load_lexicon(extra_dirs)
    cn_start = "".join(lex.digits) + "".join(lex.small_units) + "".join(lex.big_units)
    cn_all = cn_start + "".join(lex.points) + "".join(lex.approx_markers)
    arabic = r"\d+(?:[,，]\d{3}(?!\d))*(?:\.\d+)?"
    some = "".join(k for k, v in lex.approx_markers.items() if v == "some")
    unit_first = (
        frozenset(f[0] for f in lex.units)
        | frozenset("分折番/又")
        | frozenset(c[0] for c in lex.range_connectors)
    )
    # a Chinese numeral starts a run only if more numerals, a unit or the end of the line
    # follow (一些, 统一, 四川 are rejected by the regex engine, not in Python)
    follow = re.escape(cn_all + "".join(sorted(unit_first)))
    run_plain = re.compile(
        rf"(?:{arabic}|(?<![\d.])\.\d+|[{re.escape(cn_start)}]|[{re.escape(some)}](?=[{re.escape(cn_start)}]))"
        rf"(?:{arabic}|[{re.escape(cn_all)}])*"
    )
    # The scan for candidates is the largest single cost of extraction. The leading lookahead
    # with one character class lets re skip the text between candidates at C speed (about 2.5x
    # faster than the same pattern without it, in re or in the third-party regex engine).
    first = re.escape("0123456789." + cn_start + some)
    run = re.compile(
        rf"(?=[{first}])"
        rf"(?:{arabic}|(?<![\d.])\.\d+|[{re.escape(cn_start)}](?=[{follow}0-9]|[^\u3400-\u9fff]|$)"
        rf"|[{re.escape(some)}](?=[{re.escape(cn_start)}]))"
        rf"(?:{arabic}|[{re.escape(cn_all)}])*",
        re.M,
    )
    # Stop words with Arabic digits (科创50, 沪深300) are checked at the number they contain,
    # from the character before it: scanning the text for them would cost more (中, 上 …).
    digit_stops: dict[str, list[tuple[str, str]]] = {}
    plain_stops = []
    for w in lex.stopwords:
        i = next((k for k, ch in enumerate(w) if ch.isdigit()), -1)
        if i > 0:
            digit_stops.setdefault(w[i - 1], []).append((w[:i], w[i:]))
        else:
            plain_stops.append(w)
    stop = trie_regex(plain_stops)
    codes = (
        re.compile("|".join(f"(?:{p})" for p in lex.code_patterns)) if lex.code_patterns else None
    )
    qua, _ = load_raw("qualifiers", extra_dirs)
    pre_blockers = {
        str(k): frozenset(str(c) for c in (v or []))
        for k, v in (qua.get("pre_blockers") or {}).items()
        if k != "__line__"
    }
    cal = tuple(
        (
            str(c["suffix"]),
            int(c["min"]),
            int(c["max"]),
            c.get("digits"),
            str(c["kind"]),
            tuple(str(x) for x in c.get("before") or ()),
            tuple(str(x) for x in c.get("after") or ()),
        )
        for c in sorted(lex.calendar, key=lambda c: len(str(c["suffix"])), reverse=True)
    )
    calendar: dict[str, list] = {}
    for c in cal:  # by the suffix's first character, longest suffix first
        calendar.setdefault(c[0][0], []).append(c)
    return Matcher(
        lex=lex,
        run=run,
        run_plain=run_plain,
        stop=stop,
        codes=codes,
        unit_max=max(len(f) for f in lex.units),
        unit_first=unit_first,
        magnitude_chars=frozenset(lex.small_units) | frozenset(lex.big_units),
        big_chars=frozenset(lex.big_units),
        calendar={k: tuple(x) for k, x in calendar.items()},
        ordinal_max=max((len(p) for p in lex.ordinal_prefixes), default=1),
        name_suffixes=tuple(sorted(lex.name_suffixes, key=len, reverse=True)),
        pre_max=max((len(f) for f in lex.qualifiers_pre), default=1),
        post_max=max((len(f) for f in lex.qualifiers_post), default=1),
        prefix_max=max((len(f) for f in lex.prefixes), default=1),
        phrases=re.compile("|".join(map(re.escape, sorted(lex.phrases, key=len, reverse=True))))
        if lex.phrases
        else None,
        parse=functools.lru_cache(maxsize=1 << 16)(functools.partial(parse, lex=lex)),
        pre_last=frozenset(f[-1] for f in lex.qualifiers_pre) | {"了"},
        post_first=frozenset(f[0] for f in lex.qualifiers_post),
        ordinal_last=frozenset(p[-1] for p in lex.ordinal_prefixes) | frozenset(digit_stops),
        digit_stops={k: tuple(ws) for k, ws in digit_stops.items()},
        prefix_last=frozenset(p[-1] for p in lex.prefixes),
        suffix_first=frozenset(x[0] for x in lex.name_suffixes),
        unit_lengths=_unit_lengths(lex),
        unit_window=max(len(f) for f in lex.units) + 6,
        label_end=frozenset(x[-1] for x in lex.code_labels) | frozenset(" ：:\t")
        if lex.code_labels
        else frozenset(),
        blocked_last=frozenset(" +.-_")
        | _CODE_BEFORE
        | frozenset(string.ascii_letters)
        | frozenset(x[-1] for x in lex.code_labels)
        | frozenset(" ：:\t")
        | frozenset(p[-1] for p in lex.ordinal_prefixes)
        | frozenset(digit_stops),
        unit_at=_unit_finder(lex),
        connector_first=frozenset(c[0] for c in lex.range_connectors),
        connectors=tuple(sorted(lex.range_connectors, key=len, reverse=True)),
        pre_blockers=pre_blockers,
    )


class _Spans:
    """Sorted non-overlapping spans with a point-membership test."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.starts = [a for a, _ in spans]
        self.ends = [b for _, b in spans]

    def covering(self, pos: int) -> tuple[int, int] | None:
        i = bisect_right(self.starts, pos) - 1
        if i >= 0 and self.ends[i] > pos:
            return self.starts[i], self.ends[i]
        return None


def _quote_spans(view: str, lex: Lexicon) -> list[tuple[int, int]]:
    spans = []
    for open_, close in lex.quote_pairs.items():
        limit = 80 if open_ == "《" else lex.quote_max_len
        i = view.find(open_)
        while i >= 0:
            j = view.find(close, i + 1, i + 2 + limit)
            if j < 0:
                i = view.find(open_, i + 1)
                continue
            inner = view[i + 1 : j]
            if "\n" not in inner and (open_ == "《" or not re.search(r"[，。；！？,;]", inner)):
                spans.append((i, j + 1))
            i = view.find(open_, j + 1)
    spans.sort()
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if out and a < out[-1][1]:
            continue
        out.append((a, b))
    return out


class _Unit(NamedTuple):
    """A unit matched in the text (internal, hot path: a NamedTuple is cheap to build)."""

    form: str
    unit: str
    dimension: str
    factor: Decimal
    end: int
    note: str


def _fmt(d: Decimal | None) -> str:
    if d is None:
        return "∞"
    return format_decimal(d)


def format_decimal(d: Decimal) -> str:
    """Exact plain decimal string: no exponent, no trailing zeros."""
    if d == 0:
        return "0"
    s = format(d, "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s


_CN_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九") if i}
# after 七成六 these would make 六 the start of another numeral or a count (七成六十, 七成六个)
_CN_FOLLOW = frozenset("〇零一二三四五六七八九十百千万亿个项家成")


# half a step of precision 10**res, for the exponents that occur (1.5万 → ± 500)
_HALF_STEPS = {res: (TEN**res) / 2 for res in range(-20, 28)}
_tuple_new = tuple.__new__  # builds a NamedTuple without its Python-level __new__
_new_quantity = object.__new__  # Quantity.fast without its call: one per figure


class _Resolver:
    def __init__(self, doc: Document, m: Matcher, explain: bool = False) -> None:
        self.explain = explain  # record how each value was derived (--explain)
        self.doc = doc
        self.v = doc.view
        self.m = m
        self.lex = m.lex
        self.stops = _Spans([x.span() for x in m.stop.finditer(self.v)] if m.stop else [])
        self.quotes = _Spans(_quote_spans(self.v, m.lex))
        self.parse = m.parse
        self.text = doc.text
        self.span = doc.vmap.span
        vm = doc.vmap
        # one segment and no entities: every view offset maps by a constant shift
        self.shift = (
            vm.sstarts[0] - vm.vstarts[0]
            if len(vm.vstarts) == 1 and vm.vstarts[0] == 0 and not vm.wide
            else None
        )

    # ---------------------------------------------------------------- helpers
    def match_unit(self, pos: int, after_magnitude: bool) -> _Unit | None:
        """The unit at pos (longest form), with its compound denominator (元/人)."""
        if self.v[pos : pos + 1] not in self.m.unit_lengths:
            return None
        return self.m.unit_at(self.v, pos, after_magnitude, self.explain)

    def calendar_kind(self, parsed: Parsed, run: str, pos: int) -> str | None:
        v = self.v
        entries = self.m.calendar.get(v[pos : pos + 1])
        if entries is None:
            return None
        val = parsed.value
        if val != val.to_integral_value() or parsed.approx:
            return None
        for suffix, lo, hi, digits, kind, before, after in entries:
            if v.startswith(suffix, pos) and lo <= val <= hi:
                if digits and len(run) != digits:
                    continue
                if kind == "day" and v.startswith("日均", pos):
                    continue
                if before or after:  # 晚上9点, 7点到11点, 9点30分: only in a clock context
                    a = pos - len(run)
                    e = pos + len(suffix)
                    near = v[max(0, a - 4) : a]
                    if not (
                        any(w in near for w in before)
                        or v.startswith(after, e)
                        or (e < len(v) and v[e].isdigit() and "分" in v[e : e + 3])
                    ):
                        continue
                return kind
        return None

    def pre_qualifier(self, a: int) -> tuple[Qualifier | None, int]:
        v, lex = self.v, self.lex
        if v[a - 1 : a] not in self.m.pre_last:
            return None, a
        b = a
        if b > 0 and v[b - 1] == "了":
            b -= 1
        for L in range(min(self.m.pre_max, b), 0, -1):
            q = lex.qualifiers_pre.get(v[b - L : b])
            if q is not None:
                if b - L > 0 and v[b - L - 1] in self.m.pre_blockers.get(q.form, ()):
                    return None, a  # 签约, 附近: the qualifier is the end of another word
                return q, b - L
        return None, a

    def post_qualifier(self, e: int, dim: str) -> tuple[Qualifier | None, int]:
        v, lex = self.v, self.lex
        if v[e : e + 1] not in self.m.post_first:
            return None, e
        for L in range(min(self.m.post_max, len(v) - e), 0, -1):
            form = v[e : e + L]
            q = lex.qualifiers_post.get(form)
            if q is None:
                continue
            if q.after and dim not in q.after:
                continue
            nxt = v[e + L : e + L + 1]
            if nxt and nxt in lex.post_blockers.get(form, ()):
                continue
            return q, e + L
        return None, e

    def _unit_follows(self, b: int) -> bool:
        """Does a unit, magnitude or % come right after offset b (GDP 1.2万亿元)?"""
        nxt = self.v[b : b + 1]
        return bool(nxt) and (nxt in self.m.unit_first or nxt in self.m.magnitude_chars)

    def sign(self, a: int) -> tuple[int, int]:
        v = self.v
        if v[a - 1 : a] not in _SIGN_LAST:
            return 1, a
        if a > 0 and v[a - 1] in "负負" and v[a - 2 : a - 1] not in self.lex.minus_blockers:
            return -1, a - 1
        if a > 1 and v[a - 2 : a] == "零下":
            return -1, a - 2  # 零下30℃
        if (
            a > 0
            and v[a - 1] in "-+"
            and not (a > 1 and (v[a - 2].isalnum() and v[a - 2].isascii()))
        ):
            if a > 1 and v[a - 2].isdigit():
                return 1, a
            return (-1 if v[a - 1] == "-" else 1), a - 1
        return 1, a

    def blocked_before(self, a: int, b: int) -> bool:
        v = self.v
        c = v[a - 1 : a]
        if not c:
            return False
        if c == " " and a > 1 and _LETTER.match(v[a - 2]) and not self._unit_follows(b):
            return True  # Model 3, Mate 60: a model name, not a figure
        if c in self.m.label_end:
            before = v[max(0, a - 8) : a].rstrip(" ：:\t")
            if before.endswith(self.lex.code_labels):
                return True  # 邮编530022, 阅读量：12345
        if c in _CODE_BEFORE or _LETTER.match(c):
            return True  # a code or a spec (±800千伏), not a figure
        if (
            a > 1
            and v[a - 1] == "+"
            and (v[a - 2] == "+" or (v[a - 2].isascii() and v[a - 2].isalnum()))
        ):
            return True  # a code: 20+8, C++11
        if a > 1 and v[a - 1] == "." and v[a - 2].isdigit():
            return True
        if a > 1 and v[a - 1] in "-_" and _LETTER.match(v[a - 2]):
            return True  # a code: COVID-19, ISO-9001
        if v[a - 1 : a] not in self.m.ordinal_last:
            return False
        for head, digits in self.m.digit_stops.get(v[a - 1], ()):
            if (
                v.startswith(digits, a)
                and v.startswith(head, a - len(head))
                and not v[a + len(digits) : a + len(digits) + 1].isdigit()
            ):
                return True  # 沪深300指数, 科创50: a stop word with digits
        for L in range(min(self.m.ordinal_max, a), 0, -1):
            prefix = v[a - L : a]
            if prefix in self.lex.ordinal_prefixes:
                blockers = self.lex.ordinal_blockers.get(prefix)
                if blockers and a - L > 0 and v[a - L - 1] in blockers:
                    continue  # 目前50家, 提前3天: the prefix ends another word
                followers = self.lex.ordinal_followers.get(prefix)
                if followers and not v.startswith(followers, b):
                    continue  # 税前2万元, 疫情前90%: not a rank (前三名) or period (前5个月)
                return True
        return False

    # ---------------------------------------------------------------- one number
    def number_at(self, a: int, b: int) -> tuple[Parsed, int, _Unit | None, str] | None:
        """Parse the run [a, b) and the unit after it, backtracking over trailing magnitude
        characters that begin a unit (5千米, 5兆瓦). Returns (parsed, numeral end, unit, run)."""
        v, m = self.v, self.m
        if v[b - 1] in m.magnitude_chars:
            tail = 0
            while tail < b - a and tail < 3 and v[b - 1 - tail] in m.magnitude_chars:
                tail += 1
            for k in range(tail, 0, -1):
                pos = b - k
                if pos == a or v[pos] not in m.unit_lengths:
                    continue
                u = m.unit_at(v, pos, False, self.explain)
                if u is not None and u.end - pos > k:
                    p = self.parse(v[a:pos])
                    if p is not None:
                        return p, pos, u, v[a:pos]
        run = v[a:b]
        p = self.parse(run)
        if p is None:
            # the run may end in characters that are not part of the numeral (一千多元 ok, 十五多)
            for cut in range(b - 1, a, -1):
                p = self.parse(v[a:cut])
                if p is not None:
                    b, run = cut, v[a:cut]
                    break
            else:
                return None
        if v[b : b + 1] in m.unit_lengths:
            return p, b, m.unit_at(v, b, run[-1] in m.big_chars, self.explain), run
        return p, b, None, run

    # ---------------------------------------------------------------- main
    def quantities(self) -> Iterator[Quantity]:
        v = self.v
        m = self.m
        unit_first = m.unit_first
        blocked_last = m.blocked_last
        codes = m.codes
        resolve = self.resolve
        # stop words (一些, 十四五): candidates come in order, so a cursor walks their spans
        stop_starts, stop_ends = self.stops.starts, self.stops.ends
        si, ns = 0, len(stop_starts)
        pos = 0
        search = m.run.search
        while True:
            mt = search(v, pos)
            if mt is None:
                break
            a, b = mt.span()
            pos = b
            if b - a > _MAX_RUN:
                continue  # 200 digits in a row: a code or garbage, never a quantity
            run = mt.group()
            if "，" in run and self.doc.text[self.doc.vmap.to_source(a)].isascii():
                b = a + run.index("，")  # a list "20，300", not full-width thousands "２０，３００"
                run = v[a:b]
            if run[0].isdigit():
                if codes is not None:
                    cm = codes.match(v, a)
                    if cm:  # a phone number, 20+8, 0755…: skip the whole code
                        pos = max(pos, cm.end())
                        continue
            elif b - a == 1:
                # fast reject: a lone Chinese numeral not followed by anything unit-like
                if v[b : b + 1] not in unit_first and not self._isolated(a, b):
                    continue
            while si < ns and stop_ends[si] <= a:
                si += 1
            if si < ns and stop_starts[si] <= a and not v.startswith("分之", b):
                continue  # inside a stop word (十分之六 is a fraction)
            if v[a - 1 : a] in blocked_last and self.blocked_before(a, b):
                continue
            q = resolve(a, b)
            if q is None:
                continue
            if q.__class__ is int:  # a period or a name: skip past it
                pos = max(q, a + 1)
                continue
            pos = q.vend if q.vend > a else a + 1
            yield q

    def phrases(self) -> Iterator[Quantity]:
        """Fixed phrases that state a number without numerals (打对折, 半百)."""
        if self.m.phrases is None:
            return
        for mt in self.m.phrases.finditer(self.v):
            value, form = self.lex.phrases[mt.group()]
            uf = self.lex.units.get(form) if form else None
            val = value * (uf.factor if uf else ONE)
            yield self._more_after(
                mt.start(),
                mt.end(),
                val,
                uf.unit if uf else "",
                uf.dimension if uf else "number",
                [f"phrase '{mt.group()}' → {_fmt(val)} {uf.unit if uf else ''}"]
                if self.explain
                else [],
            )

    def _more_after(
        self, start: int, end: int, val: Decimal, unit: str, dim: str, notes: list[str]
    ) -> Quantity:
        """An exact figure, or a lower bound when 多/余 closes it (翻了一番多: more than × 2);
        多 that begins a word (翻一番多项) is left alone."""
        v = self.v
        qpre, qstart = self.pre_qualifier(start)
        if qpre is not None and qpre.kind in ("upper", "lower"):
            # 接近翻一番, 超过翻两番: the qualifier bounds the figure
            lower = qpre.kind == "lower"
            if self.explain:
                notes.append(f"qualifier '{qpre.form}' → {qpre.kind} bound")
            return self.make(
                qstart,
                end,
                val,
                val if lower else None,
                None if lower else val,
                unit,
                dim,
                qpre.form,
                qpre.kind,
                lower and qpre.open,
                (not lower) and qpre.open,
                notes,
            )
        if v[end : end + 1] in ("多", "余") and (
            end + 1 >= len(v) or not _is_han(v[end + 1]) or v[end + 1] in "的了"
        ):
            if self.explain:
                notes.append(f"'{v[end]}' → more than {_fmt(val)}")
            return self.make(
                start, end + 1, val, val, None, unit, dim, v[end], "lower", True, False, notes
            )
        return self.make(start, end, val, val, val, unit, dim, None, "exact", False, False, notes)

    def _stated(self, a: int, unit: _Unit) -> bool:
        """A magnitude-only numeral (千亿元) is a figure after a qualifier or verb, or before
        punctuation; before a noun it is a size class."""
        q, _ = self.pre_qualifier(a)
        if q is not None:
            return True
        if a > 0 and self.v[a - 1] in "达为是至到了约近":
            return True
        nxt = self.v[unit.end : unit.end + 1]
        return not nxt or not _is_han(nxt)

    def _isolated(self, a: int, b: int) -> bool:
        v = self.v
        before = v[a - 1] if a > 0 else "\n"
        after = v[b] if b < len(v) else "\n"
        return before == "\n" and after in "\n"

    def _range_follows(self, parsed: Parsed, nend: int) -> bool:
        """The number opens a range with a unit: 两到三年, 三至五个, 2000~3000人."""
        rng = self.range_partner(nend, None)
        if not isinstance(rng, tuple) or rng[2] is None:
            return False
        hi = rng[0].high if rng[0].high is not None else rng[0].value
        return hi > parsed.value

    def _shared_magnitude(self, run: str, run2: str) -> str:
        """The magnitude of a range's upper end that its lower end shares: all of it when the
        lower end has none (3—5千个, 3-5千万), its big units when the lower end has only
        small ones (二十至三十万); the big units anywhere in the upper end as before."""
        m = self.m
        if m.magnitude_chars.isdisjoint(run):
            k = len(run2)
            while k > 0 and run2[k - 1] in m.magnitude_chars:
                k -= 1
            if k < len(run2) and k > 0:
                return run2[k:]
        if m.big_chars.isdisjoint(run):
            return "".join(c for c in run2 if c in m.big_chars)
        return ""

    def resolve(self, a: int, b: int, share: _Unit | None = None) -> Quantity | int | None:
        """The quantity of the numeral run [a, b); `share` is a unit it takes when it has none
        of its own (an earlier item of a list that states the unit once: 1.32亿、6,125万人次)."""
        v, lex = self.v, self.lex
        # fractions and percent prefixes: 八分之一, 百分之三十, 千分之五
        if v.startswith("分之", b):
            return self.fraction(a, b)
        got = self.number_at(a, b)
        if got is None:
            return None
        parsed, nend, unit, run = got
        if unit is None and share is not None:
            unit = share._replace(end=nend)
        nxt = v[nend : nend + 1]
        if unit is None and nxt == "又":
            mt = self.m.run_plain.match(v, nend + 1)
            if mt and v.startswith("分之", mt.end()) and parsed.low is None:
                return self.fraction(
                    mt.start(),
                    mt.end(),
                    whole=parsed.value,
                    start=a,
                    notes=[f"whole part '{run}' → {_fmt(parsed.value)}"] if self.explain else [],
                )
        if unit is None and parsed.has_arabic and run.replace(".", "").isdigit():
            special = self.arabic_special(a, nend, run)
            if special is not None:
                return special
        if unit is None:
            cal = self.calendar_kind(parsed, run, nend)
            if cal == "hour":  # 9时30分: the minutes belong to the time of day
                for suf in ("时", "點", "点"):
                    if v.startswith(suf, nend):
                        mm = _MINUTES.match(v, nend + len(suf))
                        if mm:
                            return mm.end()
            if cal is not None:
                return nend
            if not lex.points.isdisjoint(v[a:b]):
                for e in (nend, b):
                    if v.startswith("分", e) and not v.startswith("分之", e):
                        return e + 1  # 9点30分, 三点二十分: a time of day, not 9.3
        elif unit.dimension == "duration" and unit.form in ("年", "日"):
            cal = self.calendar_kind(parsed, run, nend)
            if cal is not None:
                return nend
        elif (
            unit.unit == "month"
            and v[a - 2 : a] == "年前"
            and parsed.low is None
            and 1 <= parsed.value <= 12
            and parsed.value == parsed.value.to_integral_value()
        ):
            return unit.end  # 今年前5个月: months 1-5, a period (前 alone is a rank prefix)
        notes = [f"numeral '{run}' → {_fmt(parsed.value)}"] if self.explain else []
        if parsed.low is not None and self.explain:
            notes[-1] += f" (range [{_fmt(parsed.low)}, {_fmt(parsed.high)}], '{parsed.approx}')"
        single_cn = len(run) == 1 and not run.isdigit()
        # special forms after the numeral
        if (
            unit is None
            and nxt == "折"
            and (nend + 1 >= len(v) or v[nend + 1] not in "合算旧叠射腾返线中现扣价")
        ):
            return self.discount(a, nend, parsed, run, notes)
        if unit is None and nxt == "番" and (v[a - 1 : a] == "翻" or v[a - 2 : a] == "翻了"):
            times = Decimal(2) ** int(parsed.value)
            start = a - 1 if v[a - 1] == "翻" else a - 2
            if self.explain:
                notes.append(f"'翻{run}番' → doubled {int(parsed.value)} time(s) = × {_fmt(times)}")
            return self._more_after(start, nend + 1, times, "times", "ratio", notes)
        if parsed.digit_string:
            return None  # 三八, 五一: only years and discounts read digits one by one
        if not parsed.has_digit and unit is None:
            return None
        if not parsed.has_digit and parsed.approx is None and not self._stated(a, unit):
            return None  # 千亿元产业集群: a size class, not a figure
        if not parsed.has_digit and len(run) < 2 and run[0] not in "十百千拾佰仟":
            return None
        if unit is None:
            for suf in self.m.name_suffixes if v[nend : nend + 1] in self.m.suffix_first else ():
                if v.startswith(suf, nend):
                    return nend + len(suf)
            if nend < len(v) and _LETTER.match(v[nend]):
                return nend  # 5G, 3D, 4K
            if run.isdigit() and (
                (len(run) >= 9 and v[a - 1 : a] not in self.m.prefix_last)
                or (
                    len(run) == 6
                    and a > 0
                    and v[a - 1] in "(（"
                    and v[nend : nend + 1] in (")", "）", ".")
                )
            ):
                return nend  # 网站标识码3401000001, 华东精工（603619）: a code
            if v.startswith("+", nend) and v[nend + 1 : nend + 2].isdigit():
                return nend  # "20+8"
            if single_cn and not self._isolated(a, nend) and not self._range_follows(parsed, nend):
                return None
            if (
                run.isdigit()
                and len(run) == 4
                and 1900 <= int(run) <= 2100
                and not self._range_follows(parsed, nend)
            ):
                dm = _DATE_TAIL.match(v, nend)
                return dm.end() if dm else nend  # a bare year: 2023长三角, 2022—2025, 2023-1-5
            if (
                not parsed.has_arabic
                and parsed.decimals is None
                and self.m.magnitude_chars.isdisjoint(run)
            ):
                if not (single_cn and self._isolated(a, nend)) and not self._range_follows(
                    parsed, nend
                ):
                    return None
        if v[a - 1 : a] in _SIGN_LAST:
            sgn, sstart = self.sign(a)
        else:
            sgn, sstart = 1, a
        # currency symbol before the number: ¥300, US$20
        prefix_unit = None
        if v[sstart - 1 : sstart] in self.m.prefix_last:
            for L in range(min(self.m.prefix_max, sstart), 0, -1):
                sym = v[sstart - L : sstart]
                if sym in lex.prefixes:
                    prefix_unit = lex.prefixes[sym]
                    sstart -= L
                    break
        udim = unit.dimension if unit is not None else None
        if (
            udim == "mass"
            and "/" not in unit.unit
            and _PER_MU.search(v, max(0, sstart - 8), sstart)
        ):
            # 平均亩产约351公斤: a yield per 亩, not an output
            du, dfac = lex.denominators["亩"]
            with localcontext() as ctx:
                ctx.prec = 40
                unit = unit._replace(unit=f"{unit.unit}/{du}", factor=unit.factor / dfac)
            if self.explain:
                notes.append(f"'亩产' before the number → /{du} (per 亩)")
        if (
            udim in _PER_NUMERATORS
            and "每" in v[max(0, sstart - 7) : sstart]
            and "/" not in unit.unit
        ):
            # 每吨3000元, 每平方米均价1.2万元: the price is per the unit written after 每
            k = v.rfind("每", max(0, sstart - 7), sstart)
            den = None
            for DL in range(4, 0, -1):
                form = v[k + 1 : k + 1 + DL]
                rest = v[k + 1 + DL : sstart]
                if form in lex.denominators and (rest in _PER_VERBS):
                    den = lex.denominators[form]
                    break
            if den is not None and den[0] not in _TIME_UNITS:
                with localcontext() as ctx:
                    ctx.prec = 40
                    unit = unit._replace(unit=f"{unit.unit}/{den[0]}", factor=unit.factor / den[1])
                if self.explain:
                    notes.append(f"'{v[k:sstart]}' before the number → /{den[0]}")
        after_unit = v[unit.end : unit.end + 1] if unit is not None else ""
        if (
            after_unit == "半"
            and udim not in ("currency", "count")
            and not v.startswith(self.lex.half_blockers, unit.end + 1)
        ):
            parsed = Parsed(
                parsed.value + Decimal("0.5"), -1, decimals=1, has_arabic=parsed.has_arabic
            )
            unit = _Unit(
                unit.form + "半", unit.unit, unit.dimension, unit.factor, unit.end + 1, unit.note
            )
            if self.explain:
                notes.append("'半' adds one half")
        if (
            after_unit in _CN_DIGIT
            and unit.form == "成"
            and parsed.decimals is None
            and parsed.low is None
            and v[unit.end : unit.end + 1] in _CN_DIGIT
            and v[unit.end + 1 : unit.end + 2] not in _CN_FOLLOW
        ):
            # 七成六: seven and six tenths 成, 76%
            tenth = _CN_DIGIT[v[unit.end]]
            parsed = Parsed(
                parsed.value + Decimal(tenth) / 10, -1, decimals=1, has_arabic=parsed.has_arabic
            )
            unit = unit._replace(form="成" + v[unit.end], end=unit.end + 1)
            if self.explain:
                notes.append(f"'{v[unit.end - 1]}' after 成 adds {tenth} tenths")
        if unit is not None and unit.form in ("个", "個"):
            if v.startswith("多", unit.end) and parsed.low is None and not parsed.decimals:
                # 四个多百分点, 两个多月, 一个多小时: 多 between the classifier and the unit
                u2 = self.m.unit_at(
                    unit.form + v[unit.end + 1 : unit.end + self.m.unit_window],
                    0,
                    False,
                    self.explain,
                )
                if u2 is not None and len(u2.form) > len(unit.form):
                    x = parsed.value
                    parsed = Parsed(
                        x,
                        0,
                        low=x,
                        high=x + ONE,
                        low_open=True,
                        high_open=True,
                        approx="多",
                        has_arabic=parsed.has_arabic,
                    )
                    unit = u2._replace(end=u2.end + unit.end)
                    if self.explain:
                        notes.append(f"'{run}个多' → more than {_fmt(x)}, less than {_fmt(x + 1)}")
            lm = _LIST_PP.match(v, unit.end)
            if lm:
                pp = lex.units[lm.group(1)]
                unit = _Unit(
                    unit.form,
                    pp.unit,
                    pp.dimension,
                    pp.factor,
                    unit.end,
                    f"'个' shares the unit of the list's last item '{lm.group(1)}' → pp",
                )
        end = unit.end if unit else nend
        if (
            unit is not None
            and v.startswith("级", end)
            and unit.dimension not in ("percent", "currency")
        ):
            return end + 1  # 30万吨级码头, 百万千瓦级: a size class, not a figure
        if unit is None and prefix_unit:
            unit = _Unit("", prefix_unit, "currency", ONE, nend, f"symbol → {prefix_unit}")
        # range: 3~4个, 30%—50%, 5000亿至6000亿元, 1—4月 (a period)
        rng = self.range_partner(end, unit) if v[end : end + 1] in self.m.connector_first else None
        if rng == "period":
            return self.skip_period(end)
        if rng is not None:
            parsed2, end2, unit2, run2 = rng
            if unit is None:
                unit = unit2
                big = self._shared_magnitude(run, run2)
                if big:
                    scale = self.parse("1" + big)
                    if scale is not None and parsed.value * scale.value <= parsed2.value:
                        parsed = Parsed(
                            parsed.value * scale.value,
                            parsed.res_exp + int(scale.res_exp),
                            decimals=parsed.decimals,
                            has_arabic=parsed.has_arabic,
                        )
                        if self.explain:
                            notes.append(
                                f"magnitude '{big}' of the upper end applies to the lower end"
                            )
            lo_val = parsed.low if parsed.low is not None else parsed.value
            hi_val = parsed2.high if parsed2.high is not None else parsed2.value
            if hi_val <= lo_val:
                rng = None
            else:
                if self.explain:
                    notes.append(f"range to '{run2}' → {_fmt(parsed2.value)}")
                end = unit2.end if unit2 else end2
        dim = unit.dimension if unit else "number"
        if dim not in lex.quote_keep_dimensions and self.quotes.starts:
            quote = self.quotes.covering(a)
            if quote is not None:
                return quote[1]  # a name in quotes: "20+8"产业集群, "六个一"
        if unit is not None:
            if self.explain:
                notes.append(unit.note)
        factor = unit.factor if unit else ONE
        if v[sstart - 1 : sstart] in self.m.pre_last:
            qpre, qstart = self.pre_qualifier(sstart)
            if qpre is not None and qpre.form == "近" and dim == "duration":
                qpre, qstart = None, sstart  # 近3年 = the last three years
        else:
            qpre, qstart = None, sstart
        if v[end : end + 1] in self.m.post_first:
            qpost, pend = self.post_qualifier(end, dim)
        else:
            qpost, pend = None, end
        if qpost is None and unit is not None and v.startswith("多", end):
            nxt = v[end + 1 : end + 2]
            comparative = _COMPARATIVE.search(v, max(0, sstart - 12), sstart) is not None
            if not comparative and (
                dim in ("duration", "ratio") or not nxt or not _is_han(nxt) or nxt in "的了来"
            ):
                # 两年多, 3倍多, 六成多, 五斤多的 (not 5%多项, 1万元多种)
                qpost, pend = Qualifier("多", "lower", True, "post"), end + 1
        start = qstart if qpre is not None else sstart
        stop = pend if pend > end else end
        value = (parsed.value if sgn == 1 else sgn * parsed.value) * factor
        if rng is not None:
            parsed2 = rng[0]
            low = sgn * (parsed.low if parsed.low is not None else parsed.value) * factor
            high = sgn * (parsed2.high if parsed2.high is not None else parsed2.value) * factor
            low, high = min(low, high), max(low, high)
            return self.finish(
                start,
                stop,
                value,
                low,
                high,
                unit,
                dim,
                qpre,
                qpost,
                "range",
                False,
                False,
                notes,
                parsed,
            )
        if parsed.low is not None:
            low = sgn * parsed.low * factor
            high = sgn * parsed.high * factor
            low, high = min(low, high), max(low, high)
            return self.finish(
                start,
                stop,
                value,
                low,
                high,
                unit,
                dim,
                qpre,
                qpost,
                "approx" if parsed.approx != "range" else "range",
                parsed.low_open,
                parsed.high_open,
                notes,
                parsed,
            )
        half = self.half_step(parsed, dim, run) * factor
        if half:
            if self.explain:
                notes.append(f"stated precision ± {_fmt(half)}")
        if qpre is None and qpost is None and parsed.approx is None and not self.explain:
            # the common case, as finish() would build it: no qualifier, no approximation
            low, high = value - half, value + half
            return self.make(
                start,
                stop,
                value,
                low,
                high,
                unit.unit if unit else "",
                dim,
                None,
                "rounded" if half else "exact",
                False,
                bool(half),
                notes,
                (high - low) / 2 if half else ZERO,
                unit.form if unit else "",
                unit.factor if unit else ONE,
            )
        return self.finish(
            start,
            stop,
            value,
            value - half,
            value + half,
            unit,
            dim,
            qpre,
            qpost,
            "rounded" if half else "exact",
            False,
            bool(half),
            notes,
            parsed,
        )

    def half_step(self, parsed: Parsed, dim: str, run: str) -> Decimal:
        if parsed.decimals is not None:
            res = parsed.res_exp  # 1.5万: the last decimal
        else:
            if dim in _COUNTED_DIMS and self.m.big_chars.isdisjoint(run):
                return ZERO  # 8个, 3年: exact
            if dim in PRECISE_DIMS:
                return _HALF_STEPS[0]
            res = parsed.res_exp
            if parsed.value:
                # a round number is read with two significant digits: 1000亿 is 950亿–1050亿,
                # 2000万 is 1950万–2050万, 1万亿 is 0.95万亿–1.05万亿
                digits = parsed.value.adjusted() + 1
                if digits - 2 < res:
                    res = digits - 2 if digits > 2 else 0
        half = _HALF_STEPS.get(res)
        return half if half is not None else (TEN**res) / 2

    def finish(
        self,
        start: int,
        end: int,
        value: Decimal,
        low: Decimal | None,
        high: Decimal | None,
        unit: _Unit | None,
        dim: str,
        qpre: Qualifier | None,
        qpost: Qualifier | None,
        bound: str,
        low_open: bool,
        high_open: bool,
        notes: list[str],
        parsed: Parsed,
    ) -> Quantity:
        rounded = bound == "rounded" and low is not None and high is not None
        half = (high - low) / 2 if rounded else ZERO
        forms = []
        for q in (qpre, qpost):
            if q is None:
                continue
            forms.append(q.form)
            if q.kind == "lower":
                low, low_open, high, high_open = value, q.open, None, False
                bound = "lower"
                if self.explain:
                    notes.append(
                        f"qualifier '{q.form}' → lower bound{' (exclusive)' if q.open else ''}"
                    )
            elif q.kind == "upper":
                high, high_open, low, low_open = value, q.open, None, False
                bound = "upper"
                if self.explain:
                    notes.append(
                        f"qualifier '{q.form}' → upper bound{' (exclusive)' if q.open else ''}"
                    )
            elif q.kind == "approx":
                width = abs(value) * self.lex.approx_band
                if low is not None and high is not None:
                    width = max(width, (high - low) / 2)
                low, high, low_open, high_open = value - width, value + width, False, False
                bound = "approx"
                if self.explain:
                    notes.append(f"qualifier '{q.form}' → about, ± {_fmt(width)}")
        if parsed.approx in ("几", "多", "余", "幾", "餘", "数", "數"):
            forms.insert(0, parsed.approx)
        if self.explain:
            notes.append(f"interval [{_fmt(low)}, {_fmt(high)}{')' if high_open else ']'}")
        return self.make(
            start,
            end,
            value,
            low,
            high,
            unit.unit if unit else "",
            dim,
            "".join(forms) or None,
            bound,
            low_open,
            high_open,
            notes,
            half,
            unit.form if unit else "",
            unit.factor if unit else ONE,
        )

    def make(
        self,
        vstart: int,
        vend: int,
        value: Decimal,
        low: Decimal | None,
        high: Decimal | None,
        unit: str,
        dim: str,
        qualifier: str | None,
        bound: str,
        low_open: bool,
        high_open: bool,
        notes: list[str],
        half: Decimal = ZERO,
        form: str = "",
        factor: Decimal = ONE,
    ) -> Quantity:
        shift = self.shift
        if shift is not None and vend > vstart:
            s, e = vstart + shift, vend + shift
        else:
            s, e = self.span(vstart, vend)
        q = _new_quantity(Quantity)
        q.__dict__.update(
            start=s,
            end=e,
            vstart=vstart,
            vend=vend,
            text=self.text[s:e],
            value=value,
            low=low,
            high=high,
            unit=unit,
            dimension=dim,
            qualifier=qualifier,
            bound=bound,
            low_open=low_open,
            high_open=high_open,
            derivation=tuple(notes) if notes else (),
            half=half,
            form=form,
            factor=factor,
        )
        return q

    def range_partner(self, end: int, unit: _Unit | None):
        v = self.v
        if v[end : end + 1] not in self.m.connector_first:
            return None
        for conn in self.m.connectors:
            if not v.startswith(conn, end):
                continue
            p = end + len(conn)
            mt = self.m.run_plain.match(v, p)
            if not mt:
                return None
            if conn in ("至", "到"):
                back = v[max(0, end - 12) : end]
                if "从" in back or "由" in back:
                    return None
            got = self.number_at(*mt.span())
            if got is None:
                return None
            parsed2, nend2, unit2, run2 = got
            if unit2 is None or unit2.form in ("年", "日"):
                if self.calendar_kind(parsed2, run2, nend2) is not None:
                    return "period"
            if unit is not None and unit2 is not None and unit.unit != unit2.unit:
                return None
            if conn in ("-",) and unit is None and unit2 is None:
                return None  # 2-3 without a unit: could be anything
            return parsed2, nend2, unit2, run2
        return None

    def skip_period(self, end: int) -> int:
        mt = self.m.run_plain.match(self.v, end + 1) or self.m.run_plain.match(self.v, end + 2)
        return mt.end() + 1 if mt else end

    def fraction_value(self, a: int, b: int) -> tuple[Decimal, Decimal, str, str, int] | None:
        """'X分之Y' at [a, b) + 分之 ...: (value, half-step, unit, note, end) without sign."""
        v, lex = self.v, self.lex
        den_run = v[a:b]
        p = b + 2
        sgn = 1
        nm = self.m.run_plain.match(v, p)
        if not nm and v.startswith(("负", "負"), p):
            nm = self.m.run_plain.match(v, p + 1)
            sgn = -1
        if not nm:
            return None
        num = self.parse(nm.group())
        if num is None or num.digit_string or num.low is not None:
            return None
        if all(c in self.m.magnitude_chars for c in den_run):
            den_val = ONE  # 百分之, 千分之, 万分之, 百万分之: a per-mille style rate
            for c in den_run:
                den_val *= TEN ** (lex.small_units.get(c) or lex.big_units[c])
            value = sgn * num.value * 100 / den_val
            half = (TEN ** (-(num.decimals or 0))) / 2 * 100 / den_val
            note = (
                f"'{den_run}分之{nm.group()}' → {_fmt(num.value)} per {_fmt(den_val)} = "
                f"{_fmt(value)}%"
                if self.explain
                else ""
            )
            return value, half, "%", note, nm.end()
        den = self.parse(den_run)
        if den is None or den.value == 0 or den.low is not None:
            return None
        with localcontext() as ctx:
            ctx.prec = 28
            value = sgn * num.value / den.value
        note = (
            f"'{den_run}分之{nm.group()}' → {_fmt(num.value)} / {_fmt(den.value)} = {_fmt(value)}"
            if self.explain
            else ""
        )
        return value, ZERO, "times", note, nm.end()

    def fraction(
        self,
        a: int,
        b: int,
        whole: Decimal = ZERO,
        start: int | None = None,
        notes: list[str] | None = None,
    ) -> Quantity | None:
        fv = self.fraction_value(a, b)
        if fv is None:
            return None
        value, half, unit, note, end = fv
        notes = (notes or []) + [note] if self.explain else []
        if whole:
            value += whole
            if self.explain:
                notes.append(f"'又' adds the whole part {_fmt(whole)} → {_fmt(value)}")
        sgn, sstart = self.sign(start if start is not None else a)
        value *= sgn
        dim = "percent" if unit == "%" else "ratio"
        low, high, bound = value - half, value + half, "rounded" if half else "exact"
        if not whole and sgn == 1:  # a range of fractions: 百分之三十至百分之五十
            for conn in self.m.connectors:
                if not self.v.startswith(conn, end):
                    continue
                mt = self.m.run_plain.match(self.v, end + len(conn))
                if mt and self.v.startswith("分之", mt.end()):
                    fv2 = self.fraction_value(*mt.span())
                    if fv2 is not None and fv2[2] == unit and fv2[0] > value:
                        low, high, bound, end = value, fv2[0], "range", fv2[4]
                        half = ZERO
                        if self.explain:
                            notes.append(f"range to {fv2[3]}")
                break
        qpre, qstart = self.pre_qualifier(sstart)
        s = qstart if qpre is not None else sstart
        if qpre is None:
            qpre = self._share_qualifier(sstart)  # 约占全市的三分之一: about a third
        qpost, pend = self.post_qualifier(end, dim)
        fake = _Unit("", unit, dim, ONE, end, "")
        return self.finish(
            s,
            max(end, pend),
            value,
            low,
            high,
            fake,
            dim,
            qpre,
            qpost,
            bound,
            False,
            bool(half),
            notes,
            Parsed(value, 0),
        )

    def _share_qualifier(self, a: int) -> Qualifier | None:
        """The qualifier of 占 a few characters before a: 约占全国四分之一, 近占全市的三分之一."""
        v = self.v
        i = v.rfind("占", max(0, a - 24), a)
        if i <= 0 or _SHARE_GAP.fullmatch(v, i + 1, a) is None:
            return None
        q, _ = self.pre_qualifier(i)
        return q

    def arabic_special(self, a: int, nend: int, run: str) -> Quantity | int | None:
        """Scientific notation (2e5, 12.32e+14) and slash fractions (3/5)."""
        v = self.v
        if v.startswith("k", nend) and not _LETTER.match(v[nend + 1 : nend + 2]):
            sgn, sstart = self.sign(a)
            value = sgn * Decimal(run.replace(",", "")) * 1000
            u = self.match_unit(nend + 1, after_magnitude=True)
            if u is not None and u.dimension in ("percent", "percentage_point"):
                pv = value * u.factor
                return self.make(
                    sstart,
                    u.end,
                    pv,
                    pv,
                    pv,
                    u.unit,
                    u.dimension,
                    None,
                    "exact",
                    False,
                    False,
                    [f"'{run}k' → × 1000", u.note],
                )
            if u is None:
                return self.make(
                    sstart,
                    nend + 1,
                    value,
                    value,
                    value,
                    "",
                    "number",
                    None,
                    "exact",
                    False,
                    False,
                    [f"'{run}k' → × 1000"],
                )
        pm = _POWER.match(v, nend)
        if pm:
            sgn, sstart = self.sign(a)
            exp = int(pm.group(2)) * (-1 if pm.group(1).count("-") % 2 else 1)
            with localcontext() as ctx:
                ctx.prec = 28
                value = (sgn * Decimal(run)) ** exp
            return self.make(
                sstart,
                pm.end(),
                value,
                value,
                value,
                "",
                "number",
                None,
                "exact",
                False,
                False,
                [f"'{run}{pm.group()}' → {_fmt(value)}"] if self.explain else [],
            )
        em = _EXP.match(v, nend)
        if em and not _LETTER.match(v[em.end() : em.end() + 1]):
            sgn, sstart = self.sign(a)
            value = sgn * Decimal(run.replace(",", "") + em.group().lower())
            return self.make(
                sstart,
                em.end(),
                value,
                value,
                value,
                "",
                "number",
                None,
                "exact",
                False,
                False,
                [f"'{run}{em.group()}' → {_fmt(value)}"] if self.explain else [],
            )
        if v.startswith("/", nend) and "." not in run:
            fm = _SLASH_DEN.match(v, nend + 1)
            if not fm:
                return None
            if v.startswith("/", fm.end()) or v.startswith("-", fm.end()):
                dm = _DATE_TAIL.match(v, fm.end())
                return dm.end() if dm else fm.end()  # a date such as 2022/1/5
            if len(run) > 1 and v.startswith("年", fm.end()):
                return fm.end() + 1  # 2022/2023年榨季, 22/23年度: a season, not a ratio
            den = Decimal(fm.group())
            if den == 0:
                return None
            sgn, sstart = self.sign(a)
            with localcontext() as ctx:
                ctx.prec = 28
                value = sgn * Decimal(run) / den
            return self.make(
                sstart,
                fm.end(),
                value,
                value,
                value,
                "times",
                "ratio",
                None,
                "exact",
                False,
                False,
                [f"'{run}/{fm.group()}' → {_fmt(value)}"] if self.explain else [],
            )
        return None

    def discount(self, a: int, nend: int, parsed: Parsed, run: str, notes: list[str]):
        val = parsed.value
        if parsed.digit_string or val >= 10:
            pct = val
        elif val > 0:
            pct = val * 10
        else:
            return None
        if pct >= 100 or pct <= 0 or (val == 10 and not parsed.digit_string):
            return None
        if self.explain:
            notes.append(f"'{run}折' → {_fmt(pct)}% of the price")
        return self.make(
            a, nend + 1, pct, pct, pct, "%", "percent", "折", "exact", False, False, notes
        )


def _is_han(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff"


def _clean(d: Decimal | None) -> Decimal | None:
    if d is None:
        return None
    if d == d.to_integral_value():
        return d.quantize(ONE) if d.adjusted() < 28 else d
    return d.normalize()


def extract(
    doc: Document, extra_dirs: tuple[str, ...] = (), explain: bool = False
) -> list[Quantity]:
    """All quantities in the document, in order of appearance; with explain=True each records
    its derivation (numeral, unit, qualifier, interval)."""
    r = _Resolver(doc, get_matcher(extra_dirs), explain)
    found = list(r.quantities())
    fixed = list(r.phrases())
    if fixed:
        taken = _Spans([(q.vstart, q.vend) for q in fixed])
        found = [q for q in found if not taken.covering(q.vstart)] + fixed
        found.sort(key=lambda q: q.vstart)
    _share_list_units(r, found)
    if "\t" in r.v:
        found = _table_units(r, found)
    return found


_HEADER_UNIT = re.compile(r"[（(]\s*([^（）()\s]{1,8})\s*[）)]\s*$|([%％‰])\s*$")


def _header_unit(cell: Cell) -> str | None:
    """The unit a table cell's number is written in: in its column's header (产值（亿元）,
    增长%), else in the row's 单位 column."""
    head = cell.header[cell.column].strip() if cell.column < len(cell.header) else ""
    m = _HEADER_UNIT.search(head)
    if m:
        return m.group(1) or m.group(2)
    for i, h in enumerate(cell.header):
        if h.strip() in ("单位", "计量单位") and i < len(cell.row) and i != cell.column:
            u = cell.row[i].strip()
            return u if 0 < len(u) <= 8 else None
    return None


def _table_units(r: _Resolver, found: list[Quantity]) -> list[Quantity]:
    """Bare numbers in table cells take the unit their column header or 单位 column states:
    a cell "4086.2" under "产值（亿元）" is 4086.2亿元."""
    out = []
    for q in found:
        cell = table_cell(r.v, q.vstart) if q.dimension == "number" and not q.unit else None
        unit = _header_unit(cell) if cell is not None else None
        if cell is None or unit is None or cell.row[cell.column].strip() != r.v[q.vstart : q.vend]:
            out.append(q)
            continue
        got = _with_unit(r.v[q.vstart : q.vend] + unit, r.m, r.explain)
        if got is None:
            out.append(q)
            continue
        notes = (*q.derivation, *got.derivation, f"unit '{unit}' from the table's header")
        out.append(
            Quantity.fast(
                **{
                    **q.__dict__,
                    **{k: getattr(got, k) for k in _UNIT_FIELDS},
                    "derivation": notes if r.explain else (),
                }
            )
        )
    return out


_UNIT_FIELDS = (
    "value",
    "low",
    "high",
    "unit",
    "dimension",
    "qualifier",
    "bound",
    "low_open",
    "high_open",
    "half",
    "form",
    "factor",
)


def _with_unit(text: str, m: Matcher, explain: bool) -> Quantity | None:
    """The quantity of a number written with its unit ("4086.2亿元"), or None."""
    doc = Document(path="", text=text, view=text, vmap=OffsetMap((0,), (0,)))
    got = next(_Resolver(doc, m, explain).quantities(), None)
    if got is None or got.vstart != 0 or got.vend != len(text) or not got.unit:
        return None
    return got


def _last_unit(r: _Resolver, q: Quantity) -> _Unit | None:
    """The unit written after the last numeral of q (3,076万人次 → 人次)."""
    last = None
    for mt in r.m.run.finditer(r.v, q.vstart, q.vend):
        last = mt
    if last is None:
        return None
    got = r.number_at(*last.span())
    return None if got is None else got[2]


def _share_list_units(r: _Resolver, found: list[Quantity]) -> None:
    """A list that states its unit once, after the last item: "1.32亿、6,125万和3,076万人次".
    Earlier items without a unit of their own, joined only by 、/和/及/与/以及, take the unit
    form of the item after them (each keeps its own magnitude). In place."""
    v = r.v
    share: _Unit | None = None
    bare = [i for i in range(len(found) - 1) if not found[i].unit]  # few: skip the rest fast
    prev = -1
    for i in reversed(bare):
        q = found[i]
        if i + 1 != prev:
            share = None  # an item with a unit came between
        prev = i
        if q.dimension != "number":
            share = None
            continue
        nxt = found[i + 1]
        if v[q.vend : nxt.vstart] not in _LIST_JOINERS:
            share = None
            continue
        if share is None:
            if not nxt.unit:
                continue
            share = _last_unit(r, nxt)
            if share is None:
                continue
            if r.explain:
                share = share._replace(note=share.note + ", shared with the list's last item")
        mt = r.m.run.search(v, q.vstart, q.vend)
        if mt is None:
            share = None
            continue
        nq = r.resolve(mt.start(), mt.end(), share)
        if isinstance(nq, Quantity) and nq.unit == share.unit and nq.vend <= nxt.vstart:
            found[i] = nq
        else:
            share = None
