"""Rules (domain knowledge as YAML data) -> a validated, compiled Lexicon.

Every rules file is validated on load; an error names the file and line. A user rules
directory overlays the shipped one: lists are extended, mappings are updated.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

RULE_FILES = ("magnitudes", "units", "qualifiers", "numerals")
DIMENSIONS = {
    "currency",
    "area",
    "length",
    "mass",
    "volume",
    "energy",
    "power",
    "temperature",
    "voltage",
    "apparent_power",
    "duration",
    "percent",
    "percentage_point",
    "ratio",
    "count",
    "number",
}


class RulesError(Exception):
    """A rules file is missing or invalid; the message names file and line."""


def shipped_rules_dir() -> Path:
    here = Path(__file__).resolve().parent
    for cand in (here / "rules", here.parent / "rules"):
        if (cand / "units.yaml").is_file():
            return cand
    raise RulesError(f"rules directory not found next to {here}")


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when available
    """SafeLoader that records the source line of every mapping as key '__line__'."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_yaml(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise RulesError(f"{path}: cannot read rules file: {e}") from e
    try:
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise RulesError(f"{where}: invalid YAML: {getattr(e, 'problem', e)}") from e
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise RulesError(f"{path}:1: expected a mapping at the top level")
    return data


def _merge(base: Any, extra: Any) -> Any:
    if isinstance(base, dict) and isinstance(extra, dict):
        out = dict(base)
        for k, v in extra.items():
            out[k] = _merge(base[k], v) if k in base else v
        return out
    if isinstance(base, list) and isinstance(extra, list):
        return base + extra
    return extra


def load_raw(name: str, extra_dirs: tuple[str, ...] = ()) -> tuple[dict[str, Any], str]:
    """Load one rules file (shipped + overlays). Returns (data, display path)."""
    base = shipped_rules_dir() / f"{name}.yaml"
    if not base.is_file():
        raise RulesError(f"{base}: rules file missing")
    data = read_yaml(base)
    shown = str(base)
    for d in extra_dirs:
        p = Path(d) / f"{name}.yaml"
        if p.is_file():
            data = _merge(data, read_yaml(p))
            shown = str(p)
    return data, shown


def _patterns(items: list[Any], where: str) -> tuple[str, ...]:
    """Regular expressions from the rules, each checked so a bad one is a rules error."""
    out = []
    for item in items:
        try:
            re.compile(str(item))
        except re.error as e:
            raise RulesError(f"{where}: bad pattern {str(item)!r}: {e}") from e
        out.append(str(item))
    try:  # they are used as one alternation: no global flags inside (write (?m:...) instead)
        re.compile("|".join(f"(?:{p})" for p in out))
    except re.error as e:
        raise RulesError(f"{where}: patterns cannot be combined: {e}") from e
    return tuple(out)


def dec(value: Any, where: str) -> Decimal:
    try:
        d = Decimal(str(value))
    except (InvalidOperation, ValueError) as e:
        raise RulesError(f"{where}: not a number: {value!r}") from e
    if not d.is_finite():
        raise RulesError(f"{where}: not a finite number: {value!r}")
    return d


def _line(node: Any, path: str) -> str:
    if isinstance(node, dict) and "__line__" in node:
        return f"{path}:{node['__line__']}"
    return path


def _need(node: dict[str, Any], key: str, path: str) -> Any:
    if key not in node:
        raise RulesError(f"{_line(node, path)}: missing key '{key}'")
    return node[key]


@dataclass(frozen=True)
class UnitForm:
    form: str
    unit: str
    dimension: str
    factor: Decimal


@dataclass(frozen=True)
class Qualifier:
    form: str
    kind: str  # lower | upper | approx | exact
    open: bool
    position: str  # pre | post
    after: tuple[str, ...] = ()


@dataclass(frozen=True)
class Lexicon:
    digits: dict[str, int]
    small_units: dict[str, int]
    big_units: dict[str, int]
    points: frozenset[str]
    approx_markers: dict[str, str]
    units: dict[str, UnitForm]
    denominators: dict[str, tuple[str, Decimal]]
    prefixes: dict[str, str]
    magnitude_only: frozenset[str]
    blockers: dict[str, frozenset[str]]
    qualifiers_pre: dict[str, Qualifier]
    qualifiers_post: dict[str, Qualifier]
    post_blockers: dict[str, frozenset[str]]
    approx_band: Decimal
    stopwords: tuple[str, ...]
    ordinal_prefixes: frozenset[str]
    ordinal_blockers: dict[str, frozenset[str]]
    ordinal_followers: dict[str, tuple[str, ...]]
    name_suffixes: tuple[str, ...]
    half_blockers: tuple[str, ...]  # 半 that begins these is a word (12英寸半导体), not a half
    minus_blockers: frozenset[str]  # 负 after these ends a word (减负, 担负): not a minus
    code_labels: tuple[str, ...]  # a number right after these (邮编, 阅读量：) is not a figure
    code_patterns: tuple[str, ...]
    calendar: tuple[dict[str, Any], ...]
    quote_pairs: dict[str, str]
    quote_max_len: int
    quote_keep_dimensions: frozenset[str]
    range_connectors: tuple[str, ...]
    phrases: dict[str, tuple[Decimal, str]] = field(default_factory=dict)
    extra_dirs: tuple[str, ...] = ()
    # each numeral character as a token for the parser: kind, value, exponent
    numeral_tokens: dict[str, tuple[str, Decimal, int]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def __post_init__(self) -> None:
        if self.numeral_tokens:
            return
        table: dict[str, tuple[str, Decimal, int]] = {}
        for c in self.approx_markers:
            table[c] = ("approx", Decimal(0), 0)
        for c in self.points:
            table[c] = ("point", Decimal(0), 0)
        for c, e in self.big_units.items():
            table[c] = ("big", Decimal(0), e)
        for c, e in self.small_units.items():
            table[c] = ("small", Decimal(0), e)
        for c, d in self.digits.items():
            table[c] = ("dig", Decimal(d), 0)
        self.numeral_tokens.update(table)

    compiled: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)


def _build(extra_dirs: tuple[str, ...]) -> Lexicon:
    mag, mp = load_raw("magnitudes", extra_dirs)
    uni, up = load_raw("units", extra_dirs)
    qua, qp = load_raw("qualifiers", extra_dirs)
    num, np_ = load_raw("numerals", extra_dirs)

    def intmap(node: Any, key: str, path: str) -> dict[str, int]:
        m = _need(node, key, path)
        if not isinstance(m, dict):
            raise RulesError(f"{_line(node, path)}: '{key}' must be a mapping")
        out = {}
        for k, v in m.items():
            if k == "__line__":
                continue
            if not isinstance(v, int):
                raise RulesError(f"{_line(m, path)}: '{key}.{k}' must be an integer")
            out[str(k)] = v
        return out

    digits = intmap(mag, "digits", mp)
    small = intmap(mag, "small_units", mp)
    big = intmap(mag, "big_units", mp)
    points = frozenset(str(p) for p in _need(mag, "points", mp))
    approx = {
        str(k): str(v) for k, v in _need(mag, "approx_markers", mp).items() if k != "__line__"
    }

    units: dict[str, UnitForm] = {}
    for entry in _need(uni, "units", up):
        where = _line(entry, up)
        u = str(_need(entry, "unit", up))
        dim = str(_need(entry, "dimension", up))
        if dim not in DIMENSIONS:
            raise RulesError(f"{where}: unknown dimension '{dim}'")
        forms = _need(entry, "forms", up)
        if not isinstance(forms, dict):
            raise RulesError(f"{where}: 'forms' must be a mapping of surface form to factor")
        for form, factor in forms.items():
            if form == "__line__":
                continue
            form = str(form)
            if form in units and units[form].unit != u:
                raise RulesError(
                    f"{where}: form '{form}' already belongs to unit {units[form].unit}"
                )
            units[form] = UnitForm(form, u, dim, dec(factor, f"{where}: form '{form}'"))
    denominators = {}
    for form, spec in (uni.get("denominators") or {}).items():
        if form == "__line__":
            continue
        where = _line(spec, up)
        denominators[str(form)] = (
            str(_need(spec, "unit", up)),
            dec(_need(spec, "factor", up), where),
        )
    prefixes = {str(k): str(v) for k, v in (uni.get("prefixes") or {}).items() if k != "__line__"}
    blockers = {
        str(k): frozenset(str(c) for c in (v or []))
        for k, v in (uni.get("blockers") or {}).items()
        if k != "__line__"
    }
    magnitude_only = frozenset(str(x) for x in uni.get("magnitude_only") or [])

    pre: dict[str, Qualifier] = {}
    post: dict[str, Qualifier] = {}
    for q in _need(qua, "qualifiers", qp):
        where = _line(q, qp)
        kind = str(_need(q, "kind", qp))
        if kind not in {"lower", "upper", "approx", "exact"}:
            raise RulesError(f"{where}: unknown qualifier kind '{kind}'")
        pos = str(_need(q, "position", qp))
        if pos not in {"pre", "post"}:
            raise RulesError(f"{where}: position must be pre or post")
        ql = Qualifier(
            str(_need(q, "form", qp)),
            kind,
            bool(q.get("open", False)),
            pos,
            tuple(str(a) for a in q.get("after", []) or []),
        )
        (pre if pos == "pre" else post)[ql.form] = ql
    post_blockers = {
        str(k): frozenset(str(c) for c in v)
        for k, v in (qua.get("post_blockers") or {}).items()
        if k != "__line__"
    }
    band = dec(qua.get("approx_band", "0.1"), f"{qp}: approx_band")

    calendar = tuple(
        {k: v for k, v in c.items() if k != "__line__"} for c in _need(num, "calendar", np_)
    )
    for c in calendar:
        for key in ("suffix", "min", "max", "kind"):
            if key not in c:
                raise RulesError(f"{np_}: calendar entry {c} lacks '{key}'")
    qpairs = {}
    for pair in _need(num, "quote_pairs", np_):
        if len(pair) != 2:
            raise RulesError(f"{np_}: quote pair {pair!r} must be two characters")
        qpairs[pair[0]] = pair[1]

    return Lexicon(
        digits=digits,
        small_units=small,
        big_units=big,
        points=points,
        approx_markers=approx,
        units=units,
        denominators=denominators,
        prefixes=prefixes,
        magnitude_only=magnitude_only,
        blockers=blockers,
        qualifiers_pre=pre,
        qualifiers_post=post,
        post_blockers=post_blockers,
        approx_band=band,
        stopwords=tuple(str(s) for s in _need(num, "stopwords", np_)),
        ordinal_prefixes=frozenset(str(s) for s in _need(num, "ordinal_prefixes", np_)),
        ordinal_blockers={
            str(k): frozenset(str(c) for c in (v or []))
            for k, v in (num.get("ordinal_blockers") or {}).items()
            if k != "__line__"
        },
        ordinal_followers={
            str(k): tuple(str(c) for c in (v or []))
            for k, v in (num.get("ordinal_followers") or {}).items()
            if k != "__line__"
        },
        name_suffixes=tuple(str(s) for s in _need(num, "name_suffixes", np_)),
        half_blockers=tuple(str(s) for s in num.get("half_blockers") or ()),
        minus_blockers=frozenset(str(s) for s in num.get("minus_blockers") or ()),
        code_labels=tuple(str(s) for s in num.get("code_labels") or ()),
        code_patterns=_patterns(num.get("code_patterns") or [], f"{np_}: code_patterns"),
        calendar=calendar,
        quote_pairs=qpairs,
        quote_max_len=int(num.get("quote_max_len", 12)),
        quote_keep_dimensions=frozenset(num.get("quote_keep_dimensions") or []),
        range_connectors=tuple(str(s) for s in _need(num, "range_connectors", np_)),
        phrases=_phrases(num, np_, units),
        extra_dirs=extra_dirs,
    )


def _phrases(
    num: dict[str, Any], path: str, units: dict[str, UnitForm]
) -> dict[str, tuple[Decimal, str]]:
    out = {}
    for phrase, spec in (num.get("phrases") or {}).items():
        if phrase == "__line__":
            continue
        where = _line(spec, path)
        form = str(spec.get("form", "") or "")
        if form and form not in units:
            raise RulesError(f"{where}: phrase '{phrase}' uses unknown unit form '{form}'")
        out[str(phrase)] = (dec(_need(spec, "value", path), where), form)
    return out


@functools.lru_cache(maxsize=8)
def load_lexicon(extra_dirs: tuple[str, ...] = ()) -> Lexicon:
    """Load and validate the rules. Cached per rules-directory tuple (rules are immutable)."""
    return _build(tuple(extra_dirs))
