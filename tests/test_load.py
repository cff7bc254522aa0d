"""Loader tests: every encoding, HTML, Markdown front matter, PDF-extraction noise, folders,
stdin and unreadable inputs — through the Python API and through the CLI.

Every quantity is checked against the decoded source: ``text[start:end] == quantity text`` and
``line``/``column`` are recomputed here from the text, independently of Document.line_col.
"""

from __future__ import annotations

import codecs
import json
import os
import random
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import run_cli

from factcheck.extract import extract, format_decimal
from factcheck.load import (
    LoadError,
    Source,
    decode_bytes,
    expand,
    load_bytes,
    load_source,
    parse_document,
)
from factcheck.model import Document, InputError
from factcheck.pipeline import load_documents

# ---------------------------------------------------------------- helpers


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _rows(doc: Document) -> list[tuple[str, str, str]]:
    """(text, value, unit) of every quantity, after checking its offsets against doc.text."""
    out = []
    for q in extract(doc):
        assert doc.text[q.start : q.end] == q.text, (q.start, q.end, q.text)
        assert doc.line_col(q.start) == _line_col(doc.text, q.start), q.text
        out.append((q.text, format_decimal(q.value), q.unit))
    return out


def _jsonl(*args: str, input: bytes | None = None):
    r = run_cli("extract", *args, "--format", "jsonl", input=input)
    rows = [json.loads(line) for line in r.stdout.decode("utf-8").splitlines()]
    return r, rows


def _check_cli_rows(rows: list[dict], sources: dict[str, str]) -> None:
    """Each row's offsets and line/column point into the decoded text of its file."""
    for row in rows:
        text = sources[row["path"]]
        assert text[row["start"] : row["end"]] == row["text"], row
        assert (row["line"], row["column"]) == _line_col(text, row["start"]), row


def _err_lines(r) -> list[str]:
    return r.stderr.decode("utf-8").splitlines()


# ---------------------------------------------------------------- encodings

SIMPLIFIED = (
    "深圳工业经济运行情况\n"
    "全市规模以上工业增加值突破1.1万亿元，同比增长4.8%。\n"
    "全市共有近80家企业入驻，新增用地三百平方公里。\n"
)
TRADITIONAL = (
    "深圳工業經濟運行情況\n"
    "全市規模以上工業增加值突破1.1萬億元，同比增長4.8%。\n"
    "全市共有近80家企業入駐，新增用地三百平方公里。\n"
)
SIMPLIFIED_ROWS = [
    ("突破1.1万亿元", "1100000000000", "CNY"),
    ("4.8%", "4.8", "%"),
    ("近80家", "80", "count"),
    ("三百平方公里", "300000000", "m2"),
]
TRADITIONAL_ROWS = [(t.replace("万亿", "萬億"), v, u) for t, v, u in SIMPLIFIED_ROWS]
POSITIONS = [(2, 12), (2, 25), (3, 5), (3, 18)]

# (id, source text, bytes on disk, encodings decode_bytes may report)
ENCODED = [
    ("utf-8", SIMPLIFIED, SIMPLIFIED.encode("utf-8"), {"utf-8"}),
    ("utf-8-bom", SIMPLIFIED, codecs.BOM_UTF8 + SIMPLIFIED.encode("utf-8"), {"utf-8-sig"}),
    ("gb18030", SIMPLIFIED, SIMPLIFIED.encode("gb18030"), {"gb18030"}),
    ("gbk", SIMPLIFIED, SIMPLIFIED.encode("gbk"), {"gb18030", "gbk"}),
    (
        "gbk-crlf",
        SIMPLIFIED.replace("\n", "\r\n"),
        SIMPLIFIED.replace("\n", "\r\n").encode("gbk"),
        {"gb18030", "gbk"},
    ),
    ("utf-16-le-bom", SIMPLIFIED, codecs.BOM_UTF16_LE + SIMPLIFIED.encode("utf-16-le"), {"utf-16"}),
    ("utf-16-be-bom", SIMPLIFIED, codecs.BOM_UTF16_BE + SIMPLIFIED.encode("utf-16-be"), {"utf-16"}),
    ("utf-16-le", SIMPLIFIED, SIMPLIFIED.encode("utf-16-le"), {"utf-16"}),
    ("utf-16-be", SIMPLIFIED, SIMPLIFIED.encode("utf-16-be"), {"utf-16"}),
    ("big5", TRADITIONAL, TRADITIONAL.encode("big5"), {"big5"}),
]
ENCODED_IDS = [e[0] for e in ENCODED]


def _expected_rows(source: str):
    return TRADITIONAL_ROWS if source == TRADITIONAL else SIMPLIFIED_ROWS


@pytest.mark.parametrize(("name", "source", "data", "encodings"), ENCODED, ids=ENCODED_IDS)
def test_encoding_api(name: str, source: str, data: bytes, encodings: set[str]) -> None:
    doc = load_bytes(f"{name}.txt", data)
    assert doc.text == source  # BOM stripped, CRLF kept: offsets index this text
    assert doc.encoding in encodings
    assert _rows(doc) == _expected_rows(source)
    assert [doc.line_col(q.start) for q in extract(doc)] == POSITIONS


@pytest.mark.parametrize(("name", "source", "data", "encodings"), ENCODED, ids=ENCODED_IDS)
def test_encoding_cli(tmp_path: Path, name: str, source: str, data: bytes, encodings) -> None:
    f = tmp_path / f"{name}.txt"
    f.write_bytes(data)
    r, rows = _jsonl(str(f))
    assert r.returncode == 0, r.stderr.decode()
    assert r.stderr == b""
    assert [(x["text"], x["value"], x["unit"]) for x in rows] == _expected_rows(source)
    assert [(x["line"], x["column"]) for x in rows] == POSITIONS
    _check_cli_rows(rows, {str(f): source})


def test_offsets_are_code_points_not_bytes_or_utf16_units() -> None:
    # 𠮷 is outside the BMP (2 UTF-16 units, 4 bytes in GB18030 and UTF-8): one code point.
    text = "𠮷野家在华门店超过1,200家，营收约3.5亿元。\r\n单价为5000元/平方米。\r\n"
    for enc in ("gb18030", "utf-8", "utf-16"):
        doc = load_bytes("a.txt", text.encode(enc))
        assert doc.text == text
        assert _rows(doc) == [
            ("超过1,200家", "1200", "count"),
            ("约3.5亿元", "350000000", "CNY"),
            ("5000元/平方米", "5000", "CNY/m2"),
        ]
        first = extract(doc)[0]
        assert (first.start, doc.line_col(first.start)) == (7, (1, 8))
        assert doc.line_col(extract(doc)[2].start) == (2, 4)


def test_utf16_without_bom_chinese_only_text() -> None:
    # Hardly any NUL bytes (no ASCII): must still be recognised as UTF-16, in both byte orders.
    text = "投资总额一千零二十亿元，同比增长百分之三十。" * 20
    for enc in ("utf-16-le", "utf-16-be"):
        got, reported = decode_bytes(text.encode(enc))
        assert (got, reported) == (text, "utf-16")


def test_full_width_digits_are_folded_but_offsets_keep_the_source() -> None:
    doc = parse_document("a.txt", "全市生产芯片１２３亿个，增长１５．６％。")
    assert _rows(doc) == [("１２３亿个", "12300000000", "count"), ("１５．６％", "15.6", "%")]


def test_invalid_utf8_after_bom_is_an_error() -> None:
    with pytest.raises(LoadError, match="UTF-8"):
        load_bytes("a.txt", codecs.BOM_UTF8 + b"\xff\xfe\x80")


def test_truncated_utf16_after_bom_is_an_error() -> None:
    with pytest.raises(LoadError, match="UTF-16"):
        load_bytes("a.txt", codecs.BOM_UTF16_LE + "投资".encode("utf-16-le") + b"\x41")


# ---------------------------------------------------------------- HTML

HTML_DOC = """<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>广东投资&amp;增长快报</title>
<style>p { margin: 0 } .price:after { content: "500万元"; }</style>
<script>var total = "8000亿元"; var views = 10086;</script>
</head>
<body>
<h1>广东固定资产投资</h1>
<!-- 内部备注：700亿元 -->
<p>全省投资总额1.5<b>万亿元</b>，同比增长&nbsp;8.3%。</p>
<p>全省共有&#19977;&#21313;家重点企业，R&amp;D投入超过200亿元。</p>
<p>其中民间投资500&nbsp;亿元。</p>
</body>
</html>
"""
HTML_ROWS = [
    ("1.5<b>万亿元", "1500000000000", "CNY"),
    ("8.3%", "8.3", "%"),
    ("&#19977;&#21313;家", "30", "count"),
    ("超过200亿元", "20000000000", "CNY"),
    ("500&nbsp;亿元", "50000000000", "CNY"),
]


def test_html_tags_scripts_styles_comments_and_entities() -> None:
    doc = parse_document("a.html", HTML_DOC)
    assert doc.kind == "html"
    assert _rows(doc) == HTML_ROWS
    # Script, style and comment contents are not text; entities are decoded in the view.
    for gone in ("8000", "10086", "500万元", "700", "margin", "var ", "<", "&amp;", "&nbsp;"):
        assert gone not in doc.view
    assert "R&D" in doc.view and "三十家" in doc.view and "1.5万亿元" in doc.view
    assert [extract(doc)[0].start, extract(doc)[0].end] == [
        HTML_DOC.index("1.5<b>"),
        HTML_DOC.index("万亿元</b>") + 3,
    ]


def test_html_title_element_is_the_document_title() -> None:
    assert parse_document("a.html", HTML_DOC).title == "广东投资&增长快报"
    no_title = (
        "<html><head><title> </title></head><body><h1>大标题</h1><p>投资1.5万亿元</p></body></html>"
    )
    assert parse_document("b.html", no_title).title == "大标题"


def test_html_title_is_not_body_text() -> None:
    doc = parse_document(
        "a.html", "<html><head><title>投资500亿元</title></head><body><p>正文</p></body></html>"
    )
    assert doc.title == "投资500亿元"
    assert extract(doc) == []


def test_html_number_split_by_inline_tag() -> None:
    src = "<p>今年全省投资1.5<b>万亿元</b>，其中<span>1,2</span>34家企业获得补贴。</p>"
    doc = parse_document("a.html", src)
    assert _rows(doc) == [
        ("1.5<b>万亿元", "1500000000000", "CNY"),
        ("1,2</span>34家", "1234", "count"),
    ]


def test_html_block_tags_separate_paragraphs() -> None:
    src = (
        "<p>当年新增企业80</p><p>90家企业获得补贴</p>"
        "<table><tr><td>2021</td><td>300亿元</td></tr></table>"
        "<div>合计</div>共有80<br>90家"
    )
    doc = parse_document("a.html", src)
    rows = _rows(doc)
    assert [t for t, _, _ in rows] == ["80", "90家", "300亿元", "80", "90家"]
    assert "80\n" in doc.view and "2021\t300" in doc.view  # cells of a row: a tab apart
    assert all(v not in ("8090", "2021300") for _, v, _ in rows)


def test_html_entities_at_start_and_inside_a_quantity() -> None:
    src = "<p>票价&yen;500万元，增长&#x35;0%，共&#19977;&#21313;家</p>"
    doc = parse_document("a.htm", src)
    assert doc.view.strip() == "票价¥500万元，增长50%，共三十家"
    rows = _rows(doc)
    assert ("&#x35;0%", "50", "%") in rows
    assert ("&#19977;&#21313;家", "30", "count") in rows


def test_html_entity_at_end_of_quantity_is_covered_by_the_span() -> None:
    doc = parse_document("a.html", "<p>共有3&#20010;</p><p>增长8.3&#37;</p>")
    assert [q.text for q in extract(doc)] == ["3&#20010;", "8.3&#37;"]


def test_html_in_other_encodings_with_crlf() -> None:
    src = HTML_DOC.replace("\n", "\r\n")
    for enc in ("gb18030", "utf-16"):
        doc = load_bytes("a.html", src.encode(enc))
        assert doc.text == src
        assert _rows(doc) == HTML_ROWS
        assert doc.line_col(extract(doc)[0].start) == (12, 10)


def test_html_inside_txt_is_sniffed() -> None:
    src = "<div class='a'>\n<p>全省投资1.5万亿元。</p>\n<p>新增企业200家</p>\n<script>var n = 8000;</script><p>增长8.3%</p>\n</div>\n"
    doc = parse_document("page.txt", src)
    assert doc.kind == "html"
    assert _rows(doc) == [
        ("1.5万亿元", "1500000000000", "CNY"),
        ("200家", "200", "count"),
        ("8.3%", "8.3", "%"),
    ]


def test_plain_text_with_angle_brackets_is_not_html() -> None:
    doc = parse_document("a.txt", "增速<5%，A>B，投资1.5万亿元。")
    assert doc.kind == "txt"
    assert ("1.5万亿元", "1500000000000", "CNY") in _rows(doc)


def test_html_cli(tmp_path: Path) -> None:
    f = tmp_path / "page.HTM"
    f.write_bytes(HTML_DOC.encode("gb18030"))
    r, rows = _jsonl(str(f))
    assert r.returncode == 0, r.stderr.decode()
    assert [(x["text"], x["value"], x["unit"]) for x in rows] == HTML_ROWS
    _check_cli_rows(rows, {str(f): HTML_DOC})


# ---------------------------------------------------------------- Markdown front matter

MD_BODY = "# 深圳产业集群\n\n到2025年，战略性新兴产业增加值力争超过一万五千亿元。\n\n全市规划建设20个先进制造业园区。\n"


def _md(date: str, lead: str = "") -> str:
    return (
        f"{lead}---\ntitle: 深圳“20+8”产业集群 瞄准500亿元\ndate: {date}\nviews: 12345\n"
        f"tags: [投资, 3个集群]\n---\n\n{MD_BODY}"
    )


@pytest.mark.parametrize(
    "date",
    [
        "2022-07-02",
        "2022-07-02T08:30:00+08:00",
        "'Sat, 02 Jul 2022 00:16:58 GMT'",
        "Sat, 02 Jul 2022 00:16:58 GMT",
        "2022年7月2日",
        "2022/7/2",
    ],
)
def test_front_matter_title_and_date_formats(date: str) -> None:
    src = _md(date)
    doc = parse_document("a.md", src)
    assert doc.kind == "md"
    assert doc.title == "深圳“20+8”产业集群 瞄准500亿元"
    assert doc.date == "2022-07-02"
    rows = _rows(doc)
    assert rows == [("超过一万五千亿元", "1500000000000", "CNY"), ("20个", "20", "count")]
    first = extract(doc)[0]
    assert first.start == src.index("超过一万五千亿元")  # an offset into the full file
    assert doc.line_col(first.start) == (10, 20)


@pytest.mark.parametrize("date", ["not a date", "2022-13-45", "2022-02-30", "'2022年2月30日'"])
def test_front_matter_bad_date_is_none(date: str) -> None:
    # 2022-13-45 and 2022-02-30 look like YAML timestamps: PyYAML raises ValueError building them.
    doc = parse_document("a.md", _md(date))
    assert doc.date is None and doc.title is not None
    assert [t for t, _, _ in _rows(doc)] == ["超过一万五千亿元", "20个"]


def test_front_matter_bad_date_cli_does_not_stop_the_run(tmp_path: Path) -> None:
    bad = tmp_path / "a.md"
    bad.write_text(_md("2022-02-30"), encoding="utf-8")
    good = tmp_path / "b.txt"
    good.write_text("投资1020亿元。", encoding="utf-8")
    r, rows = _jsonl(str(bad), str(good))
    assert r.returncode == 0 and r.stderr == b""
    assert [(Path(x["path"]).name, x["text"]) for x in rows] == [
        ("a.md", "超过一万五千亿元"),
        ("a.md", "20个"),
        ("b.txt", "1020亿元"),
    ]


@pytest.mark.parametrize("lead", ["\n", "\n\n", "\r\n", "\ufeff"])
def test_front_matter_after_blank_lines(lead: str) -> None:
    src = _md("2022-07-02", lead)
    doc = parse_document("a.md", src)
    assert (doc.title, doc.date) == ("深圳“20+8”产业集群 瞄准500亿元", "2022-07-02")
    assert [t for t, _, _ in _rows(doc)] == ["超过一万五千亿元", "20个"]


def test_front_matter_with_crlf_and_bom_from_bytes() -> None:
    src = _md("2022-07-02").replace("\n", "\r\n")
    doc = load_bytes("a.md", codecs.BOM_UTF8 + src.encode("utf-8"))
    assert doc.text == src and doc.date == "2022-07-02"
    assert [t for t, _, _ in _rows(doc)] == ["超过一万五千亿元", "20个"]
    assert doc.line_col(extract(doc)[0].start) == (10, 20)


def test_markdown_without_front_matter_title_is_first_heading() -> None:
    doc = parse_document("a.md", MD_BODY)
    assert (doc.title, doc.date) == ("深圳产业集群", None)
    assert [t for t, _, _ in _rows(doc)] == ["超过一万五千亿元", "20个"]


def test_invalid_yaml_front_matter_is_still_skipped() -> None:
    src = "---\ntitle: [unclosed 300亿元\n---\n" + MD_BODY
    doc = parse_document("a.md", src)
    assert doc.title == "深圳产业集群"
    assert [t for t, _, _ in _rows(doc)] == ["超过一万五千亿元", "20个"]


def test_front_matter_title_is_the_headline_when_the_body_has_none() -> None:
    src = "---\ntitle: 长沙假期旅游收入超150亿元\ndate: 2024-10-08\n---\n\n新华社电 长沙市实现旅游收入138.6亿元。\n"
    doc = parse_document("a.md", src)
    qs = extract(doc)
    assert [q.text for q in qs] == ["超150亿元", "138.6亿元"]
    assert doc.line_col(qs[0].start) == (2, 16)  # where the title is written
    assert doc.view[: doc.headline_end] == "长沙假期旅游收入超150亿元"
    # a body that repeats the title (or has its own # heading) keeps it single
    doc = parse_document("a.md", src.replace("新华社电", "长沙假期旅游收入超150亿元\n\n新华社电"))
    assert [q.text for q in extract(doc)] == ["超150亿元", "138.6亿元"]
    assert doc.line_col(extract(doc)[0].start) == (6, 9)


def test_front_matter_cli(tmp_path: Path) -> None:
    src = _md("Sat, 02 Jul 2022 00:16:58 GMT")
    f = tmp_path / "a.md"
    f.write_bytes(src.encode("gb18030"))
    r, rows = _jsonl(str(f))
    assert r.returncode == 0, r.stderr.decode()
    assert [x["text"] for x in rows] == ["超过一万五千亿元", "20个"]
    assert [(x["line"], x["column"]) for x in rows] == [(10, 20), (12, 7)]
    _check_cli_rows(rows, {str(f): src})


# ---------------------------------------------------------------- PDF-extracted noise


@pytest.mark.parametrize(
    ("src", "text", "value", "unit", "low", "high"),
    [
        (
            "全年共生产芯片82.0 亿个，同比增长。",
            "82.0 亿个",
            "8200000000",
            "count",
            "8195000000",
            "8205000000",
        ),
        (
            "投资规模超 5000 亿元，带动就业。",
            "超 5000 亿元",
            "500000000000",
            "CNY",
            "500000000000",
            None,
        ),
        ("全市已有近 80\n\n家企业入驻园区。", "近 80\n\n家", "80", "count", None, "80"),
        ("同比增长 25.8 %，高于全国。", "25.8 %", "25.8", "%", "25.75", "25.85"),
    ],
)
def test_pdf_gaps_inside_numbers_and_units(src, text, value, unit, low, high) -> None:
    doc = parse_document("a.txt", src)
    qs = extract(doc)
    assert _rows(doc) == [(text, value, unit)]
    assert (format_decimal(qs[0].low) if qs[0].low is not None else None) == low
    assert (format_decimal(qs[0].high) if qs[0].high is not None else None) == high


def test_pdf_gap_does_not_glue_two_numbers_or_cross_two_blank_lines() -> None:
    doc = parse_document("a.txt", "共有80\n90家企业。\n\n园区已有近80\n\n\n家企业。")
    rows = _rows(doc)
    assert [t for t, _, _ in rows] == ["80", "90家", "近80"]
    assert rows[2][2] == ""  # three newlines: the unit is not attached


WRAPPED = (
    "深圳市统计局发布数据显示今年前三季度全市规模以上工业增加值同比增长\n"
    "实现较快回升其中高技术制造业增加值增长速度比上半年提高了 4 个百\n"
    "\n"
    "分点对全市工业增长的贡献率持续提升先进制造业增加值占规模以上工业\n"
    "增加值比重达到百分之六十七点三比去年同期提高一点五个百分点全市工\n"
    "业投资增长百分之二十一点七其中制造业投资增长百分之二十五点九在全\n"
    "省各地市中位居前列工业技改投资增长明显新开工项目数量超过三百个同\n"
    "比增加了近五十个项目总投资规模较去年同期扩大了一倍以上为今后的工\n"
    "业稳定增长奠定了坚实基础全市工业用电量同比增长百分之五点六其中\n"
)


def test_hard_wrapped_unit_split_across_lines() -> None:
    doc = parse_document("a.txt", WRAPPED)
    rows = _rows(doc)
    assert rows[0] == ("4 个百\n\n分点", "4", "pp")
    assert doc.line_col(extract(doc)[0].start) == (2, 30)
    assert ("百分之六十七点三", "67.3", "%") in rows
    assert ("超过三百个", "300", "count") in rows


def test_pdf_noise_cli(tmp_path: Path) -> None:
    src = "投资规模超 5000 亿元，带动就业。\n全年共生产芯片82.0 亿个。\n全市已有近 80\n\n家企业入驻园区。\n"
    f = tmp_path / "pdf.txt"
    f.write_bytes(src.encode("gb18030"))
    r, rows = _jsonl(str(f))
    assert r.returncode == 0, r.stderr.decode()
    assert [(x["text"], x["value"]) for x in rows] == [
        ("超 5000 亿元", "500000000000"),
        ("82.0 亿个", "8200000000"),
        ("近 80\n\n家", "80"),
    ]
    _check_cli_rows(rows, {str(f): src})


# ---------------------------------------------------------------- folders, stdin, errors


def _tree(root: Path) -> list[str]:
    """A folder with readable files, ignored files and hidden folders; returns the expected order."""
    files = {
        "b.txt": "投资1020亿元。",
        "a.md": "增长8.3%。",
        "notes.txt/f.txt": "共有五家企业。",  # a folder named like a file is searched, not read
        "sub/c.html": "<p>近80家</p>",
        "sub/deeper/d.htm": "<p>超过3个</p>",
        "sub/e.HTM": "<p>约20家</p>",
        ".hidden/h.txt": "共有6家",
        ".git/x.md": "共有7家",
        "sub/.cache/y.txt": "共有8家",
        ".e.txt": "共有9家",
        "z.csv": "共有10家",
        "z.json": '{"n": "11家"}',
        "README": "共有12家",
        "image.png": "",
    }
    for name, text in files.items():
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    (root / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
    return ["a.md", "b.txt", "notes.txt/f.txt", "sub/c.html", "sub/deeper/d.htm", "sub/e.HTM"]


TREE_VALUES = ["8.3", "102000000000", "5", "80", "3", "20"]


def test_folder_api_recursive_filtered_sorted(tmp_path: Path) -> None:
    order = _tree(tmp_path)
    got = [Path(s.path).relative_to(tmp_path).as_posix() for s in expand([str(tmp_path)])]
    assert got == order
    docs = list(load_documents([str(tmp_path)]))
    assert all(isinstance(d, Document) for d in docs)
    values = [format_decimal(q.value) for d in docs for q in extract(d)]
    assert values == TREE_VALUES


def test_folder_cli(tmp_path: Path) -> None:
    order = _tree(tmp_path)
    r, rows = _jsonl(str(tmp_path))
    assert r.returncode == 0 and r.stderr == b""
    assert [Path(x["path"]).relative_to(tmp_path).as_posix() for x in rows] == order
    assert [x["value"] for x in rows] == TREE_VALUES


def test_cli_keeps_argument_order(tmp_path: Path) -> None:
    _tree(tmp_path)
    r, rows = _jsonl(str(tmp_path / "sub" / "c.html"), str(tmp_path / "b.txt"))
    assert r.returncode == 0
    assert [x["value"] for x in rows] == ["80", "102000000000"]


@pytest.mark.parametrize(
    ("data", "text", "value"),
    [
        ("近80家企业".encode(), "近80家", "80"),
        ("投资总额1020亿元，增长三成。".encode("gbk"), "1020亿元", "102000000000"),
        (
            codecs.BOM_UTF16_LE + "投资总额1020亿元。".encode("utf-16-le"),
            "1020亿元",
            "102000000000",
        ),
        (
            "<html><body><p>投资<b>1.5</b>万亿元</p><script>x=9</script></body></html>".encode(),
            "1.5</b>万亿元",
            "1500000000000",
        ),
    ],
    ids=["utf-8", "gbk", "utf-16", "html"],
)
def test_stdin(data: bytes, text: str, value: str) -> None:
    r, rows = _jsonl("-", input=data)
    assert r.returncode == 0, r.stderr.decode()
    assert rows[0]["path"] == "<stdin>"
    assert (rows[0]["text"], rows[0]["value"]) == (text, value)
    decoded = load_source(Source("<stdin>", data)).text  # the same bytes through the API
    _check_cli_rows(rows, {"<stdin>": decoded})


def test_empty_file_is_a_document_without_quantities(tmp_path: Path) -> None:
    doc = load_bytes("e.txt", b"")
    assert doc.text == "" and extract(doc) == []
    f = tmp_path / "empty.txt"
    f.write_bytes(b"")
    r, rows = _jsonl(str(f))
    assert (r.returncode, rows, r.stderr) == (0, [], b"")


def test_whitespace_only_file(tmp_path: Path) -> None:
    doc = load_bytes("w.txt", "\n \u3000\r\n".encode("utf-8"))
    assert extract(doc) == [] and doc.title is None


RANDOM_WITH_NULS = bytes(random.Random(7).randrange(256) for _ in range(4000)) + b"\x00" * 16
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
NUL_TEXT = "投资1020亿元".encode() + b"\x00" * 20
UNDECODABLE = b"\x80\xff" * 200
MIXED_BROKEN = "投资总额1020亿元，增长百分之三十。".encode() * 5 + b"\xc3\x28\xa0\xa1\xe2\x28\xa1"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (PNG, "binary"),
        (PNG + bytes(random.Random(1).randrange(256) for _ in range(2000)), "binary"),
        (RANDOM_WITH_NULS, "binary"),
        (NUL_TEXT, "binary"),
        (UNDECODABLE, "cannot decode"),
        (MIXED_BROKEN, "cannot decode"),
    ],
    ids=["png-header", "png", "random-nul", "text-with-nuls", "undecodable", "broken-utf8"],
)
def test_unreadable_bytes_api(data: bytes, reason: str) -> None:
    with pytest.raises(LoadError, match=reason):
        load_bytes("bad.txt", data)


def test_random_bytes_are_never_taken_for_text() -> None:
    rng = random.Random(42)
    for _ in range(200):
        data = bytes(rng.randrange(256) for _ in range(600)) + b"\x00"
        with pytest.raises(LoadError):
            load_bytes("r.txt", data)


def test_directory_and_missing_file_api(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="(?i)directory"):
        load_source(Source(str(tmp_path)))
    with pytest.raises(LoadError, match="(?i)no such file"):
        load_source(Source(str(tmp_path / "missing.txt")))
    got = list(load_documents([str(tmp_path / "missing.txt")]))
    assert got == [InputError(str(tmp_path / "missing.txt"), "no such file or directory")]


def _bad_inputs(tmp_path: Path) -> tuple[list[str], dict[str, str], dict[str, str]]:
    """Arguments mixing good and bad inputs; (args, good path -> text, bad path -> reason)."""
    good1 = tmp_path / "good1.txt"
    good1.write_bytes("投资总额1020亿元，增长8.3%。".encode("gbk"))
    good2 = tmp_path / "good2.md"
    good2.write_text("---\ntitle: t\n---\n近 80\n\n家企业。\n", encoding="utf-8")
    png = tmp_path / "image.txt"
    png.write_bytes(PNG)
    rnd = tmp_path / "random.md"
    rnd.write_bytes(RANDOM_WITH_NULS)
    undec = tmp_path / "undecodable.txt"
    undec.write_bytes(UNDECODABLE)
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    missing = tmp_path / "missing.txt"
    args = [str(png), str(good1), str(missing), str(rnd), str(fifo), str(undec), str(good2)]
    good = {
        str(good1): "投资总额1020亿元，增长8.3%。",
        str(good2): "---\ntitle: t\n---\n近 80\n\n家企业。\n",
    }
    bad = {
        str(png): "binary data",
        str(missing): "no such file or directory",
        str(rnd): "binary data",
        str(fifo): "not a regular file",
        str(undec): "cannot decode",
    }
    return args, good, bad


def _assert_one_line_per_bad_input(lines: list[str], bad: dict[str, str]) -> None:
    assert len(lines) == len(bad), lines
    for line, (path, reason) in zip(lines, bad.items(), strict=True):
        assert line.startswith(f"factcheck: {path}: ") and reason in line, line


@pytest.mark.parametrize("fmt", ["jsonl", "json"])
def test_bad_inputs_cli_one_line_each_exit_2_rest_complete(tmp_path: Path, fmt: str) -> None:
    args, good, bad = _bad_inputs(tmp_path)
    r = run_cli("extract", *args, "--format", fmt)
    assert r.returncode == 2
    _assert_one_line_per_bad_input(_err_lines(r), bad)
    out = r.stdout.decode("utf-8")
    rows = json.loads(out) if fmt == "json" else [json.loads(x) for x in out.splitlines()]
    assert [(x["path"], x["text"], x["value"]) for x in rows] == [
        (args[1], "1020亿元", "102000000000"),
        (args[1], "8.3%", "8.3"),
        (args[6], "近 80\n\n家", "80"),
    ]
    _check_cli_rows(rows, good)


def test_bad_inputs_cli_table_format_rest_complete(tmp_path: Path) -> None:
    args, _, bad = _bad_inputs(tmp_path)
    r = run_cli("extract", *args)
    assert r.returncode == 2
    err = r.stderr.decode("utf-8")
    assert err.count("factcheck: ") == len(bad)
    for path in bad:
        assert path in err
    out = r.stdout.decode("utf-8")
    assert "good1.txt — 2 quantities" in out and "good2.md — 1 quantities" in out
    assert "102,000,000,000" in out and "8.3" in out and "近 80⏎⏎家" in out
    for path in bad:
        assert Path(path).name not in out


def test_bad_input_table_format_error_is_one_line(tmp_path: Path) -> None:
    d = tmp_path / ("a_long_folder_name_so_the_error_line_is_wider_than_eighty_columns" * 2)
    d.mkdir()
    bad = d / "image.txt"
    bad.write_bytes(PNG)
    r = run_cli("extract", str(bad))
    assert r.returncode == 2
    _assert_one_line_per_bad_input(_err_lines(r), {str(bad): "binary data"})


def test_pdf_page_numbers_are_not_figures_and_do_not_break_a_sentence() -> None:
    lines = [f"第{i}行文字说明全市经济运行总体平稳，主要指标" for i in range(10)]
    text = (
        "\n".join(lines[:5])
        + "\n全市地区生产总值增\n— 2 —\n长5.6%，总量达到\n- 3 -\n1234.5亿元\n"
        + "\n".join(lines[5:])
    )
    doc = parse_document("a.txt", text)
    assert "增长5.6%" in doc.view and "— 2 —" not in doc.view
    assert [q.text for q in extract(doc)] == ["5.6%", "1234.5亿元"]


def test_fixed_width_wrapped_text_joins_split_numbers_but_not_headings() -> None:
    body = (
        "全市经济运行总体平稳，主要指标好于预期，工业生产稳中有进，\n"
        "消费市场持续恢复，投资结构不断优化，对外贸易总体稳定，全年\n"
        "地区生产总值5 140.6亿元，比上年增长5.6%。其中，装备制造产业\n"
        "产值2 41\n"
        "0.5亿元，增长3.8%。\n"
        "四、财政和金融\n"
        "全年一般公共预算收入443.2亿元，增长5.1%，其中税收收入367.9\n"
        "亿元。金融机构本外币存款余额稳步增长，贷款余额保持较快增长，\n"
        "信贷结构持续优化，服务实体经济能力不断增强，金融风险总体可控\n"
        "，各项改革稳步推进，营商环境持续改善，市场主体活力不断增强。\n"
    )
    doc = parse_document("a.txt", body)
    texts = [q.text.replace("\n", "⏎") for q in extract(doc)]
    assert "2 41⏎0.5亿元" in texts and "367.9⏎亿元" in texts
    [q] = [q for q in extract(doc) if q.text.startswith("2 41")]
    assert q.value == Decimal("241050000000")
    assert "财政和金融\n全年一般公共预算收入" in doc.view  # the heading stays its own line
    assert "增长3.8%。\n四、财政和金融" in doc.view  # and is not glued to the line above


def test_wrapped_text_does_not_glue_a_numbered_heading_to_the_line_above() -> None:
    body = (
        "南城市2024年政府工作报告（摘要）\n"
        "——2024年1月18日在南城市第八届人民代表大会第四次会议上\n"
        "一、2023年工作回顾\n"
        "　　过去一年，面对复杂严峻的外部环境，全市上下坚定信心、拼搏\n"
        "实干，经济运行稳中向好、进中提质。全市地区生产总值达到2\n"
        "618.6亿元、增长6.5%，增速居全省第七位；规模以上工业增加值增\n"
        "长8.3%；固定资产投资增长4.6%；社会消费品零售总额1 376.2亿元、\n"
        "增长8.7%。一般公共预算收入153.2亿元、增长9.1%，其中税收收入\n"
        "98.4亿元，占比64.2%。开放合作成效明显，全年外贸进出口总额85\n"
        ".3亿元，其中出口61.7亿元、进口23.6亿元，新引进项目12个。城镇\n"
    )
    doc = parse_document("a.txt", body)
    assert "会议上\n一、2023年工作回顾\n" in doc.view
    assert "达到2618.6亿元" in doc.view  # the wrapped figure is still joined


def test_wrapped_text_rejoins_numbers_split_at_a_decimal_point_or_thousands_gap() -> None:
    lines = [f"第{i}行文字说明全市经济运行总体平稳，主要指标好于预期，" for i in range(8)]
    text = (
        "某市统计公报\n某市统计局  2024年3月1日\n\n"
        + "\n".join(lines[:4])
        + "\n全市进出口总额8\n.3万亿元，增长2.\n5%；技术合同成交额3\n 200.3亿元，产量13\n 659万吨，\n"
        + "农村居民人均可支配收入1\n0 046元，\n"
        + "\n".join(lines[4:])
        + "\n"
    )
    doc = parse_document("a.txt", text)
    got = {q.text.replace("\n", "⏎"): q.value for q in extract(doc)}
    assert got["8⏎.3万亿元"] == Decimal("8300000000000")
    assert got["2.⏎5%"] == Decimal("2.5")
    assert got["3⏎ 200.3亿元"] == Decimal("320030000000")
    assert got["13⏎ 659万吨"] == Decimal("136590000")
    assert got["1⏎0 046元"] == Decimal("10046")
    from factcheck.frame import document_date

    assert document_date(doc) == "2024-03-01"  # the date line under the title survives the join


def test_numbers_on_separate_lines_of_unwrapped_text_stay_apart() -> None:
    doc = parse_document("a.md", "增长了3\n.5是版本号\n\n共有12\n 345个")
    texts = [q.text for q in extract(doc)]
    assert "3\n.5" not in "".join(texts) and "12\n 345个" not in texts


def test_a_heading_before_a_page_break_stays_a_heading() -> None:
    lines = [f"第{i}行文字说明全市经济运行总体平稳，主要指标好于预期，" for i in range(10)]
    text = (
        "\n".join(lines[:5])
        + "\n五、财政和金融\n\n— 1 —\n\n全年一般公共预算收入281.6亿元，比上年增长10.3%。\n"
        + "\n".join(lines[5:])
        + "\n"
    )
    doc = parse_document("a.txt", text)
    assert "— 1 —" not in doc.view
    assert "财政和金融全年" not in doc.view


def test_a_wrap_right_before_punctuation_is_joined() -> None:
    lines = [f"第{i}行文字说明全市经济运行总体平稳，主要指标好于预期" for i in range(10)]
    text = (
        "\n".join(lines[:5])
        + "\n社会消费品零售总额增长7%\n；一般公共预算收入增长6%。\n"
        + "\n".join(lines[5:])
    )
    doc = parse_document("a.txt", text)
    assert "增长7%；一般公共预算收入" in doc.view


def test_a_line_that_ends_on_a_comma_runs_on() -> None:
    text = (
        "洛阳工业\n洛阳市统计局 2024年10月28日\n"
        "进中向好。前三季度，全省规上工业增加值增长7.1%，洛阳增长9.2%，\n"
        "高出全省2.1个百分点，增速居全省前列。\n"
        "主要项目：\n- 项目一，\n- 项目二\n"
    )
    doc = parse_document("a.txt", text)
    assert "洛阳增长9.2%，高出全省" in doc.view
    assert "- 项目一，\n- 项目二" in doc.view  # a list item is not a wrap


def test_folder_deeply_nested_is_walked_without_recursion(tmp_path: Path) -> None:
    import sys

    deep = tmp_path
    for _ in range(400):
        deep = deep / "d"
        deep.mkdir()
    (deep / "a.txt").write_text("共有5家", encoding="utf-8")
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(200)  # shallower than the tree: a recursive walk would fail
    try:
        got = list(expand([str(tmp_path)]))
    finally:
        sys.setrecursionlimit(limit)
    assert [Path(s.path).name for s in got] == ["a.txt"]


def test_folder_that_cannot_be_listed_is_an_input_error(tmp_path: Path, monkeypatch) -> None:
    import os

    (tmp_path / "ok.txt").write_text("共有5家", encoding="utf-8")
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "x.txt").write_text("共有6家", encoding="utf-8")
    real = os.scandir

    def scandir(path):
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    got = list(load_documents([str(tmp_path)]))
    errors = [g for g in got if isinstance(g, InputError)]
    docs = [g for g in got if isinstance(g, Document)]
    assert [Path(d.path).name for d in docs] == ["ok.txt"]
    assert len(errors) == 1 and errors[0].path.endswith("locked")
    assert "Permission denied" in errors[0].reason
