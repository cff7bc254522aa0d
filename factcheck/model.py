"""Domain types. Frozen dataclasses; numbers are Decimal."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class OffsetMap:
    """Piecewise-linear map from analysis-view offsets to source offsets.

    Segment i covers view offsets [vstarts[i], vstarts[i+1]) and maps v to
    sstarts[i] + (v - vstarts[i]).
    """

    vstarts: tuple[int, ...]
    sstarts: tuple[int, ...]
    # segments whose one view character stands for several source characters (an HTML entity):
    # view start -> source length
    wide: dict[int, int] = field(default_factory=dict)

    def to_source(self, v: int) -> int:
        i = bisect_right(self.vstarts, v) - 1
        if i < 0:
            return v
        return self.sstarts[i] + (v - self.vstarts[i])

    def span(self, vstart: int, vend: int) -> tuple[int, int]:
        """Source span [start, end) of the view span [vstart, vend)."""
        vstarts, sstarts = self.vstarts, self.sstarts
        i = bisect_right(vstarts, vstart) - 1
        s = vstart if i < 0 else sstarts[i] + (vstart - vstarts[i])
        if vend <= vstart:
            return s, s
        last = vend - 1
        if i + 1 < len(vstarts) and vstarts[i + 1] <= last:
            i = bisect_right(vstarts, last, i + 1) - 1  # the span crosses a segment
        if i < 0:
            return s, vend
        if vstarts[i] == last and last in self.wide:
            return s, sstarts[i] + self.wide[last]
        return s, sstarts[i] + (last - vstarts[i]) + 1


@dataclass(frozen=True)
class Document:
    path: str
    text: str  # decoded source text; every reported offset points here
    view: str  # analysis text: markup removed, widths normalised, PDF gaps closed
    vmap: OffsetMap
    title: str | None = None
    date: str | None = None  # ISO yyyy-mm-dd
    encoding: str = "utf-8"
    kind: str = "txt"  # txt | md | html
    sha256: str = ""
    headline_end: int = 0  # view offset where the headline (first line) ends
    line_starts: tuple[int, ...] = field(default=(0,), repr=False)

    def line_col(self, offset: int) -> tuple[int, int]:
        i = bisect_right(self.line_starts, offset) - 1
        return i + 1, offset - self.line_starts[i] + 1


@dataclass(frozen=True)
class Quantity:
    """A normalised quantity found in a document."""

    start: int  # source offsets, [start, end)
    end: int
    vstart: int  # view offsets
    vend: int
    text: str
    value: Decimal
    low: Decimal | None
    high: Decimal | None
    unit: str
    dimension: str
    qualifier: str | None = None
    bound: str = "exact"  # exact | rounded | lower | upper | approx | range
    low_open: bool = False
    high_open: bool = False
    derivation: tuple[str, ...] = ()
    half: Decimal = Decimal(0)  # half-width of the stated precision, before any qualifier
    form: str = ""  # the unit as written (亩, 千瓦, 元), "" for a bare number
    factor: Decimal = Decimal(1)  # one `form` in the base unit (亩 → 666.67 m2)

    @classmethod
    def fast(cls, **fields: object) -> Quantity:
        """Build a Quantity without the per-field frozen __setattr__ of the generated __init__
        (the extractor builds tens of thousands per second). All fields must be given."""
        q = object.__new__(cls)
        q.__dict__.update(fields)
        return q


@dataclass(frozen=True)
class Period:
    """A calendar year or a span of its months."""

    year: int
    first_month: int = 1
    last_month: int = 12
    label: str = ""  # a season or holiday of the year (国庆假期, 冰雪季): not a span of months

    @property
    def key(self) -> str:
        if self.label:
            return f"{self.year}-{self.label}"
        if (self.first_month, self.last_month) == (1, 12):
            return str(self.year)
        if self.first_month == self.last_month:
            return f"{self.year}-{self.first_month:02d}"
        return f"{self.year}-{self.first_month:02d}~{self.last_month:02d}"


@dataclass(frozen=True)
class Claim:
    """A quantity with what it is a claim about."""

    path: str
    quantity: Quantity
    line: int
    column: int
    sentence: str  # the sentence in the view, for reports
    sentence_offset: int  # where the quantity starts inside `sentence`
    entity: str | None = None
    metric: str | None = None
    aspect: str = "level"  # level | growth | share | change | pp | multiple | percent
    scope: str | None = None  # 规模以上 | 全口径 | 限额以上 | None (unstated)
    period: Period | None = None
    period_text: str | None = None
    modality: str = "actual"  # actual | target | forecast | plan
    first_time: bool = False
    part_of: bool = False
    in_headline: bool = False
    noun: str | None = None  # for counts: the counted noun phrase (战略性新兴产业集群)
    months: tuple[int, int] | None = None  # months of the period, known even without its year
    period_from: str | None = (
        None  # where the period was read: sentence, paragraph, document, title
    )
    metric_base: str | None = None  # the canonical metric without its qualifier (进出口总额)

    @property
    def period_key(self) -> str | None:
        return self.period.key if self.period else None


@dataclass(frozen=True)
class Finding:
    rule: str
    name: str
    severity: str  # error | warning | info
    message: str
    claims: tuple[Claim, ...]


@dataclass(frozen=True)
class InputError:
    path: str
    reason: str
