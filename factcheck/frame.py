"""Frame quantities as claims: entity, metric, scope, period, modality, aspect, flags.

Attribution works the way a reader does it: the nearest mention before the number in its
clause, then its sentence, then (for metrics) later in the same sentence, then the paragraph,
then the headline and the document. Scope is read only from the words right before the metric
that was chosen (规上工业增加值), and an unstated scope stays unstated. Relative years resolve
from the document date; without one they stay unresolved.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from datetime import date

from .model import Claim, Document, Period, Quantity
from .segment import Segments, segment
from .vocab import Vocab, load_vocab

_DATE_LINE = re.compile(
    r"(?:^|\n)[^\n]{0,12}?((?:19|20)\d{2})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?[^\n]{0,20}(?:\n|$)"
)
_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}


def document_date(doc: Document, default: str | None = None) -> str | None:
    """The document's date: front matter, else a short date line near the top, else default."""
    if doc.date:
        return doc.date
    m = _DATE_LINE.search(doc.view[:600])
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            pass
    return default


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    value: str
    extra: object = None


class _Index:
    def __init__(self, mentions: list[_Mention]) -> None:
        self.items = sorted(mentions, key=lambda m: m.start)
        self.starts = [m.start for m in self.items]

    def before(self, pos: int, lo: int, ok=None) -> _Mention | None:
        i = bisect_left(self.starts, pos) - 1
        while i >= 0 and self.items[i].start >= lo:
            m = self.items[i]
            if m.end <= pos and (ok is None or ok(m)):
                return m
            i -= 1
        return None

    def after(self, pos: int, hi: int, ok=None) -> _Mention | None:
        i = bisect_left(self.starts, pos)
        while i < len(self.items) and self.items[i].start < hi:
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
        self.entities = _Index(self._entities())
        self.metrics = _Index(self._metrics())
        self.periods = _Index(self._periods())

    # ------------------------------------------------------------ mention scans
    def _entities(self) -> list[_Mention]:
        voc, v = self.vocab, self.v
        found: list[_Mention] = []
        if voc.entity_re:
            for m in voc.entity_re.finditer(v):
                name = voc.entity_forms[m.group()]
                found.append(_Mention(m.start(), m.end(), name, self._is_object(m.start())))
        if voc.anaphora_re:
            found.sort(key=lambda x: x.start)
            starts = [x.start for x in found]
            title_entity = self._title_entity(found)
            for m in voc.anaphora_re.finditer(v):
                kind = voc.anaphora[m.group()]
                if kind == "country":
                    name = next(
                        (e.name for e in voc.entities.values() if e.kind == "country"), None
                    )
                else:
                    name = self._recent_of_kind(found, starts, m.start(), kind) or title_entity
                    if name and not self._kind_ok(name, kind):
                        name = None
                if name:
                    found.append(_Mention(m.start(), m.end(), name, self._is_object(m.start())))
        return found

    def _kind_ok(self, name: str, kind: str) -> bool:
        e = self.vocab.entities.get(name)
        if e is None:
            return False
        if e.kind == kind:
            return True
        return kind == "city" and e.kind == "province" and name.endswith("市")  # 直辖市

    def _recent_of_kind(
        self, found: list[_Mention], starts: list[int], pos: int, kind: str
    ) -> str | None:
        i = bisect_right(starts, pos) - 1
        while i >= 0:
            if self._kind_ok(found[i].value, kind):
                return found[i].value
            i -= 1
        return None

    def _title_entity(self, found: list[_Mention]) -> str | None:
        title = self.doc.title or ""
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
        before = self.v[max(0, pos - 3) : pos]
        return any(before.endswith(w) for w in self.vocab.comparison)

    def _metrics(self) -> list[_Mention]:
        voc, v = self.vocab, self.v
        out = []
        if voc.metric_re:
            for m in voc.metric_re.finditer(v):
                scope = None
                for L in range(min(voc.scope_max, m.start()), 0, -1):
                    s = v[m.start() - L : m.start()]
                    if s in voc.scopes:
                        scope = voc.scopes[s]
                        break
                out.append(_Mention(m.start(), m.end(), voc.metric_forms[m.group()], scope))
        return out

    def _periods(self) -> list[_Mention]:
        voc = self.vocab
        out = []
        for m in voc.period_re.finditer(self.v):
            if not m.group().strip() or m.group() == (m.group("to") or ""):
                continue
            year: int | None = None
            resolved = True
            if m.group("year"):
                try:
                    year = _year_of(m.group("year"))
                except KeyError:
                    continue
            elif m.group("rel"):
                if self.year is None:
                    resolved = False
                else:
                    year = self.year + voc.relative_years[m.group("rel")]
            g = m.groupdict()
            sub = g["sub"] or g["sub_"]
            m1, m2, one = g["m1"] or g["m1_"], g["m2"] or g["m2_"], g["m"] or g["m_"]
            months: tuple[int, int] | None = None
            if sub:
                months = voc.subperiods[sub]
            elif m1:
                a, b = int(m1), int(m2)
                if a > b:
                    continue
                months = (a, b)
            elif one:
                months = (int(one), int(one))
            start = m.start() + (len(m.group()) - len(m.group().lstrip()))
            out.append(
                _Mention(
                    start, m.end(), m.group().strip(), (year, months, resolved, bool(m.group("to")))
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
        metric = metric_m.value if metric_m else None
        scope = metric_m.extra if metric_m else None
        entity = self._pick_entity(vs, cl, se, pa)
        period, ptext, months = self._pick_period(vs, cl, se, pa)
        modality = self._modality(vs, ve, cl, se, period)
        aspect = self._aspect(q, vs, cl, metric_m)
        window = v[max(cl[0], vs - 6) : vs]
        first = any(w in window for w in self.vocab.first_time)
        sent_text = v[se[0] : se[1]].lstrip()
        part = any(
            sent_text.startswith(w) or v[cl[0] : cl[1]].lstrip().startswith(w)
            for w in self.vocab.part_of
        )
        noun = None
        if q.dimension == "count" and metric_m is not None and metric_m.start >= q.vend:
            noun = v[q.vend : metric_m.end].lstrip("的")
        if q.dimension == "count" and v[max(cl[0], vs - 1) : vs] == "等":
            part = True  # A、B、C等4个: a count of a sub-list
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
            noun=noun,
        )

    def _pick_entity(self, vs: int, cl, se, pa) -> str | None:
        idx = self.entities

        def usable(m: _Mention) -> bool:
            if not m.extra:
                return True
            after = self.v[m.end : m.end + 1]
            return after in "（(" and vs <= self.v.find("）", m.end) if after else False

        m = idx.before(vs, cl[0], usable)  # nearest in the clause
        if m:
            return m.value
        for lo in (se[0], pa[0]):  # the subject: first place named in the sentence, paragraph
            m = idx.after(lo, vs, usable)
            if m:
                return m.value
        m = idx.after(vs, se[1], lambda x: not x.extra)
        if m:
            return m.value
        return self._title_entity(idx.items) or self._main_entity

    @property
    def _main_entity(self) -> str | None:
        counts: dict[str, int] = {}
        for m in self.entities.items:
            if not m.extra:
                counts[m.value] = counts.get(m.value, 0) + 1
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

        def ok(m: _Mention) -> bool:
            return self._compatible(q, m.value)

        if q.dimension == "count":  # the counted noun follows: 20个产业集群, 八大未来产业
            nxt = _NEXT_NUMBER.search(self.v, q.vend, min(cl[1], q.vend + 14))
            hi = nxt.start() if nxt else min(cl[1], q.vend + 14)
            m = idx.after(q.vend, hi, lambda x: self.vocab.metrics[x.value].kind == "count")
            if m:
                return m
            m = idx.before(q.vstart, max(cl[0], q.vstart - 4), ok)  # 工业企业1769家
            return m
        for lo in (cl[0], se[0]):
            m = idx.before(q.vstart, lo, ok)
            if m:
                return m
        m = idx.after(q.vend, se[1], ok)
        if m:
            return m
        if q.dimension in ("percent", "percentage_point", "ratio"):
            return None  # a rate needs its metric in its own sentence
        m = idx.before(q.vstart, pa[0], ok)
        if m:
            return m
        head = self.segs.headline
        if not (head[0] <= q.vstart < head[1]):
            return idx.after(head[0], head[1], ok)
        return None

    def _pick_period(
        self, vs: int, cl, se, pa
    ) -> tuple[Period | None, str | None, tuple[int, int] | None]:
        """(period, its text, its months). Months are known even when the year is not."""
        idx = self.periods
        found = None
        for lo in (cl[0], se[0], pa[0]):
            # a horizon (到2025年) frames its own sentence only
            found = idx.before(vs, lo, None if lo >= se[0] else (lambda m: not m.extra[3]))
            if found:
                break
        if found is None:
            return None, None, None
        year, months, resolved, _ = found.extra
        text = found.value
        span = months or (1, 12)
        if not resolved:
            return None, text, span
        if year is None:
            outer = idx.before(
                found.start, pa[0], lambda m: m.extra[0] is not None or not m.extra[2]
            )
            if outer is not None:
                if not outer.extra[2]:
                    return None, outer.value + text, span
                year = outer.extra[0]
                text = outer.value + text
            elif self.year is not None and months:
                year = self.year
            else:
                return None, text, span
        return Period(year, span[0], span[1]), text, span

    def _modality(self, vs: int, ve: int, cl, se, period: Period | None) -> str:
        voc, v = self.vocab, self.v
        # the number's own clause, then short framing clauses before it (到2025年，/ 按照计划，)
        prefixes = [v[cl[0] : vs]]
        for a, b in self._clauses_between(se[0], cl[0]):
            if b - a <= 12:
                prefixes.append(v[a:b])
        for kind in ("target", "forecast", "plan"):
            for prefix in prefixes:
                for w in voc.modality.get(kind, ()):
                    i = prefix.find(w)
                    if i < 0:
                        continue
                    if w[0] in "到至" and any(c in v[se[0] : vs] for c in "从由"):
                        continue  # 从2020年……到2021年: a span of time, not a goal
                    return kind
        if "目标" in v[ve : min(cl[1], ve + 10)]:
            return "target"
        if period is not None and self.year is not None and period.year > self.year:
            return "forecast"
        return "actual"

    def _clauses_between(self, lo: int, hi: int) -> list[tuple[int, int]]:
        sp = self.segs.clauses
        i = sp.index(lo)
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
            return "multiple"
        lo = max(cl[0], vs - 8)
        if metric_m is not None and lo < metric_m.end <= vs:
            lo = metric_m.end
        window = self.v[lo:vs]
        asp = self.vocab.aspects
        if dim == "percent":
            if any(w in window for w in asp.get("share", ())):
                return "share"
            if any(w in window for w in asp.get("growth", ())):
                return "growth"
            if metric_m is not None and self.vocab.metrics[metric_m.value].kind == "rate":
                return "level"
            return "percent"
        if any(window.endswith(w) or w in window[-4:] for w in asp.get("change", ())):
            return "change"
        return "level"


_NEXT_NUMBER = re.compile(r"[0-9一二三四五六七八九十两]")
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
    left unknown rather than guessed.
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
            if prev.metric is None and out and out[-1] is prev:
                pass
        out.append(c)
    # 分别: a list of figures for a list of items
    for i, c in enumerate(out):
        head = c.sentence[: c.sentence_offset]
        if "分别" in head:
            items = head[: head.rfind("分别")]
            if "、" in items or "和" in items:
                out[i] = replace(c, metric=None, scope=None)
    return out
