"""Property tests for the numeral parser and the extractor (hypothesis).

(a) every integer cn2an can write (0 .. 10**16 - 1, cn2an's limit of 16 digits), in lower-case
    and 大写 forms, and decimals, parse back to exactly the same value;
(b) Arabic numbers with thousands separators parse back exactly;
(c) extract() never raises on arbitrary text, and every quantity's text is source[start:end].
"""

from __future__ import annotations

import warnings
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.extract import extract
from factcheck.lexicon import load_lexicon
from factcheck.load import parse_document
from factcheck.numerals import parse

cn2an = pytest.importorskip("cn2an")

LEX = load_lexicon()
MAX_CN2AN = 10**16 - 1  # cn2an.an2cn writes at most 16 integer digits
SETTINGS = settings(max_examples=200, deadline=None)

# integers spread over all magnitudes, not only the large ones a uniform draw would give
integers = st.integers(min_value=0, max_value=16).flatmap(
    lambda k: st.integers(min_value=0, max_value=10**k - 1 if k else 0)
) | st.sampled_from([0, 10, 15, 105, 1005, 10010, 100000001, 10**15, MAX_CN2AN])


def an2cn(value: object, mode: str = "low") -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return cn2an.an2cn(value, mode)


@SETTINGS
@given(integers)
def test_chinese_integer_round_trip(n: int) -> None:
    for mode in ("low", "up"):
        text = an2cn(n, mode)
        p = parse(text, LEX)
        assert p is not None, f"{n} → {text!r} did not parse"
        assert p.value == n, f"{n} → {text!r} → {p.value}"


@SETTINGS
@given(
    st.integers(min_value=0, max_value=10**12),
    st.integers(min_value=1, max_value=4),
    st.integers(min_value=0, max_value=9999),
)
def test_chinese_decimal_round_trip(whole: int, places: int, frac: int) -> None:
    digits = str(frac % 10**places).zfill(places)
    s = f"{whole}.{digits}"
    for mode in ("low", "up"):
        text = an2cn(s, mode)
        p = parse(text, LEX)
        assert p is not None, f"{s} → {text!r} did not parse"
        assert p.value == Decimal(s), f"{s} → {text!r} → {p.value}"


@SETTINGS
@given(st.integers(min_value=0, max_value=10**18), st.integers(min_value=0, max_value=3))
def test_thousands_separators_round_trip(n: int, places: int) -> None:
    d = Decimal(n).scaleb(-places)
    text = f"{d:,.{places}f}"
    p = parse(text, LEX)
    assert p is not None, f"{text!r} did not parse"
    assert p.value == d, f"{text!r} → {p.value}"


FRAGMENTS = [
    # numerals
    "0", "1", "2", "5", "9", "10", "12.5", "1.5", "2022", "10,373", "3,000,000", ".5",
    "１２３４．５", "２０", "，", ",", ".", "一", "二", "两", "三", "十", "百", "千", "万", "亿",
    "零", "〇", "点", "几", "多", "余", "壹", "贰", "拾", "佰", "仟", "萬", "億", "兆",
    # units and calendar words
    "元", "亿元", "万元", "美元", "个", "家", "人", "吨", "平方米", "公里", "千瓦", "度", "%", "％",
    "‰", "成", "折", "倍", "番", "个百分点", "基点", "年", "月", "日", "季度", "岁", "分之", "又",
    # qualifiers, connectors, signs
    "超过", "超", "近", "约", "逾", "突破", "以上", "以下", "左右", "上下", "不到", "翻",
    "~", "～", "—", "-", "至", "到", "/", "+", "−", "负", "第", "期", "号线", "强",
    # noise: whitespace, quotes, markup, URLs
    " ", "  ", "\n", "\n\n", "\t", "\u3000", "“", "”", "\"", "《", "》", "<p>", "</p>", "<b>",
    "</b>", "<br/>", "<a href=\"http://x.cn/2022/5.html\">", "</a>", "&nbsp;", "&amp;",
    "http://www.example.com/12/34.html", "G", "PM", "T", "ab", "，", "。", "、", "；",
    "同比增长", "全年", "企业", "的",
]  # fmt: skip

texts = st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join) | st.text(max_size=60)


@SETTINGS
@given(texts, st.sampled_from(["t.txt", "t.md", "t.html"]))
def test_extract_spans_match_source(text: str, path: str) -> None:
    doc = parse_document(path, text)
    for q in extract(doc):
        assert 0 <= q.start <= q.end <= len(doc.text)
        assert q.text == doc.text[q.start : q.end]
        if q.low is not None and q.high is not None:
            assert q.low <= q.high


# (d) the plain-shape parser (ASCII digits, thousands groups, decimals, one or two magnitudes)
# gives exactly what the general token parser gives, for every run it accepts or declines
_plain_runs = st.builds(
    lambda whole, grouped, frac, mags: (
        (f"{whole:,}" if grouped else str(whole)) + (f".{frac}" if frac else "") + mags
    ),
    st.integers(min_value=0, max_value=10**16),
    st.booleans(),
    st.one_of(st.none(), st.from_regex(r"[0-9]{1,14}", fullmatch=True)),
    st.sampled_from(
        ["", "万", "亿", "兆", "萬", "万亿", "亿万", "万万", "千", "千万", "多", "万多"]
    ),
)


@settings(max_examples=500, deadline=None)
@given(_plain_runs)
def test_plain_parser_agrees_with_token_parser(run: str) -> None:
    from factcheck.numerals import parse_tokens

    fast, slow = parse(run, LEX), parse_tokens(run, LEX)
    assert fast == slow, run
    if fast is not None:
        assert str(fast.value) == str(slow.value), run


# (e) the Chinese-integer parser (digits and magnitudes only) agrees with the token parser on
# every run, well-formed (cn2an's) or not (any string of numeral characters)
_cn_chars = st.sampled_from(list("零〇一二两三四五六七八九十百千万亿兆壹贰拾佰仟萬億点多几"))


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.lists(_cn_chars, min_size=1, max_size=10).map("".join), integers.map(an2cn)))
def test_chinese_parser_agrees_with_token_parser(run: str) -> None:
    from factcheck.numerals import parse_tokens

    fast, slow = parse(run, LEX), parse_tokens(run, LEX)
    assert fast == slow, run
    if fast is not None:
        assert str(fast.value) == str(slow.value), run
