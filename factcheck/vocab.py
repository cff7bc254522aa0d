"""Vocabulary for claim frames: places, metrics, periods, scopes, modality cues.

Loaded from rules/entities.yaml, rules/metrics.yaml and rules/periods.yaml (plus user
overlays), validated with file:line errors, and compiled into trie regexes so that one C-level
scan of a document finds every mention.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .lexicon import RulesError, _line, _need, load_raw
from .trie import WordScanner, trie_regex, word_scanner

ENTITY_KINDS = {"country", "province", "city", "district", "county", "region", "town", "facility"}
METRIC_KINDS = {"level", "count", "rate", "index"}


@dataclass(frozen=True)
class Entity:
    name: str
    kind: str
    parent: str | None


@dataclass(frozen=True)
class Metric:
    name: str
    id: str
    kind: str
    dimension: str
    parts: tuple[str, ...]
    real_growth: bool = False  # growth is published at constant prices (GDP, value added)
    # metrics that are parts of this one without exhausting it (风电装机 of 新能源装机)
    components: tuple[str, ...] = ()


@dataclass(frozen=True)
class Vocab:
    entities: dict[str, Entity]  # canonical name -> entity
    entity_forms: dict[str, str]  # surface form -> canonical name
    entity_re: WordScanner | None
    anaphora: dict[str, str]  # 全市 -> city
    anaphora_re: re.Pattern[str] | None
    comparison: tuple[str, ...]
    metrics: dict[str, Metric]
    metric_forms: dict[str, str]
    metric_re: WordScanner | None
    scopes: dict[str, str]
    scope_max: int
    relative_years: dict[str, int]
    anaphoric_years: frozenset[str]  # 上年: relative to the year just named, not the date
    subperiods: dict[str, tuple[int, int]]
    seasons: frozenset[str]  # 国庆假期, 冰雪季: parts of a year that are not spans of months
    season_months: dict[
        str, int
    ]  # 春节 -> 2: the month a holiday falls in (its year from the date)
    period_re: re.Pattern[str]
    modality: dict[str, tuple[str, ...]]
    modality_re: re.Pattern[str] | None
    modality_of: dict[str, str]  # cue word -> target | forecast | plan
    aspects: dict[str, tuple[str, ...]]
    first_time: tuple[str, ...]
    results_words: tuple[str, ...]  # a heading with these reports results (目标任务完成情况)
    size_class_nouns: tuple[str, ...]  # 50亿元以上项目: an amount naming a size class
    generic_after_of: tuple[str, ...]  # 增长6%的目标: nouns after 的 that name no metric
    part_of: tuple[str, ...]
    neutral_before: tuple[str, ...]  # words after which a metric is the whole (全市, 2022年的)
    neutral_set: frozenset[str]
    neutral_lens: tuple[int, ...]
    neutral_not: frozenset[str]  # 市场, 县域: words that begin with a neutral character
    comparison_set: frozenset[str]
    comparison_lens: tuple[int, ...]
    function_re: re.Pattern[str] | None
    org_re: re.Pattern[str] | None  # after a place name: an organisation (海关, 港)
    straddle_re: re.Pattern[str] | None  # a word across a place name's start (其中|国家级)
    town_re: re.Pattern[str] | None  # 长安镇, 五山街道: towns are found by their suffix
    town_not_names: frozenset[str]  # 示范镇: a kind of town, not a name
    facilities_after: frozenset[str]  # 厦门港: a place and this word name a facility
    aggregate_re: re.Pattern[str] | None = None  # 百强县, 城市群: a group of places
    title_re: re.Pattern[str] | None = None  # 中国鞋都: a place in an honorific title
    country_title_re: re.Pattern[str] | None = None  # 中国轻纺城: a name after the country
    # counted nouns that are not metrics (新兴产业): a count's noun when no count metric follows
    count_noun_re: WordScanner | None = None
    modifier_wide: tuple[str, ...] = ()
    skip_words: tuple[str, ...] = ()
    narrowing_prefixes: tuple[str, ...] = ()
    narrowing_endings: tuple[str, ...] = ()
    company_words: tuple[str, ...] = ()
    company_collectives: tuple[str, ...] = ()  # 上市公司: companies as a group, not one company
    company_metrics: frozenset[str] = frozenset()
    compound_names: tuple[str, ...] = ()
    overlapping: tuple[str, ...] = ()
    decrease: tuple[str, ...] = ()


def _period_regex(relative: dict[str, int], subperiods: list[str]) -> re.Pattern[str]:
    """Period expressions: 2022年, 今年前三季度, 1—4月, 2023年1月~10月, 到2025年.

    Named groups: year | rel, then sub | m1,m2 | m (or sub_, m1_, m2_, m_ without a year), to.
    """
    # a year, not the year of a full date (2024年3月1日 is when, not what period)
    year = r"(?P<year>(?:19|20)\d{2}|[〇零一二三四五六七八九]{4})\s*年(?:度)?(?!\s*\d{1,2}\s*月\s*\d{1,2}\s*[日号])"
    rel = "(?P<rel>" + "|".join(map(re.escape, sorted(relative, key=len, reverse=True))) + ")"
    subs = "|".join(map(re.escape, sorted(subperiods, key=len, reverse=True)))

    def months(sfx: str) -> str:
        return (
            rf"(?P<m1{sfx}>1[0-2]|0?[1-9])\s*(?:月份?)?\s*[—–\-~～至到]\s*(?P<m2{sfx}>1[0-2]|0?[1-9])\s*月(?:份)?"
            rf"|(?P<m{sfx}>1[0-2]|0?[1-9])\s*月(?:份)?(?!\s*\d{{1,2}}\s*[日号])"
        )

    with_year = rf"(?:{year}|{rel})\s*(?:(?P<sub>{subs})|{months('')})?"
    without = rf"(?P<sub_>{subs})|{months('_')}"
    return re.compile(
        rf"(?:(?P<to>(?<![截止])(?:到|至))\s*)?(?:{with_year}|{without})(?!\s*\d{{1,2}}\s*[日号])"
    )


def _title_re(words: list[str], least: int = 0) -> re.Pattern[str] | None:
    """Up to four Han characters and a title word: 鞋都, 蔬菜之乡 (after 中国)."""
    if not words:
        return None
    alt = "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
    return re.compile(rf"[\u4e00-\u9fff]{{{least},4}}?(?:{alt})")


def _town_re(towns: dict) -> re.Pattern[str] | None:
    """Two Han characters (none of them a not_in_name one) and a town suffix: 长安镇."""
    suffixes = [str(x) for x in towns.get("suffixes") or []]
    if not suffixes:
        return None
    bad = "".join(re.escape(str(x)) for x in towns.get("not_in_name") or [])
    char = rf"(?:(?![{bad}])[\u4e00-\u9fff])" if bad else r"[\u4e00-\u9fff]"
    return re.compile(rf"{char}{{2}}(?:{'|'.join(map(re.escape, suffixes))})")


@functools.lru_cache(maxsize=8)
def load_vocab(extra_dirs: tuple[str, ...] = ()) -> Vocab:
    ent, ep = load_raw("entities", extra_dirs)
    cty, cp = load_raw("counties", extra_dirs)  # the county-level gazetteer, same schema
    entities: dict[str, Entity] = {}
    forms: dict[str, str] = {}
    for node, path in ((ent, ep), (cty, cp)):
        for e in _need(node, "entities", path):
            name = str(_need(e, "name", path))
            kind = str(_need(e, "kind", path))
            if kind not in ENTITY_KINDS:
                raise RulesError(f"{_line(e, path)}: unknown entity kind '{kind}'")
            parent = e.get("parent")
            entities[name] = Entity(name, kind, str(parent) if parent else None)
            forms.setdefault(name, name)
            for a in e.get("aliases") or []:
                forms.setdefault(str(a), name)
    for name, e in entities.items():
        if e.parent and e.parent not in entities:
            raise RulesError(f"{ep}: entity '{name}' has unknown parent '{e.parent}'")

    met, mp = load_raw("metrics", extra_dirs)
    metrics: dict[str, Metric] = {}
    mforms: dict[str, str] = {}
    for m in _need(met, "metrics", mp):
        name = str(_need(m, "name", mp))
        kind = str(_need(m, "kind", mp))
        if kind not in METRIC_KINDS:
            raise RulesError(f"{_line(m, mp)}: unknown metric kind '{kind}'")
        metrics[name] = Metric(
            name,
            str(_need(m, "id", mp)),
            kind,
            str(_need(m, "dimension", mp)),
            tuple(str(p) for p in m.get("parts") or []),
            str(m.get("growth", "")) == "real",
            tuple(str(p) for p in m.get("components") or []),
        )
        for s in [name, *(m.get("synonyms") or [])]:
            s = str(s)
            if s in mforms and mforms[s] != name:
                raise RulesError(
                    f"{_line(m, mp)}: synonym '{s}' already belongs to metric '{mforms[s]}'"
                )
            mforms[s] = name
    for m in metrics.values():
        for p in (*m.parts, *m.components):
            if p not in metrics:
                raise RulesError(f"{mp}: metric '{m.name}' has unknown part '{p}'")

    per, pp = load_raw("periods", extra_dirs)
    rel = {str(k): int(v) for k, v in _need(per, "relative_years", pp).items() if k != "__line__"}
    subs: dict[str, tuple[int, int]] = {}
    for k, v in _need(per, "subperiods", pp).items():
        if k == "__line__":
            continue
        if not (isinstance(v, list) and len(v) == 2 and 1 <= v[0] <= v[1] <= 12):
            raise RulesError(f"{pp}: subperiod '{k}' must be [first month, last month]")
        subs[str(k)] = (int(v[0]), int(v[1]))
    seasons = frozenset(str(x) for x in per.get("seasons") or ())
    scopes = {str(k): str(v) for k, v in _need(per, "scopes", pp).items() if k != "__line__"}
    anaphora = {str(k): str(v) for k, v in (per.get("anaphora") or {}).items() if k != "__line__"}

    def words(key: str) -> dict[str, tuple[str, ...]]:
        node = _need(per, key, pp)
        return {str(k): tuple(str(x) for x in v) for k, v in node.items() if k != "__line__"}

    return Vocab(
        entities=entities,
        entity_forms=forms,
        entity_re=word_scanner(list(forms)),
        anaphora=anaphora,
        anaphora_re=trie_regex(list(anaphora)),
        comparison=tuple(str(x) for x in per.get("comparison") or []),
        metrics=metrics,
        metric_forms=mforms,
        metric_re=word_scanner(list(mforms)),
        count_noun_re=word_scanner([str(x) for x in met.get("count_nouns") or []]),
        scopes=scopes,
        scope_max=max((len(s) for s in scopes), default=0),
        relative_years=rel,
        anaphoric_years=frozenset(str(x) for x in per.get("anaphoric_years") or ()),
        subperiods=subs,
        seasons=seasons,
        season_months={
            str(k): int(v) for k, v in (per.get("season_months") or {}).items() if k != "__line__"
        },
        period_re=_period_regex(rel, [*subs, *seasons]),
        modality=words("modality"),
        modality_re=trie_regex([w for ws in words("modality").values() for w in ws]),
        modality_of={w: k for k, ws in reversed(list(words("modality").items())) for w in ws},
        aspects=words("aspects"),
        first_time=tuple(str(x) for x in _need(per, "first_time", pp)),
        results_words=tuple(str(x) for x in per.get("results_words") or ()),
        size_class_nouns=tuple(str(x) for x in per.get("size_class_nouns") or ()),
        generic_after_of=tuple(str(x) for x in per.get("generic_after_of") or ()),
        part_of=tuple(str(x) for x in _need(per, "part_of", pp)),
        neutral_before=tuple(str(x) for x in per.get("neutral_before") or []),
        neutral_set=frozenset(str(x) for x in per.get("neutral_before") or []),
        neutral_lens=tuple(sorted({len(str(x)) for x in per.get("neutral_before") or []})),
        neutral_not=frozenset(str(x) for x in per.get("neutral_words_not") or []),
        comparison_set=frozenset(str(x) for x in per.get("comparison") or []),
        comparison_lens=tuple(sorted({len(str(x)) for x in per.get("comparison") or []})),
        function_re=trie_regex([str(x) for x in per.get("function_words") or []]),
        org_re=trie_regex([str(x) for x in ent.get("organisations_after") or []]),
        straddle_re=trie_regex([str(x) for x in ent.get("straddling_words") or []]),
        town_re=_town_re(ent.get("towns") or {}),
        town_not_names=frozenset(str(x) for x in (ent.get("towns") or {}).get("not_names") or []),
        facilities_after=frozenset(str(x) for x in ent.get("facilities_after") or []),
        aggregate_re=trie_regex([str(x) for x in ent.get("aggregates") or []]),
        title_re=_title_re([str(x) for x in ent.get("titles_after") or []]),
        country_title_re=_title_re([str(x) for x in ent.get("country_titles_after") or []], 2),
        modifier_wide=tuple(str(x) for x in per.get("modifier_wide") or []),
        narrowing_prefixes=tuple(
            str(x) for x in (per.get("narrowing") or {}).get("prefixes") or []
        ),
        narrowing_endings=tuple(str(x) for x in (per.get("narrowing") or {}).get("endings") or []),
        skip_words=tuple(
            sorted((str(x) for x in per.get("skip_words") or []), key=len, reverse=True)
        ),
        company_words=tuple(str(x) for x in per.get("company_words") or []),
        company_collectives=tuple(str(x) for x in per.get("company_collectives") or []),
        company_metrics=frozenset(str(x) for x in per.get("company_metrics") or []),
        compound_names=tuple(
            sorted((str(x) for x in per.get("compound_names") or []), key=len, reverse=True)
        ),
        overlapping=tuple(str(x) for x in met.get("overlapping_categories") or []),
        decrease=tuple(str(x) for x in per.get("decrease") or []),
    )


def join_modifier(mod: str, canon: str) -> str:
    """The name of a narrower metric: 集成电路产业 + 产业规模 → 集成电路产业规模 (no doubled
    words)."""
    for k in range(min(len(mod), len(canon)), 0, -1):
        if mod.endswith(canon[:k]):
            return mod + canon[k:]
    return mod + canon
