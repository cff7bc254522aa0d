"""Frame quantities as claims: entity, metric, scope, period, modality, aspect, flags.

Attribution works the way a reader does it: the nearest mention before the number in its
clause, then its sentence, then (for metrics) later in the same sentence, then the paragraph,
then the headline and the document. Scope is read only from the words right before the metric
that was chosen (规上工业增加值), and an unstated scope stays unstated. Relative years resolve
from the document date; without one they stay unresolved.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from datetime import date
from typing import NamedTuple

from .model import Claim, Document, Period, Quantity
from .segment import SECTION_NUMBER, Segments, segment, table_cell
from .trie import trie_regex
from .vocab import Vocab, join_modifier, load_vocab

_DATE_LINE = re.compile(r"((?:19|20)\d{2})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})(?!\d)")
_AGENCY_DATELINE = re.compile(
    r"[\u4e00-\u9fff]{0,12}?((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:电|讯)"
)
_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}


def document_date(doc: Document, default: str | None = None) -> str | None:
    """The document's date: front matter, else a short date line near the top, else default."""
    if doc.date:
        return doc.date
    # a news agency's dateline: 新华社杭州2024年1月26日电, 本报北京3月5日讯 (with a year)
    m = _AGENCY_DATELINE.search(doc.view, 0, 800)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            pass
    # the view, then (plain text) the source lines: a hard-wrapped body is joined in the view,
    # and a short date line under the title may be joined with it
    for text in (doc.view, "" if doc.kind == "html" else doc.text):
        lines = [ln.strip() for ln in text[:1500].split("\n")]
        for line in [ln for ln in lines if ln][:15]:  # past a web page's navigation
            m = _DATE_LINE.search(line)
            # a byline or a date line ("2024-02-20 18:35　来源：…"), not a sentence naming a day
            if (
                m
                and len(line) <= 80
                and "。" not in line
                and "，" not in line[m.end() : m.end() + 2]
            ):
                try:
                    return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
                except ValueError:
                    continue
    return default


class _PM(NamedTuple):
    year: int | None
    months: tuple[int, int] | None
    resolved: bool
    horizon: bool
    base: bool
    source: bool
    local: bool = False  # 其中，第三季度…: a breakdown's period, only for its own sentence
    season: str | None = None  # 国庆假期, 冰雪季: a part of the year that is not a month span


_DATELINE = re.compile(r"\s*(?:(?:19|20)\d{2}\s*年)?\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:讯|电)")
_TO_LEVEL = ("到", "至", "为", "达", "达到")
_BASE_BEFORE = ("比", "较", "与", "同比", "环比", "恢复到", "恢复至", "回升至", "回落至", "相当于")
_CHANGE_BEFORE_TO = ("恢复", "回升", "回落")
_BOOK = re.compile(r"《[^》\n]{0,80}》")


class _SpanSet:
    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.starts = [a for a, _ in spans]
        self.ends = [b for _, b in spans]

    def covering(self, pos: int) -> bool:
        i = bisect_right(self.starts, pos) - 1
        return i >= 0 and self.ends[i] > pos


def _book_spans(v: str) -> _SpanSet:
    return _SpanSet([m.span() for m in _BOOK.finditer(v)])


def _ends_with_any(v: str, pos: int, words: frozenset[str], lens: tuple[int, ...]) -> bool:
    """Does v[:pos] end with one of `words` (whose lengths are `lens`)?"""
    return any(v[pos - n : pos] in words for n in lens if n <= pos)


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    value: str
    extra: object = None


_NONE = _Mention(-1, -1, "")
_MAX_STEPS = 64  # mentions looked at before giving up, and clauses looked back over
_STOP_MOD = set("二三四五六七八九十两百千万亿个、")
_CLASSIFIERS = set("条家项座所名位只台套件批类座处户")


def _negated(q: Quantity) -> Quantity:
    return replace(
        q,
        value=-q.value,
        low=None if q.high is None else -q.high,
        high=None if q.low is None else -q.low,
        low_open=q.high_open,
        high_open=q.low_open,
    )


def _meets(a: Quantity, b: Quantity) -> bool:
    """Do the two intervals share a value (bounds taken as closed)?"""
    return (a.low is None or b.high is None or a.low <= b.high) and (
        b.low is None or a.high is None or b.low <= a.high
    )


def _is_han(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff"


class _Index:
    def __init__(self, mentions: list[_Mention]) -> None:
        self.items = sorted(mentions, key=lambda m: m.start)
        self.starts = [m.start for m in self.items]

    def before(self, pos: int, lo: int, ok=None) -> _Mention | None:
        i = bisect_left(self.starts, pos) - 1
        stop = max(-1, i - _MAX_STEPS)  # bounded: a sentence of 10 000 figures stays linear
        while i > stop and self.items[i].start >= lo:
            m = self.items[i]
            if m.end <= pos and (ok is None or ok(m)):
                return m
            i -= 1
        return None

    def after(self, pos: int, hi: int, ok=None) -> _Mention | None:
        i = bisect_left(self.starts, pos)
        stop = min(len(self.items), i + _MAX_STEPS)
        while i < stop and self.items[i].start < hi:
            m = self.items[i]
            if m.end <= hi and (ok is None or ok(m)):
                return m
            i += 1
        return None


def _year_of(text: str) -> int:
    if text.isdigit():
        return int(text)
    return int("".join(str(_CN_DIGITS[c]) for c in text))


class Framer:
    def __init__(self, doc: Document, vocab: Vocab, default_date: str | None = None) -> None:
        self.doc = doc
        self.v = doc.view
        self.vocab = vocab
        self.segs: Segments = segment(self.v, doc.headline_end)
        when = document_date(doc, default_date)
        self.year = int(when[:4]) if when else None
        self.month = int(when[5:7]) if when and len(when) >= 7 else None
        self._year_from_date = False
        self._headings: dict[int, tuple[int, int] | None] = {}  # paragraph start -> its heading
        paras = self.segs.paragraphs
        body = [
            (a, b)
            for a, b in zip(paras.starts, paras.ends, strict=True)
            if b - a >= 30 and not _META_LINE.search(self.v, a, min(b, a + 200))
        ]
        # the headline and the first real paragraph frame the whole article
        self.lede_end = max(self.segs.headline[1], body[0][1] if body else 0)
        self.entities = _Index(self._entities())
        self.periods = _Index(self._periods())
        self.metrics = _Index(self._metrics())

    # ------------------------------------------------------------ mention scans
    def _entities(self) -> list[_Mention]:
        voc, v = self.vocab, self.v
        found: list[_Mention] = []
        if voc.entity_re:
            pos = 0
            while True:
                m = voc.entity_re.search(v, pos)
                if m is None:
                    break
                pos = m.end()
                if voc.straddle_re is not None and self._straddled(m.start(), m.end()):
                    short = m.group()[:-1]
                    if (
                        m.group()[-1] in "市县区"
                        and short in voc.entity_forms
                        and not self._straddled(m.start(), m.end() - 1)
                    ):
                        # 义乌市场: 义乌 + 市场, the place without its suffix
                        name = voc.entity_forms[short]
                        found.append(
                            _Mention(m.start(), m.end() - 1, name, self._is_object(m.start()))
                        )
                        pos = m.end() - 1
                        continue
                    pos = m.start() + 1  # 其中山东: 其中 + 山东, not 中山; look again after 中
                    continue
                org = voc.org_re.match(v, m.end()) if voc.org_re is not None else None
                if org is not None:
                    word = org.group()
                    if word in voc.facilities_after or any(
                        # 宁波舟山港: two places and a facility word name one facility
                        word.endswith(f) and word[: -len(f)] in voc.entity_forms
                        for f in voc.facilities_after
                    ):
                        # 厦门港: the port is the entity
                        name = voc.entity_forms[m.group()]
                        short = name[:-1] if name.endswith(("市", "区", "县")) else name
                        found.append(_Mention(m.start(), org.end(), short + word, False))
                        pos = org.end()
                    continue  # 南京海关, 上海港: an organisation, not the place
                if voc.title_re is not None and voc.title_re.match(v, m.end()):
                    continue  # 中国鞋都, 中国蔬菜之乡: an honorific title, not the place
                if (
                    voc.country_title_re is not None
                    and voc.entities[voc.entity_forms[m.group()]].kind == "country"
                    and m.group() not in voc.anaphora
                    and voc.country_title_re.match(v, m.end())
                ):
                    continue  # 中国轻纺城, 中国光谷: a market or park named after China
                if _DATELINE.match(v, m.end()):
                    continue  # 本报南宁10月19日讯: where the report was filed, not its subject
                if voc.entities[
                    voc.entity_forms[m.group()]
                ].kind == "country" and voc.entity_re.match(v, m.end()):
                    continue  # 中国洛阳牡丹文化节: a name, not a figure about China
                name = voc.entity_forms[m.group()]
                found.append(_Mention(m.start(), m.end(), name, self._is_object(m.start())))
        if voc.town_re is not None:  # 长安镇, 五山街道: not in the gazetteer, found by suffix
            places = sorted((x.start, x.end) for x in found)
            towns: list[_Mention] = []
            for m in voc.town_re.finditer(v):
                a, b = m.span()
                if _overlaps_sorted(places, a, b):
                    continue
                if voc.entity_re and voc.entity_re.match(v, b - 1):
                    continue  # 江苏镇江: 镇 begins a place name (镇江)
                if m.group() in voc.town_not_names:
                    continue  # 示范镇, 建制镇: a kind of town
                towns.append(_Mention(a, b, m.group(), self._is_object(a)))
            found.extend(towns)
            names = sorted({t.value for t in towns})[:_MAX_TOWNS]
            short = {t[:2]: t for t in names if t[:2] not in voc.entity_forms}
            short_re = trie_regex(list(short)) if short else None
            places = sorted(places + [(t.start, t.end) for t in towns])
            for m in short_re.finditer(v) if short_re else ():  # 长安镇, then 长安: the same town
                a, b = m.span()
                if _overlaps_sorted(places, a, b) or self._straddled(a, b):
                    continue
                found.append(_Mention(a, b, short[m.group()], self._is_object(a)))
        members = [m.span() for m in _MEMBERS.finditer(v)]
        if members:  # 关区（含大连、丹东、营口等口岸）: members listed in passing, never a subject
            found = [x for x in found if not any(a < x.start < b for a, b in members)]
        found.sort(key=lambda x: x.start)
        found = self._innermost(found)
        if voc.anaphora_re:
            starts = [x.start for x in found]
            title_entity = self._title_entity(found)
            ends = {x.end for x in found}
            for m in voc.anaphora_re.finditer(v):
                if m.start() in ends:
                    continue  # 占浙江全省: 全省 repeats the place just named (and its role)
                kind = voc.anaphora[m.group()]
                if kind == "country":
                    name = next(
                        (e.name for e in voc.entities.values() if e.kind == "country"), None
                    )
                else:
                    name = self._recent_of_kind(found, starts, m.start(), kind)
                    if (
                        name is not None
                        and kind == "city"
                        and self._kind(name) == "county"
                        and title_entity is not None
                        and self._kind(title_entity) == "city"
                        and self._inside(name, title_entity)
                    ):
                        # 前三季度金华GDP增长6.9%⏎义乌进出口增速领跑全市: the headline's city
                        name = title_entity
                    elif (
                        name is not None
                        and kind == "city"
                        and self._kind(name) == "county"
                        and name not in (title_entity, self._main_of(found))
                    ):
                        # 全市 in an article about 烟台 that names 招远市: still 烟台
                        name = (
                            self._recent_of_kind(
                                found, starts, m.start(), kind, county_cities=False
                            )
                            or name
                        )
                    if name is None:  # 全省 in an article about 郑州: the province of 郑州
                        name = self._ancestor_of_kind(title_entity or self._main_of(found), kind)
                if name:
                    found.append(_Mention(m.start(), m.end(), name, self._is_object(m.start())))
        return found

    def _innermost(self, found: list[_Mention]) -> list[_Mention]:
        """浙江杭州, 东莞市长安镇, 东莞长安: a place written right before one inside it only
        locates it; the figure is about the inner one."""
        out: list[_Mention] = []
        for m in found:
            if out and 0 <= m.start - out[-1].end <= 1 and self._inside(m.value, out[-1].value):
                out[-1] = m
                continue
            out.append(m)
        return out

    def _inside(self, inner: str, outer: str) -> bool:
        e = self.vocab.entities.get(inner)
        if e is None:  # a town found by its suffix: inside whatever city or county precedes it
            return self._kind(outer) in ("city", "county", "district")
        seen = 0
        while e is not None and e.parent and seen < 6:
            if e.parent == outer:
                return True
            e = self.vocab.entities.get(e.parent)
            seen += 1
        return False

    def _straddled(self, s: int, e: int) -> bool:
        """A straddling word overlaps the edge of the name at v[s:e] (其中|国家, 和龙|头)."""
        rx, v = self.vocab.straddle_re, self.v
        for j in range(1, 4):
            w = rx.match(v, s - j) if s - j >= 0 else None
            if w is not None and s < w.end() <= e:
                return True
        for i in range(s + 1, e):
            w = rx.match(v, i)
            if w is not None and w.end() > e:
                return True
        return False

    def _ancestor_of_kind(self, name: str | None, kind: str) -> str | None:
        seen = 0
        while name and seen < 5:
            if self._kind_ok(name, kind):
                return name
            e = self.vocab.entities.get(name)
            name = e.parent if e else None
            seen += 1
        return None

    def _main_of(self, found: list[_Mention]) -> str | None:
        counts: dict[str, int] = {}
        for m in found:
            counts[m.value] = counts.get(m.value, 0) + 1
        return max(counts, key=lambda k: counts[k]) if counts else None

    def _semicolon_part(self, se, vs: int) -> int:
        """Start of the ；-delimited part of the sentence that holds vs."""
        v = self.v
        return max(v.rfind("；", se[0], vs), v.rfind(";", se[0], vs)) + 1 or se[0]

    def _kind(self, name: str) -> str:
        e = self.vocab.entities.get(name)
        return e.kind if e is not None else "town"  # found by its suffix (长安镇)

    def _kind_ok(self, name: str, kind: str) -> bool:
        e = self.vocab.entities.get(name)
        if e is None:
            return kind == "town"
        if e.kind == kind:
            return True
        if kind == "district" and e.kind == "province" and name.endswith("自治区"):
            return True  # 全区 in an article about 广西壮族自治区
        # 直辖市 and 县级市 are what 全市 refers to in their articles
        return kind == "city" and e.kind in ("province", "county") and name.endswith("市")

    def _recent_of_kind(
        self,
        found: list[_Mention],
        starts: list[int],
        pos: int,
        kind: str,
        county_cities: bool = True,
    ) -> str | None:
        i = bisect_right(starts, pos) - 1
        stop = max(-1, i - 4 * _MAX_STEPS)
        while i > stop:
            name = found[i].value
            if self._kind_ok(name, kind) and (county_cities or self._kind(name) != "county"):
                return name
            end = found[i].end
            if kind == "city" and self._kind(name) == "county" and self.v[end : end + 1] == "市":
                return name  # 南城市商务局……全市: the writer calls the county a 市
            i -= 1
        return None

    def _title_entity(self, found: list[_Mention]) -> str | None:
        title = self.doc.title or ""
        title = "" if len(title) > 60 else title
        voc = self.vocab
        if voc.entity_re:
            m = voc.entity_re.search(title)
            if m:
                return voc.entity_forms[m.group()]
        head = self.segs.headline
        for x in found:
            if head[0] <= x.start < head[1]:
                return x.value
        return None

    def _is_object(self, pos: int) -> bool:
        return _ends_with_any(self.v, pos, self.vocab.comparison_set, self.vocab.comparison_lens)

    def _metrics(self) -> list[_Mention]:
        """Metric mentions. Extra: (scope, modifier). A metric right after a word that is not a
        place, period, scope or function word names a narrower metric (对东盟进出口, 民营企业进出口,
        集成电路产业规模): the modifier is kept as part of the metric's name, so the narrower
        metric is never compared with the whole."""
        voc, v = self.vocab, self.v
        ends = {m.end for m in self.entities.items} | {m.end for m in self.periods.items}
        out = []
        inside = sorted((m.start, m.end) for m in self.entities.items if m.end - m.start > 2)
        if voc.metric_re:
            pos = 0
            while True:
                m = voc.metric_re.search(v, pos)
                if m is None:
                    break
                a = m.start()
                pos = m.end()
                k = bisect_right(inside, (a, 1 << 62)) - 1
                if k >= 0 and inside[k][0] < a < inside[k][1] < m.end():
                    pos = inside[k][1]  # 双流国际机场旅客吞吐量: look again after the facility
                    continue
                scope = None
                for L in range(min(voc.scope_max, a), 0, -1):
                    s = v[a - L : a]
                    if s in voc.scopes:
                        scope = voc.scopes[s]
                        break
                mod = self._modifier(a - (L if scope else 0), ends)
                if mod.endswith(voc.modifier_wide):
                    mod = ""  # 货物贸易进出口, 春节假期接待游客: the words do not narrow the metric
                out.append(_Mention(a, m.end(), voc.metric_forms[m.group()], (scope, mod)))
        return out

    def _modifier(self, a: int, ends: set[int]) -> str:
        """The qualifying words right before a metric (or its scope word) at a: 对东盟, 民营企业,
        “新三样”产品 (合计/累计 between them and the metric are skipped), 大数据电子信息产业."""
        voc, v = self.vocab, self.v
        parts: list[str] = []
        j = a
        while j > 0 and a - j < 12:
            skip = next((w for w in voc.skip_words if v.endswith(w, 0, j)), None)
            if skip and not parts:
                j -= len(skip)
                a = j
                continue
            c = v[j - 1]
            if (
                not _is_han(c)
                or c in _STOP_MOD
                or j in ends
                or (
                    _ends_with_any(v, j, voc.neutral_set, voc.neutral_lens)
                    and v[j - 1 : j + 1] not in voc.neutral_not
                )
            ):
                break
            j -= 1
            parts.append(c)
        mod = v[j:a]
        if mod == "年":
            mod = ""  # 湛江港年货物吞吐量: yearly, not a kind of throughput
        if mod[:1] == "大" and j > 0 and (v[j - 1] in _STOP_MOD or v[j - 1].isdigit()):
            mod = mod[1:]  # 十大产业集群: 大 belongs to the count
        elif mod[:1] in _CLASSIFIERS and j > 0 and (v[j - 1] in _STOP_MOD or v[j - 1].isdigit()):
            mod = mod[1:]  # 22条产业链: 条 belongs to the count
        elif mod[:1] == "级" and j > 0 and (v[j - 1] in _STOP_MOD or v[j - 1].isdigit()):
            # 万亿级产业集群, 五千亿级: the size class is part of the name, numerals included
            k = j
            while k > 0 and j - k < 6 and v[k - 1] in "一二三四五六七八九十百千万亿两":
                k -= 1
            mod = v[k:a]
        return mod

    def _periods(self) -> list[_Mention]:
        """Period mentions. Extra: _PM(year, months, resolved, horizon, base, source).

        base: the period is a comparison base (比上年, 较2021年, 与2019年同期相比), never the
        period of a figure; source: 从/由2020年 starts a change and frames only the figure
        before its 到/至.
        """
        voc, v = self.vocab, self.v
        out = []
        books = _book_spans(v)
        for m in voc.period_re.finditer(v):
            if not m.group().strip() or m.group() == (m.group("to") or ""):
                continue
            start = m.start() + (len(m.group()) - len(m.group().lstrip()))
            if books.covering(start):
                continue  # 《…（2021—2025年）》: part of a title
            year: int | None = None
            resolved = True
            if m.group("year"):
                try:
                    year = _year_of(m.group("year"))
                except KeyError:
                    continue
            elif m.group("rel"):
                rel = m.group("rel")
                named = None
                if rel in voc.anaphoric_years:  # 2023年，……从上年的5006.7亿元: 2022
                    s0 = self.segs.sentences.find(start)[0]
                    # the sentence's own year: the first named (later ones may be bases)
                    years = _YEAR_NAMED.findall(v, max(s0, start - 200), start)
                    named = int(years[0]) if years else None
                    if named is None and self.year is not None:
                        # 去年，……从上年的3904.6亿元: counted from the year the sentence names
                        rel_named = _REL_NAMED.search(v, max(s0, start - 200), start)
                        if rel_named is not None:
                            named = self.year + voc.relative_years[rel_named.group()]
                if named is not None:
                    year = named + voc.relative_years[rel]
                elif self.year is None:
                    resolved = False
                else:
                    year = self.year + voc.relative_years[rel]
            g = m.groupdict()
            sub = g["sub"] or g["sub_"]
            m1, m2, one = g["m1"] or g["m1_"], g["m2"] or g["m2_"], g["m"] or g["m_"]
            months: tuple[int, int] | None = None
            season = sub if sub in voc.seasons else None
            if sub and season is None:
                months = voc.subperiods[sub]
            elif m1:
                a, b = int(m1), int(m2)
                if a > b:
                    continue
                months = (a, b)
            elif one:
                months = (int(one), int(one))
            before = v[max(0, start - 3) : start]
            after = v[m.end() : m.end() + 4]
            opens = start == 0 or v[start - 1] in "\n。；;，,：:！？"
            if opens and re.match(r"同期[，,：:]", after):
                # 去年同期，沈阳地区生产总值为…: the period of the sentence, whose months are
                # those of the period reported before it
                cur = out[-1].extra.months if out and out[-1].extra.months else None
                if cur is None or year is None:
                    resolved = False
                else:
                    months = cur
                out.append(
                    _Mention(
                        start,
                        m.end() + 2,
                        m.group().strip() + "同期",
                        _PM(year, months, resolved, False, False, False, False),
                    )
                )
                continue
            base = (
                before.endswith(_BASE_BEFORE)
                or after.startswith(("同期", "相比", "比较"))
                or bool(m.group("to"))
                and before.endswith(_CHANGE_BEFORE_TO)  # 恢复至2019年
            )
            if not base and _MULTIPLE_OF.match(v, m.end(), m.end() + 24):
                base = True  # 是2020年8100家的2倍多: the base of a multiple
            source = before.endswith(("从", "由", "自"))
            horizon = bool(m.group("to")) and not base
            s0 = self.segs.sentences.find(start)[0]
            # 其中，第三季度…: a breakdown's period; 2019年以来: a span up to now; both frame
            # their own sentence only
            local = any(w in v[s0:start] for w in voc.part_of) or v.startswith("以来", m.end())
            out.append(
                _Mention(
                    start,
                    m.end(),
                    m.group().strip(),
                    _PM(year, months, resolved, horizon, base, source, local, season),
                )
            )
        return out

    # ------------------------------------------------------------ framing
    def frame(self, q: Quantity) -> Claim:
        v = self.v
        vs, ve = q.vstart, q.vend
        cl = self.segs.clauses.find(vs)
        se = self.segs.sentences.find(vs)
        pa = self.segs.paragraphs.find(vs)
        head = self.segs.headline
        in_head = head[0] <= vs < head[1]

        metric_m = self._pick_metric(q, cl, se, pa)
        if (
            metric_m is not None
            and metric_m.start >= cl[0]
            and self._generic(metric_m.value)
            and not metric_m.extra[1]
        ):
            # 原煤产量6.21亿吨，…，产量首次突破6亿吨: the bare 产量 repeats the metric named before
            named = self.metrics.before(
                cl[0],
                se[0],
                lambda m: (
                    (m.value != metric_m.value and m.value.endswith(metric_m.value))
                    or (m.value == metric_m.value and bool(m.extra[1]))
                ),
            )
            if named is not None:
                metric_m = named
        metric = join_modifier(metric_m.extra[1], metric_m.value) if metric_m else None
        metric_base = metric_m.value if metric_m else None
        if metric is not None and metric == metric_base and metric in ("出口额", "进口额"):
            # 出口汽车28.6万辆，出口值235.7亿元: the value of the goods just named
            goods = _GOODS.search(v, se[0], max(se[0], metric_m.start))
            if goods is not None and goods.group(1) == metric[:2]:
                metric = goods.group(2) + metric
        scope = metric_m.extra[0] if metric_m else None
        entity = self._pick_entity(vs, cl, se, pa, ve)
        if (
            entity is not None
            and q.dimension == "count"
            and _PLACE_NOUN.match(v, q.vend)
            and len({m.value for m in self.entities.items if cl[0] <= m.start < vs}) >= 2
        ):
            entity = None  # 晋江、石狮、南安三个县级市: a count of the places listed
        if (
            entity is not None
            and metric_m is not None
            and metric_base in self.vocab.company_metrics
            and not any(w in (metric or "") for w in _AGGREGATE_SUBJECTS)
            and metric_m.start >= se[0]
            and self.entities.before(vs, (mc := self.segs.clauses.find(metric_m.start)[0])) is None
            and (
                self._own_subject(mc, metric_m.start)
                or self.entities.before(vs, se[0]) is None  # no place in the whole sentence
            )
        ):
            entity = None  # 潍柴动力实现营业收入2139.6亿元: the company's, not the city's
        if (
            entity is not None
            and metric_m is not None
            and metric_base in self.vocab.company_metrics
            and metric != metric_base
            and not any(w in (metric or "") for w in _AGGREGATE_SUBJECTS)
            and (m := self.entities.before(metric_m.start, cl[0])) is not None
            and not self.v[m.end : metric_m.start].startswith(("的", "、", "和", "与"))
            and _is_han(self.v[m.end : m.end + 1] or "x")
            and metric.startswith(self.v[m.end : m.end + 1])
        ):
            entity = None  # 四川长虹营业收入, 涪陵榨菜实现营业收入: a company named after a place
        if (
            metric is not None
            and metric == metric_base
            and scope is None  # 限额以上单位消费品零售额…，占社零总额的41.6%: a scope of its own
            and q.dimension in _LEVEL_DIMS
            and self._share_of_own_total(ve, cl, metric_base, entity)
        ):
            metric = None  # 民营企业进出口1003.2亿元，占全市外贸总值的79.1%: a part of the total
        self._year_from_date = False
        period, ptext, months = self._pick_period(vs, cl, se, pa)
        period_from = self._period_from if period is not None else None
        modality = self._modality(vs, ve, cl, se, period)
        if (
            self._year_from_date
            and period is not None
            and period.last_month == 12
            and not period.label
            and modality == "actual"
            and self.month is not None
            and self.month <= 2
        ):
            # 全年 in January or February: results of the year just ended (goals are this year's)
            period = replace(period, year=period.year - 1)
        column = self._column_header(vs)
        if (
            column is not None
            and metric is not None
            and metric_m is not None
            and metric_m.start < v.rfind("\n", 0, vs) + 1
            and not self._row_is_whole(vs, entity)
        ):
            # a row of a breakdown (越南 398.2 under 进出口（亿元）): the column's metric is the
            # row's item's, not the place's total
            metric = None
        if column is not None:
            # a table cell: its column's header (2023年完成, 2024年目标) says when and what
            for m in self.vocab.period_re.finditer(column):
                if m.group("year"):
                    try:
                        year = _year_of(m.group("year"))
                    except KeyError:
                        continue
                    period, ptext, months = Period(year), m.group().strip(), (1, 12)
                    period_from = "column"
                    break
            cues = (
                [self.vocab.modality_of[w.group()] for w in self.vocab.modality_re.finditer(column)]
                if self.vocab.modality_re
                else []
            )
            if cues:
                modality = next(k for k in ("target", "forecast", "plan") if k in cues)
            elif period is not None and period_from == "column":
                modality = "actual" if self.year is None or period.year <= self.year else "forecast"
        if (
            modality != "actual"
            and period is not None
            and self.year is not None
            and period.year < self.year
            and _FROM_YEAR.search(v, max(0, vs - 16), vs)
        ):
            modality = "actual"  # 力争由2023年的1842.6亿元增长到…: the starting level is a result
        aspect = self._aspect(q, vs, cl, metric_m)
        if column is not None and q.unit == "%":
            # 比上年增长（%）, 占比（%）: the column says what its rates are
            if any(w in column for w in ("增长", "增速", "比上年", "同比", "增幅")):
                aspect = "growth"
            elif any(w in column for w in ("比重", "占比", "占")):
                aspect = "share"
        window = v[max(cl[0], vs - 6) : vs]
        first = any(w in window for w in self.vocab.first_time) or (q.qualifier or "").startswith(
            "首"
        )  # 首破1.2万亿元: the qualifier itself says first
        sent_text = v[se[0] : se[1]].lstrip()
        part = any(
            sent_text.startswith(w) or v[cl[0] : cl[1]].lstrip().startswith(w)
            for w in self.vocab.part_of
        )
        noun = None
        if q.dimension == "count" and metric_m is not None and metric_m.start >= q.vend:
            noun = v[q.vend : metric_m.end].lstrip("的")
        elif q.dimension == "count" and self.vocab.count_noun_re is not None:
            at = q.vend + 1 if v.startswith("的", q.vend) else q.vend
            w = self.vocab.count_noun_re.match(v, at)
            if w is not None and (
                v[w.end() : w.end() + 1] in _NOUN_END
                or v.startswith(_NOUN_FOLLOWERS, w.end())
                or (self.vocab.metric_re and self.vocab.metric_re.match(v, w.end()))
            ):
                # 十大新兴产业, 11个新兴产业产值占比…: a counted noun (not the first words of
                # a longer one: 20个战略性新兴产业重点细分领域)
                noun = w.group()
        if q.dimension == "count" and v[max(cl[0], vs - 1) : vs] == "等":
            part = True  # A、B、C等4个: a count of a sub-list
        if aspect in ("growth", "growth_mom", "avg_growth", "change") and q.value > 0:
            cue = v[max(cl[0], vs - 8) : vs]
            if any(w in cue for w in self.vocab.decrease):
                q = _negated(q)  # 下降0.5%: a growth rate of −0.5%
        line, col = self.doc.line_col(q.start)
        return Claim(
            path=self.doc.path,
            quantity=q,
            line=line,
            column=col,
            sentence=v[se[0] : se[1]],
            sentence_offset=vs - se[0],
            entity=entity,
            metric=metric,
            aspect=aspect,
            scope=scope,
            period=period,
            period_text=ptext,
            modality=modality,
            first_time=first,
            part_of=part,
            in_headline=in_head,
            months=months,
            period_from=period_from,
            metric_base=metric_base,
            noun=noun,
        )

    def _generic(self, name: str) -> bool:
        m = self.vocab.metrics.get(name)
        return m is not None and m.id.endswith("_generic")

    def _share_of_own_total(self, ve: int, cl, metric: str, entity: str | None) -> bool:
        """Does the clause go on to say the figure is a share of its own place's total of the
        same metric (…，占全市外贸总值的79.1%)? Then the figure is a part, not the total."""
        v, voc = self.v, self.vocab
        if not voc.metric_re:
            return False
        gap = _TO_SHARE.match(v, ve)  # the share's clause follows right after
        if gap is None:
            return False
        k = gap.end()
        end = min(x for x in (v.find(c, k) for c in "，,；;。\n") if x >= 0) if k < len(v) else k
        m = voc.metric_re.search(v, k + 1, max(k + 1, end if end >= k else len(v)))
        if m is None or voc.metric_forms[m.group()] != metric:
            return False
        between = v[k + 1 : m.start()]
        if any(c in between for c in "，,；;"):
            return False
        kind = voc.entities[entity].kind if entity in voc.entities else None
        words = [w for w in voc.anaphora if w in between]
        if words:  # 全市 of a city (or of a place not named): its own total
            return kind is None or all(voc.anaphora[w] == kind for w in words)
        named = voc.entity_re.search(between) if voc.entity_re else None
        return named is None or voc.entity_forms[named.group()] == entity

    def _row_is_whole(self, vs: int, entity: str | None) -> bool:
        """Is the table row of vs about the whole (合计, 全市, the place itself, a year, or no
        label), rather than one item of a breakdown (越南, 民营企业, 东盟合计)?"""
        cell = table_cell(self.v, vs)
        if cell is None or cell.label >= len(cell.row):
            return True
        label = cell.row[cell.label].strip()
        voc = self.vocab
        if not label or label in _WHOLE_LABELS or label in voc.anaphora:
            return True
        if voc.entity_re is not None:
            m = voc.entity_re.match(label)
            if m is not None and m.end() == len(label):
                return voc.entity_forms[m.group()] == entity
        pm = voc.period_re.match(label)
        return pm is not None and not label[pm.end() :].strip()

    def _column_header(self, vs: int) -> str | None:
        """The header of the table column that holds vs, or None outside a table, in its
        header row or in the first column (which names the row)."""
        cell = table_cell(self.v, vs)
        if cell is None or cell.column == cell.label or cell.column >= len(cell.header):
            return None
        return cell.header[cell.column]

    def _pick_entity(self, vs: int, cl, se, pa, ve: int | None = None) -> str | None:
        ent = self._place(vs, cl, se, pa, ve)
        # a company's figures are not its city's (公司全年实现营业收入128.36亿元); a company that
        # is only the source (记者从国网宁夏电力有限公司获悉) does not count
        for a, b in [cl, *self._clauses_between(se[0], cl[0])]:
            text = self.v[a : min(b, vs)]
            for w in self.vocab.company_collectives:
                text = text.replace(w, "")
            if any(w in text for w in self.vocab.company_words) and not any(
                w in text for w in ("从", "据", "向", "获悉", "了解到")
            ):
                return None
        return ent

    def _place(self, vs: int, cl, se, pa, ve: int | None = None) -> str | None:
        idx = self.entities
        # the whole inside 占…的: 占全省4.9万亿元的, 占全区约1.8万亿元经济总量的
        of_share = ve is not None and _OF_SHARE.match(self.v, ve) is not None

        def usable(m: _Mention) -> bool:
            if not m.extra:
                return True
            # an object place (高于全国, 占全国) is the subject only of a figure in parentheses
            # right after it (全国（8.3%）, 占全国粮食总产量（13908.2亿斤）) or of the whole
            # inside 占…的 (占浙江全省进出口4.9万亿元的26.0%)
            gap = self.v[m.end : vs]
            return (
                len(gap) <= 12
                and (gap.endswith(("（", "(")) or of_share)
                and not any(c in gap for c in "，。；")
            )

        agg = self.vocab.aggregate_re
        groups = list(agg.finditer(self.v, se[0], vs)) if agg is not None else []
        group = groups[-1] if groups else None
        bound = group.end() if group is not None else 0
        if group is not None and self.v[bound : bound + 1] in ("（", "("):
            # 关区（含大连、丹东、营口等口岸）: the places in the parentheses are its members
            close = min(
                (i for i in (self.v.find("）", bound), self.v.find(")", bound)) if i >= 0),
                default=-1,
            )
            if 0 <= close < vs:
                bound = close + 1
        if (
            group is not None
            and idx.before(vs, bound, usable) is None
            and self._subject_position(group.start())
        ):
            return None  # 全国百强县地区生产总值合计…，占全国的9.4%: the group's figures
        m = idx.before(vs, cl[0], usable)  # nearest in the clause
        if m and _PLURAL_PLACES.search(self.v, m.end, vs):
            return None  # 晋江、石狮、南安三个县级市地区生产总值合计…: the group's figure
        if m:
            return m.value
        if _PLURAL_PLACES.search(self.v, cl[0], vs):
            return None  # 三市地区生产总值合计…: several places together, none of them
        sp = self._semicolon_part(se, vs)
        if sp > se[0]:  # 成都…；绵阳市实现地区生产总值3,626.9亿元，增长4.0%: the part after ；
            m = idx.before(vs, sp, usable)
            if m:
                return m.value

        def subject(m: _Mention) -> bool:  # a port or airport is a subject only in its clause
            return usable(m) and self._kind(m.value) != "facility"

        for lo in (se[0], pa[0]):  # the subject: first place named in the sentence, paragraph
            m = idx.after(lo, vs, subject)
            if m and self._kind(m.value) == "country":
                # 作为全国粮食第一大省，黑龙江…: a place after 全国 is the subject
                local = idx.after(
                    m.end, vs, lambda x: usable(x) and self._kind(x.value) != "country"
                )
                m = local or m
            if m:
                return m.value
        m = idx.after(vs, se[1], lambda x: not x.extra and self._kind(x.value) != "country")
        if m:
            return m.value
        return self._fallback_entity

    def _subject_position(self, a: int) -> bool:
        """Does the word at a open its clause (after a year or 全国 at most), as a subject does
        (2023年，百强县地区生产总值…), rather than follow a verb (昆山领跑百强县)?"""
        c0 = self.segs.clauses.find(a)[0]
        prefix = _SUBJECT_LEAD.sub("", self.v[c0:a])
        return len(prefix.strip(" \t，,、：:")) <= 1

    @functools.cached_property
    def _fallback_entity(self) -> str | None:
        """The headline's place, else the place the document names most."""
        return self._title_entity(self.entities.items) or self._main_entity

    @property
    def _main_entity(self) -> str | None:
        counts: dict[str, int] = {}
        for m in self.entities.items:
            if not m.extra:
                counts[m.value] = counts.get(m.value, 0) + 1
        local = {k: n for k, n in counts.items() if self._kind(k) != "country"}
        counts = local or counts
        return max(counts, key=lambda k: counts[k]) if counts else None

    def _compatible(self, q: Quantity, name: str) -> bool:
        met = self.vocab.metrics[name]
        if q.dimension in ("percent", "percentage_point", "ratio"):
            return True
        if q.dimension == "number":
            return False
        if met.dimension == "number":
            return True
        return met.dimension == q.dimension

    def _pick_metric(self, q: Quantity, cl, se, pa) -> _Mention | None:
        idx = self.metrics
        v = self.v

        def ok(m: _Mention) -> bool:
            return self._compatible(q, m.value)

        if q.dimension == "count":  # the counted noun follows: 20个产业集群, 八大未来产业
            nxt = _NEXT_NUMBER.search(v, q.vend, min(cl[1], q.vend + 14))
            hi = nxt.start() if nxt else min(cl[1], q.vend + 14)
            m = idx.after(q.vend, hi, lambda x: self.vocab.metrics[x.value].kind == "count")
            if m:
                return m

            return idx.before(q.vstart, cl[0], ok)  # 工业企业1769家, 新能源汽车产量52.7万辆
        if q.dimension == "currency" and v.startswith(self.vocab.size_class_nouns, q.vend):
            return None  # 50亿元以上项目: a size class, not a figure of any metric
        of = _OF_AFTER.match(v, q.vend)
        if of is not None and "的" in of.group() and _is_han(v[of.end() : of.end() + 1] or "x"):
            # 贡献了七成以上的经济总量、八成以上的税收和九成以上的就业: the noun after 的
            if not v.startswith(self.vocab.generic_after_of, of.end()):
                m = idx.after(of.end(), cl[1], ok)
                return m if m is not None and m.start == of.end() else None
        if q.dimension == "percentage_point":
            # 占全市外贸总值的36%，比重较上年提升1.9个百分点: the change of that share, whose
            # subject comes before 占
            prev = self.segs.clauses.find(cl[0] - 1) if cl[0] > se[0] else cl
            zhan = v.rfind("占", max(se[0], prev[0]), cl[0])
            named = idx.after(
                zhan, cl[0], lambda x: self.vocab.metrics[x.value].kind == "rate"
            )  # 占常住人口比重（常住人口城镇化率）为63.13%: the share has a name of its own
            if (
                zhan >= 0
                and named is None
                and (
                    any(w in v[cl[0] : q.vstart] for w in ("比重", "占比"))
                    or _SHARE_RIGHT_BEFORE.search(v, zhan, cl[0])
                )
            ):
                m = idx.before(zhan, se[0], ok)
                if m is not None:
                    return m
        zhan = v.rfind("占", cl[0], q.vstart)
        if zhan >= 0 and q.dimension in ("percent", "ratio"):
            # a share is about what comes before 占 (民营企业进出口占全省进出口总值的78.4%)
            m = idx.before(zhan, cl[0], ok) or idx.before(zhan, se[0], ok)
            return m
        m = idx.before(q.vstart, cl[0], ok)
        if m is not None:
            return m
        if self._own_subject(cl[0], q.vstart):
            return None  # the clause names its own subject (非化石能源消费比重达到15%)
        if q.dimension in ("percent", "percentage_point") and self._after_unnamed_level(se, cl):
            return None  # 夜间消费额1326.5亿元，比上年增长16.8%: the rate of that unnamed level
        sp = self._semicolon_part(se, q.vstart)
        if sp > se[0]:
            m = idx.before(q.vstart, sp, ok)
            if m is not None:
                return m
        m = idx.before(q.vstart, se[0], ok)
        if m is not None:
            return m
        m = idx.after(q.vend, se[1], ok)
        if m:
            return m
        if q.dimension in ("percent", "percentage_point", "ratio"):
            return None  # a rate needs its metric in its own sentence
        if v[cl[0] : q.vstart].strip(" ，,").startswith(_AMOUNT_OF):
            return None  # 发放第三批文旅消费券，总额2000万元: the amount of what was just named
        m = idx.before(q.vstart, pa[0], ok)
        if m is not None:
            return m
        head = self.segs.headline
        if not (head[0] <= q.vstart < head[1]):
            return idx.after(head[0], head[1], ok)
        return None

    def _after_unnamed_level(self, se, cl) -> bool:
        """The clause just before cl states an amount of something no metric names."""
        if cl[0] <= se[0]:
            return False
        prev = self._clauses_between(se[0], cl[0])
        if not prev:
            return False
        a, b = prev[-1]
        num = _DIGIT.search(self.v, a, b)
        if num is None or any(c in self.v[a:b] for c in "%％倍"):
            return False  # a level, not another rate
        if self.metrics.before(num.start(), a, lambda m: True) is not None:
            return False
        return self._own_subject(a, num.start())

    def _own_subject(self, a: int, b: int) -> bool:
        """The clause text before the figure names something (3+ Han characters left once
        places, periods and function words are removed)."""
        v = self.v
        a = max(a, b - 40)  # the subject of a figure is written near it
        text = v[a:b]
        for idx in (self.entities, self.periods):
            for m in idx.items[bisect_left(idx.starts, a) :]:
                if m.start >= b:
                    break
                text = text.replace(v[m.start : m.end], "")
        text = self.vocab.function_re.sub("", text) if self.vocab.function_re else text
        return sum(1 for c in text if _is_han(c)) >= 3

    def _pick_period(
        self, vs: int, cl, se, pa
    ) -> tuple[Period | None, str | None, tuple[int, int] | None]:
        """(period, its text, its months). Months are known even when the year is not.

        The nearest usable mention before the figure in its clause, sentence, paragraph, then
        earlier in the document (the headline included): comparison bases never count, a
        horizon (到2025年) only inside its sentence, a 从-year only before its 到.
        """
        idx = self.periods
        v = self.v

        def usable(lo: int):
            def ok(m: _Mention) -> bool:
                pm = m.extra
                if pm.base or ((pm.horizon or pm.local) and lo < se[0]):
                    return False
                if pm.source and any(w in v[m.end : vs] for w in ("到", "至")):
                    return False
                return True

            return ok

        def in_lede(m: _Mention) -> bool:
            return m.start < self.lede_end and usable(0)(m)

        near = idx.before(vs, cl[0], lambda m: m.extra.base)
        gap = v[near.end : vs].strip() if near is not None else None
        if (
            near is not None
            and gap
            in (
                "",
                "的",
                "同期",
                "同期的",
                "（",
                "(",
                "同期（",
                "同期(",
                "底",
                "底的",
                "末",
                "末的",
            )
            and near.extra.resolved
        ):
            found = near  # 较2022年的9515.9亿元: the base figure itself, stated for the base year
            pm = found.extra
            if (
                near.value in self.vocab.anaphoric_years
                and not _YEAR_NAMED.search(v, se[0], near.start)
                and not _REL_NAMED.search(v, se[0], near.start)
            ):
                # 城镇化率达到63.4%，较上年的62.3%: the year before the one the sentence reports
                own = self._pick_period(near.start, cl, se, pa)[0]
                if own is not None and not own.label:
                    self._period_from = "sentence"
                    span = (own.first_month, own.last_month)
                    return Period(own.year - 1, *span), found.value, span
            self._period_from = "sentence"
            if gap.startswith("同期") and pm.months is None:
                # 由去年同期的28.3%: the months of the period the sentence reports (1—3月)
                cur = idx.before(near.start, pa[0], lambda m: m.extra.months is not None)
                if cur is None:
                    return None, found.value + "同期", None
                pm = pm._replace(months=cur.extra.months)
            span = pm.months or (1, 12)
            if pm.year is None and pm.months is not None:
                # 比上半年（5.0%）: the base period's year is the year the sentence reports
                outer = idx.before(
                    near.start, 0, lambda m: not m.extra.base and m.extra.year is not None
                )
                year = outer.extra.year if outer is not None else self.year
                if year is not None:
                    pm = pm._replace(year=year)
            if pm.year is not None:
                return _period(pm.year, pm, span, found.value)
        found = None
        for lo, level in (
            (cl[0], "sentence"),
            (se[0], "sentence"),
            (pa[0], "paragraph"),
            (-1, "paragraph"),  # the section heading above the paragraph (2023年预算执行情况)
            (0, "document"),
        ):
            if lo == -1:
                hd = self._section_heading(pa)
                found = idx.before(hd[1], hd[0], usable(0)) if hd else None
            else:
                found = idx.before(vs, lo, usable(lo) if lo else in_lede)
            if found:
                self._period_from = level
                if level == "document" and self._goal_headline(found):
                    # 今年经济增长预期目标为5%以上 over a report of last year's results: the
                    # headline's year frames goals; the results take the year the body names
                    body = idx.before(vs, self.segs.headline[1], usable(0))
                    if body is not None and not body.extra.horizon:
                        found = body
                break
        else:
            self._period_from = "title"
        if found is None:
            return self._title_period()
        pm = found.extra
        text = found.value
        span = pm.months or (1, 12)
        if not pm.resolved:
            return None, text, span
        year = pm.year
        if year is None and pm.season and self.year is not None and self.month is not None:
            # 春节假期 in a February article: this year's; 国庆假期 in a January one: last year's
            month = self.vocab.season_months.get(pm.season)
            if month is not None:
                year = self.year if month <= self.month else self.year - 1
        if year is None:  # 全年, 一季度, 1—4月: the year of the nearest year named before

            def yearly(m: _Mention) -> bool:
                return (
                    not m.extra.base
                    and not m.extra.horizon
                    and not m.extra.source
                    and (m.extra.year is not None or not m.extra.resolved)
                )

            # in its own paragraph; else the title's year; else, for months, the last such span
            # before the article's date (1—10月 in a November article); else anywhere before
            here = self.segs.paragraphs.find(found.start)
            outer = idx.before(found.start, here[0], yearly)
            if outer is None:
                # 一、2023年工作回顾 ⏎ …全年外贸进出口总额85.3亿元: the section heading's year
                hd = self._section_heading(here)
                numbered = hd is not None and _NUMBERED_HEADING.match(v, hd[0])
                outer = idx.before(hd[1], hd[0], yearly) if numbered else None
            if outer is None and self._title_period()[0] is None:
                if (
                    self.year is not None
                    and self.month is not None
                    and pm.months
                    and pm.months != (1, 12)  # 全年: decided by its modality in frame()
                ):
                    year = self.year if pm.months[1] <= self.month else self.year - 1
                    self._year_from_date = True
                    return Period(year, span[0], span[1]), text, span
                outer = idx.before(found.start, 0, yearly)
            if outer is not None:
                if not outer.extra.resolved:
                    return None, outer.value + text, span
                year = outer.extra.year
                text = outer.value + text
            else:
                tp = self._title_period()[0]
                if tp is not None:
                    year = tp.year
                elif self.year is not None and (pm.months or pm.season):
                    year = self.year
                    self._year_from_date = True
                else:
                    return None, text, span
        return _period(year, pm, span, text)

    def _goal_headline(self, m: _Mention) -> bool:
        """Is m in a headline that announces goals (今年经济增长预期目标…)?"""
        a, b = self.segs.headline
        if not (a <= m.start < b) or self.vocab.modality_re is None:
            return False
        return any(
            self.vocab.modality_of[w.group()] in ("target", "plan")
            for w in self.vocab.modality_re.finditer(self.v, a, b)
        )

    @functools.cached_property
    def _title_period_cached(self) -> tuple[Period | None, str | None, tuple[int, int] | None]:
        return self._title_period_uncached()

    def _title_period(self) -> tuple[Period | None, str | None, tuple[int, int] | None]:
        return self._title_period_cached

    def _title_period_uncached(self) -> tuple[Period | None, str | None, tuple[int, int] | None]:
        title = self.doc.title or ""
        if len(title) > 60:
            return None, None, None  # the first line of a text without a headline
        for m in self.vocab.period_re.finditer(title):
            if not m.group("year"):
                continue
            start = m.start() + (len(m.group()) - len(m.group().lstrip()))
            before = title[max(0, start - 3) : start]
            if before.endswith(_BASE_BEFORE) or (
                m.group("to") and before.endswith(_CHANGE_BEFORE_TO)
            ):
                continue  # 较2019年, 恢复至2019年: a comparison base, not the title's period
            try:
                return Period(_year_of(m.group("year"))), m.group().strip(), (1, 12)
            except KeyError:
                continue
        return None, None, None

    def _modality(self, vs: int, ve: int, cl, se, period: Period | None) -> str:
        voc, v = self.vocab, self.v
        # the number's own clause, then short framing clauses before it (到2025年，/ 按照计划，)
        prefixes = [v[cl[0] : vs]]
        for a, b in self._clauses_between(se[0], cl[0]):
            # 到2025年， / 主要预期目标是： / 力争到2025年…，新能源装机规模突破…: a goal word
            # earlier in the sentence frames the clauses after it
            prefixes.append(v[a:b])
        heading = self._heading_before(se)
        if heading is not None:  # "2024年主要预期目标。" over the list that follows
            prefixes.append(heading)
        prefixes = [_BOOK.sub("", p) for p in prefixes]
        found: set[str] = set()
        span = v[se[0] : vs]
        for prefix in prefixes:
            for m in voc.modality_re.finditer(prefix) if voc.modality_re else ():
                w, i = m.group(), m.start()
                if w == "预期" and prefix[i - 1 : i] in ("超", "于", "及"):
                    continue  # 超预期, 好于预期: a comparison, not a forecast
                if w == "计划" and (
                    prefix[i + 2 : i + 3] == "的" or "完成" in prefix[max(0, i - 6) : i]
                ):
                    continue  # 完成年度计划的27.4%: progress against a plan, an actual
                if voc.modality_of[w] == "plan" and prefix is prefixes[0] and prefix.endswith("的"):
                    continue  # 为年初预算422.9亿元的106.7%: a share of a plan, an actual
                if w[0] in "到至" and (
                    "从" in span
                    or "由" in span
                    or (i > 0 and prefix[i - 1] in "截止")
                    or prefix[max(0, i - 2) : i] in ("恢复", "回升", "回落", "下降", "提高", "增长")
                    or _YEAR_END.search(prefix, 0, i)
                ):
                    continue  # 从2020年……到2021年, 截至2022年, 2020年至2024年: not a goal
                found.add(voc.modality_of[w])
        for kind in ("target", "forecast", "plan"):
            if kind in found:
                return kind
        after = v[ve : min(cl[1], ve + 10)]
        if "目标" in re.split(r"\s", after, maxsplit=1)[0]:
            return "target"  # 增长6%的目标 (not 增长7% 今年预期目标…: a headline's next phrase)
        if period is not None and self.year is not None and period.year > self.year:
            return "forecast"
        return "actual"

    def _section_heading(self, pa) -> tuple[int, int] | None:
        """The nearest heading line above paragraph pa: a short paragraph with no sentence
        punctuation (一、2023年预算执行情况), not the article's headline."""
        if pa[0] in self._headings:
            return self._headings[pa[0]]
        sp = self.segs.paragraphs
        i = sp.index(pa[0]) - 1
        stop = max(-1, i - _MAX_STEPS)
        head_end = self.segs.headline[1]
        found = None
        while i > stop:
            a, b = sp.starts[i], sp.ends[i]
            if b <= head_end:
                break
            text = self.v[a:b].strip()
            if text and len(text) <= 30 and not any(c in text for c in "。，；！？,;"):
                found = (a, b)
                break
            i -= 1
        self._headings[pa[0]] = found
        return found

    def _heading_before(self, se) -> str | None:
        """The sentence before se when it is a short heading with no figure of its own
        (主要预期目标。 / 2024年工作安排：), which frames what follows it."""
        if se[0] <= 0:
            return None
        sp = self.segs.sentences
        i = sp.index(se[0]) - 1
        if i < 0:
            return None
        text = self.v[sp.starts[i] : sp.ends[i]].strip().strip("*#").strip()
        if not 2 <= len(text) <= 20:
            return None
        if any(w in text for w in self.vocab.results_words):
            return None  # 全年目标任务圆满完成。: a report of results, not goals
        rest = _YEAR_WORD.sub("", text)
        if _DIGIT.search(rest) or any(c in rest for c in "%％亿万"):
            return None
        return text

    def _clauses_between(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """The clauses from lo up to hi (at most the last _MAX_STEPS of them)."""
        sp = self.segs.clauses
        end = sp.index(hi) if hi > lo else sp.index(lo)
        i = max(sp.index(lo), end - _MAX_STEPS)
        out = []
        while i < len(sp.starts) and sp.starts[i] < hi:
            out.append((sp.starts[i], sp.ends[i]))
            i += 1
        return out

    def _aspect(self, q: Quantity, vs: int, cl, metric_m: _Mention | None) -> str:
        dim = q.dimension
        if dim == "percentage_point":
            return "pp"
        if dim == "ratio":
            if "分之" in q.text and "占" in self.v[cl[0] : vs]:
                return "share"  # 约占全市的三分之一
            return "multiple"
        lo = max(cl[0], vs - 8)
        if metric_m is not None and lo < metric_m.end <= vs:
            lo = metric_m.end
        window = self.v[lo:vs]
        asp = self.vocab.aspects
        if dim in ("percent", "ratio") and "占" in self.v[cl[0] : vs]:
            return "share"  # 占全省进出口总值的78.4%, 占全国的八分之一
        if dim == "percent":
            if any(w in window for w in asp.get("share", ())):
                return "share"
            if any(w in window for w in asp.get("avg_growth", ())):
                return "avg_growth"
            if any(w in window for w in asp.get("growth", ())) and not window.endswith(_TO_LEVEL):
                # (提高到2.0% is a level, 提高2.0% a change); 环比/比上月: month on month
                text = self.v[cl[0] : vs]
                mom = max(text.rfind("环比"), text.rfind("比上月"))
                return "growth_mom" if mom > text.rfind("同比") else "growth"
            if metric_m is not None and self.vocab.metrics[metric_m.value].kind == "rate":
                return "level"
            return "percent"
        if not window.endswith(("到", "至")) and any(
            window.endswith(w) or w in window[-4:] for w in asp.get("change", ())
        ):
            return "change"  # (增加到4050.2亿元 is the level reached)
        if metric_m is not None and cl[0] <= metric_m.start and metric_m.end <= vs:
            # 新增规上工业企业120家, 净增市场主体3.2万户: the change word precedes the metric
            pre = self.v[max(cl[0], metric_m.start - 14) : metric_m.start]
            if any(w in pre for w in ("新增", "净增", "净减少", "新认定")):
                return "change"
        return "level"


def _period(
    year: int, pm: _PM, span: tuple[int, int], text: str | None
) -> tuple[Period, str | None, tuple[int, int] | None]:
    """(period, text, months) of a mention resolved to year: a season's label, else the span."""
    if pm.season:
        return Period(year, label=pm.season), text, None
    return Period(year, span[0], span[1]), text, span


_MAX_TOWNS = 64  # short names of at most this many towns are looked for in one document


def _overlaps_sorted(spans: list[tuple[int, int]], a: int, b: int) -> bool:
    """Does [a, b) overlap one of the sorted, non-overlapping spans?"""
    i = bisect_right(spans, (a, 1 << 62)) - 1
    if i >= 0 and spans[i][1] > a:
        return True
    return i + 1 < len(spans) and spans[i + 1][0] < b


# a CMS information line (发布日期：… 来源：… 浏览次数：…), not the article's first paragraph
_META_LINE = re.compile(
    r"(?:来源|发布|日期|时间|作者|编辑|浏览|点击|字号|阅读|责任编辑|稿源)\s*[：:]"
)
_DIGIT = re.compile(r"[0-9]")
# the subject of a company metric that is a whole industry or area, not one company
# from a level figure to the 占 of its share: in its clause, or opening the next one, perhaps
# after a growth rate (…1003.2亿元，增长8%，占全市外贸总值的79.1%)
_TO_SHARE = re.compile(r"[^，,；;。\n占]{0,4}(?:[，,][^，,；;。\n占\d]{0,6}[\d.]+%)?[，,]?(?=占)")
# a share stated at the end of the clause before (…占全市外贸总值的53.5%，比上年提升3.1个百分点)
_SHARE_RIGHT_BEFORE = re.compile(r"[\d.]+%[，,]$")
# what may follow a counted noun of count_nouns (its phrase ends there)
_NOUN_END = frozenset('，。；、：“”"（）() \n\t,;:') | {""}
_NOUN_FOLLOWERS = (
    "的",
    "和",
    "与",
    "及",
    "等",
    "实现",
    "完成",
    "达",
    "占",
    "合计",
    "共",
    "累计",
    "分别",
    "均",
)
# table row labels that name the whole the column's metric is about
_WHOLE_LABELS = frozenset({"合计", "总计", "总额", "全部", "总量", "全年", "小计"})
# a clause that opens with one of these gives the amount of the thing named before it
_AMOUNT_OF = ("总额", "金额", "总金额", "规模", "总规模", "总量", "总计", "共计", "合计")
# a numbered section heading (一、2023年工作回顾 / （二）… / 3. …)
_NUMBERED_HEADING = re.compile(rf"\s*(?:#+\s*)?{SECTION_NUMBER}")
# a year right before 至/到: a span of years (2020年至2024年累计投入…), not a horizon
_YEAR_END = re.compile(r"(?:19|20)\d{2}年?(?:底|末|初)?$")
_LEVEL_DIMS = frozenset({"currency", "area", "length", "mass", "volume", "energy", "power"})
_AGGREGATE_SUBJECTS = ("产业", "行业", "企业", "集群", "工业", "园区", "开发区", "全市", "全省")
_PLACE_NOUN = re.compile(
    r"(?:个)?(?:县级市|地级市|城市|地市|县市|市县|区县|省份|省市|县区|县|市|区|省)"
)
_FROM_YEAR = re.compile(r"[由从]\s*(?:19|20)\d{2}\s*年(?:底|末)?(?:的)?\s*$")
_MEMBERS = re.compile(r"[（(](?:含|包括|包含)[^）)\n]{0,60}[）)]")
_REL_NAMED = re.compile(r"今年|去年|前年|明年")
_OF_SHARE = re.compile(r"[^，。；,;\d%]{0,8}?的")
# 出口汽车28.6万辆: goods after 出口/进口 (not 进出口总额 or 出口总值: the trade itself)
_GOODS = re.compile(
    r"(?<!进)(出口|进口)(?!总额|总值|金额|额|值)([\u4e00-\u9fff]{2,6}?)(?=[\d一二两三四五六七八九十])"
)
_OF_AFTER = re.compile(r"(?:以上|以下|左右|之多|多)?的(?:全市|全省|全国|全区|全县)?")
_SUBJECT_LEAD = re.compile(
    r"(?:19|20)\d{2}\s*年|今年|去年|上年|全国|我国|入围的?|其中|[上下]半年|前三季度|同期|全年"
)
_PLURAL_PLACES = re.compile(
    r"[两二三四五六七八九十几多各数][个]?(?:省|市|县|区|地市|城市)(?![场长委])"
)
_MULTIPLE_OF = re.compile(r"[^，。；,;]{0,14}?的\s*[0-9一二两三四五六七八九十.]+\s*倍")
_YEAR_WORD = re.compile(r"\d{4}\s*年")
_YEAR_NAMED = re.compile(r"((?:19|20)\d{2})\s*年(?![代度]?\s*\d)")
_NEXT_NUMBER = re.compile(r"[0-9一二三四五六七八九十两、，,；;。：:（(]")
_LIST_SEP = re.compile(r"\s*[、和及与]\s*")


def frame_document(
    doc: Document,
    quantities: list[Quantity] | tuple[Quantity, ...],
    extra_dirs: tuple[str, ...] = (),
    default_date: str | None = None,
) -> list[Claim]:
    """Claims for the quantities of one document.

    A list of figures ("分别增长183.4%、113.8%") shares the frame of its first figure; when
    分别 assigns the list to several items, the items are not one metric, so the metric is
    left unknown rather than guessed, unless the items are places and the figures pair with
    them one to one (深圳、广州地区生产总值分别达到x、y: each place keeps the metric).
    """
    framer = Framer(doc, load_vocab(extra_dirs), default_date)
    claims = [framer.frame(q) for q in quantities]
    v = doc.view
    out: list[Claim] = []
    for c in claims:
        prev = out[-1] if out else None
        q = c.quantity
        if (
            prev is not None
            and prev.quantity.dimension == q.dimension
            and _LIST_SEP.fullmatch(v[prev.quantity.vend : q.vstart])
        ):
            c = replace(
                c,
                entity=prev.entity,
                metric=prev.metric,
                scope=prev.scope,
                aspect=prev.aspect,
                period=prev.period,
                period_text=prev.period_text,
                modality=prev.modality,
            )
            pq = prev.quantity
            if (
                c.aspect in ("growth", "growth_mom", "avg_growth", "change")
                and pq.value < 0 < q.value
                and not q.text.lstrip().startswith(("+", "＋"))
            ):
                q = _negated(q)  # 分别下降10.8%、21.6%和30.2%: 下降 covers the whole list
                c = replace(c, quantity=q)
            if pq.bound in ("lower", "upper") and q.qualifier is None and pq.unit == q.unit:
                # 跨越3万亿元、4万亿元两个台阶: the qualifier covers the whole list
                lower = pq.bound == "lower"
                q = replace(
                    q,
                    bound=pq.bound,
                    low=q.value if lower else None,
                    high=None if lower else q.value,
                    low_open=lower and pq.low_open,
                    high_open=(not lower) and pq.high_open,
                )
                c = replace(c, quantity=q)
        out.append(c)
    # 分别: a list of figures for a list of items
    voc = framer.vocab
    chain: list[int] = []  # the figures of the current list (joined by 、/和)
    for i, c in enumerate(out):
        lo = max(0, c.sentence_offset - 200)  # a 分别 list is never longer than this
        head = c.sentence[lo : c.sentence_offset]
        k = head.rfind("分别")
        if k < 0 or _names_place(head[k + 2 :], voc):
            chain = []  # …分别达到x、y，南通地区生产总值z: z has a subject of its own
            continue
        prev = out[i - 1].quantity if i else None
        if not (
            chain and prev is not None and _LIST_SEP.fullmatch(v[prev.vend : c.quantity.vstart])
        ):
            chain = []
        chain.append(i)
        before = head[:k]
        places = _listed_places(before, voc)
        if places is not None and len(chain) <= len(places):
            # 深圳、广州地区生产总值分别达到3.46万亿元、3.04万亿元: the places are the items, in
            # order, and what follows them is the metric of each figure
            out[i] = replace(c, entity=places[len(chain) - 1])
            continue
        names = set()
        if voc.entity_re:
            names = {voc.entity_forms[p] for p in voc.entity_re.findall(before)}
        if len(names) >= 2:  # 济南、青岛……两市生产总值分别达到…: one figure per place
            c = replace(c, entity=None)
        # one figure per item: whatever the items are, no figure of the list is their metric
        c = replace(c, metric=None, scope=None)
        out[i] = c
    # a headline figure without a year (湛江港年货物吞吐量首次突破3亿吨) is about the period the
    # article reports for the same figure
    # (from the end: the next few body claims of each kind are at hand, so this is linear).
    # The body figure that restates the headline's value is preferred: 研发投入强度由2022年的
    # 2.35%提高到2.71% gives a headline "升至2.71%" the period of 2.71%, not of 2.35%.
    later: dict[tuple, list[Claim]] = {}
    for i in range(len(out) - 1, -1, -1):
        c = out[i]
        key = (c.entity, c.metric, c.aspect, c.quantity.unit)
        if c.in_headline and c.period is None and c.metric is not None:
            cands = later.get(key)
            if cands:
                lede = next(
                    (
                        x
                        for x in cands
                        if x.modality == c.modality and _meets(x.quantity, c.quantity)
                    ),
                    cands[0],
                )
                out[i] = replace(
                    c, period=lede.period, period_text=lede.period_text, months=lede.months
                )
        elif not c.in_headline and c.period is not None:
            cands = later.setdefault(key, [])
            cands.insert(0, c)
            del cands[8:]
    # 跨境电商进出口1068亿元。其中，出口891.2亿元: parts of a narrower total are not the
    # place's total exports; the part keeps no metric of its own
    owners = {p for m in voc.metrics.values() for p in (*m.parts, *m.components)}
    for i, c in enumerate(out):
        if not c.part_of or c.metric is None or c.metric not in owners:
            continue
        total = next(
            (
                t
                for t in reversed(out[max(0, i - 8) : i])
                if not t.part_of
                and t.aspect == "level"
                and t.quantity.unit == c.quantity.unit
                and t.metric is not None
            ),
            None,
        )
        if total is None or total.metric_base not in voc.metrics:
            continue
        if c.metric not in _within(voc, total.metric_base) and total.metric != c.metric:
            out[i] = replace(c, metric=None)
    # a list of places longer than its figures: the pairing is unknown
    for i, c in enumerate(out):
        if c.entity is None or "分别" not in c.sentence[: c.sentence_offset]:
            continue
        head = c.sentence[max(0, c.sentence_offset - 200) : c.sentence_offset]
        k = head.rfind("分别")
        if k < 0 or _names_place(head[k + 2 :], voc):
            continue
        places = _listed_places(head[:k], voc)
        if places is not None and not _pairs_fully(out, i, v, len(places)):
            out[i] = replace(c, entity=None, metric=None, scope=None)
    return out


def _within(voc: Vocab, name: str, depth: int = 4) -> set[str]:
    """The metrics a metric is made of, at any depth: its parts and components, theirs, …
    (地区生产总值 → 第二产业增加值 → 工业增加值 → 制造业增加值)."""
    out: set[str] = set()
    todo = [name]
    for _ in range(depth):
        nxt = []
        for n in todo:
            m = voc.metrics.get(n)
            if m is None:
                continue
            for p in (*m.parts, *m.components):
                if p not in out:
                    out.add(p)
                    nxt.append(p)
        todo = nxt
    return out


def _names_place(text: str, voc: Vocab) -> bool:
    return voc.entity_re is not None and voc.entity_re.search(text) is not None


_PLACE_JOIN = re.compile(r"[、和与及]|以及")


def _listed_places(before: str, voc: Vocab) -> list[str] | None:
    """The places that are the items of a 分别 list ("深圳、广州地区生产总值" → [深圳市, 广州市]):
    two or more place names joined only by 、/和, the last one followed by the metric, with
    nothing but the sentence's start or a comma before the first. None otherwise."""
    if voc.entity_re is None:
        return None
    ms = list(voc.entity_re.finditer(before))
    if len(ms) < 2:
        return None
    run = [ms[-1]]
    for m in reversed(ms[:-1]):
        if not _PLACE_JOIN.fullmatch(before[m.end() : run[0].start()]):
            break
        run.insert(0, m)
    if len(run) < 2:
        return None
    lead = before[: run[0].start()].rstrip()
    if lead and lead[-1] not in "，,；;：:。）)" and not re.search(r"(?:年|月|季度|期间)$", lead):
        return None  # 全国、全省……: the places are part of a longer phrase
    tail = before[run[-1].end() :]
    if voc.entity_re.search(tail) or (tail and tail[0] in "、，,等"):
        return None  # 南京、苏州等城市, 合计: not a one-to-one list
    names = [voc.entity_forms[m.group()] for m in run]
    return names if len(set(names)) == len(names) else None


def _pairs_fully(out: list[Claim], i: int, v: str, n: int) -> bool:
    """Is claim i in a chain of exactly n figures (joined by 、/和)?"""
    a = i
    while a > 0 and _LIST_SEP.fullmatch(v[out[a - 1].quantity.vend : out[a].quantity.vstart]):
        a -= 1
    b = i
    while b + 1 < len(out) and _LIST_SEP.fullmatch(
        v[out[b].quantity.vend : out[b + 1].quantity.vstart]
    ):
        b += 1
    return b - a + 1 == n
