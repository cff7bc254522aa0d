"""Segment a document's view into paragraphs, sentences and clauses (view offsets)."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

_SENT_END = re.compile(r"[。！？!?…]+|\n+")
_CLAUSE_END = re.compile(
    r"[，：:；;]|(?<!\d),|,(?!\d)|(?<=[\u4e00-\u9fff])[ \u3000\xa0]+(?=[\u4e00-\u9fff])"
)
_PARA_END = re.compile(r"\n+")
# a clause ends where a sentence or a clause ends (one scan instead of one per sentence)
_ANY_END = re.compile(f"{_SENT_END.pattern}|{_CLAUSE_END.pattern}")

# the number that opens a numbered section heading: 四、 / （二） / 3.
SECTION_NUMBER = (
    r"(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[.、．])"
)


def _spans(
    text: str, pattern: re.Pattern[str], lo: int = 0, hi: int | None = None
) -> list[tuple[int, int]]:
    hi = len(text) if hi is None else hi
    out = []
    start = lo
    for m in pattern.finditer(text, lo, hi):
        if m.start() > start:
            out.append((start, m.start()))
        start = m.end()
    if start < hi:
        out.append((start, hi))
    return out


@dataclass(frozen=True)
class Spans:
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    @classmethod
    def of(cls, spans: list[tuple[int, int]]) -> Spans:
        return cls(tuple(a for a, _ in spans), tuple(b for _, b in spans))

    def find(self, pos: int) -> tuple[int, int]:
        """The span containing pos (or the nearest one before it)."""
        i = bisect_right(self.starts, pos) - 1
        if i < 0:
            return (0, self.starts[0] if self.starts else 0)
        return self.starts[i], self.ends[i]

    def index(self, pos: int) -> int:
        return max(bisect_right(self.starts, pos) - 1, 0)


@dataclass(frozen=True)
class Segments:
    paragraphs: Spans
    sentences: Spans
    clauses: Spans
    headline: tuple[int, int]


MAX_SENTENCE = 600  # real sentences are shorter; longer runs are cut so framing stays linear
MAX_CLAUSE = 200


def _bounded(spans: list[tuple[int, int]], limit: int) -> list[tuple[int, int]]:
    out = []
    for a, b in spans:
        while b - a > limit:
            out.append((a, a + limit))
            a += limit
        out.append((a, b))
    return out


def segment(view: str, headline_end: int) -> Segments:
    paragraphs = _spans(view, _PARA_END)
    sentences = _bounded(_spans(view, _SENT_END), MAX_SENTENCE)
    clauses = _bounded(_spans(view, _ANY_END), MAX_CLAUSE)
    head_start = paragraphs[0][0] if paragraphs else 0
    return Segments(
        Spans.of(paragraphs), Spans.of(sentences), Spans.of(clauses), (head_start, headline_end)
    )


@dataclass(frozen=True)
class Cell:
    """Where a view offset sits in a table (rows are lines, cells a tab apart)."""

    column: int  # index into row and header (HTML rows begin with a tab: their cell 0 is "")
    row: tuple[str, ...]  # the cells of its row
    header: tuple[str, ...]  # the cells of the table's first row

    @property
    def label(self) -> int:
        """The index of the cell that names the row (its first non-empty one)."""
        return 1 if self.row and not self.row[0].strip() else 0


_MAX_ROW = 10_000  # a longer line is not a table row (and is never scanned whole per figure)


def table_cell(view: str, pos: int, max_rows: int = 200) -> Cell | None:
    """The table cell at pos, with its row and the table's header row; None outside a table or
    in the header row itself. Blank lines between rows are allowed."""
    lo = max(0, pos - _MAX_ROW)
    a = view.rfind("\n", lo, pos) + 1
    if a == 0 and lo > 0:
        return None
    col = view.count("\t", a, pos)
    if col == 0:
        return None
    e = view.find("\n", pos, pos + _MAX_ROW)
    if e < 0 and pos + _MAX_ROW < len(view):
        return None
    line = view[a : e if e >= 0 else len(view)]
    header = None
    b = a - 1
    for _ in range(max_rows):
        if b <= 0:
            break
        lo = view.rfind("\n", max(0, b - _MAX_ROW), b) + 1
        if lo == 0 and b > _MAX_ROW:
            break
        above = view[lo:b]
        if "\t" in above:
            header = above
        elif above.strip():
            break
        b = lo - 1
    if header is None:
        return None
    return Cell(col, tuple(line.split("\t")), tuple(header.split("\t")))
