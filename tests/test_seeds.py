"""Acceptance on the five seed articles (../shared/seeds; skipped when absent)."""

from __future__ import annotations

from pathlib import Path

from conftest import run_cli

from factcheck.extract import extract, format_decimal
from factcheck.load import Source, load_source
from factcheck.pipeline import check_documents


def _quantities(path: Path) -> list[tuple[str, str, str]]:
    doc = load_source(Source(str(path)))
    return [
        (q.text.replace("\n", "").replace(" ", ""), format_decimal(q.value), q.unit)
        for q in extract(doc)
    ]


def test_seeds_read_cleanly(seeds: Path) -> None:
    r = run_cli("extract", str(seeds), "--format", "jsonl")
    assert r.returncode == 0 and not r.stderr
    assert r.stdout.count(b"\n") > 300


def test_quantities_a_reader_sees(seeds: Path) -> None:
    found = {q for f in sorted(seeds.iterdir()) for q in _quantities(f)}
    for want in [
        ("10,373亿元", "1037300000000", "CNY"),
        ("约300平方公里", "300000000", "m2"),
        ("2000万平方米", "20000000", "m2"),
        ("超过1.5万亿元", "1500000000000", "CNY"),
        ("八个", "8", "count"),
        ("8大", "8", "count"),
        ("9528亿元", "952800000000", "CNY"),
        ("突破1万亿元", "1000000000000", "CNY"),
        ("超过1.1万亿元", "1100000000000", "CNY"),
        ("422.8亿元", "42280000000", "CNY"),
        ("25.8%", "25.8", "%"),
        ("17.5个百分点", "17.5", "pp"),
        ("4个百分点", "4", "pp"),
        ("82.0亿个", "8200000000", "count"),
        ("突破80亿个", "8000000000", "count"),
        ("近80家", "80", "count"),
        ("超5000亿元", "500000000000", "CNY"),
        ("八分之一强", "0.125", "times"),
        ("超千亿元", "100000000000", "CNY"),
        ("1020亿元", "102000000000", "CNY"),
        ("30%~50%", "30", "%"),
    ]:
        assert want in found, want
    texts = {t for t, _, _ in found}
    for name in ("“20+8”", "20+8", "33618", "十四五", "5G"):
        assert not any(t == name or t.startswith(name) for t in texts), name


def test_the_scope_finding_and_nothing_else(seeds: Path) -> None:
    result = check_documents([str(seeds)])
    assert not result.errors
    assert len(result.findings) == 1, [f.message for f in result.findings]
    f = result.findings[0]
    assert f.rule == "FC103" and f.severity == "warning"
    first = f.claims[0]
    assert first.path.endswith(tuple(p.name for p in seeds.glob("002_*")))
    assert (first.scope, first.period_key, first.first_time) == ("规模以上", "2022", True)
    earlier = f.claims[1:]
    assert {c.period_key for c in earlier} == {"2021"} and all(c.scope is None for c in earlier)
    files = {Path(c.path).name[:3] for c in earlier}
    assert files == {"000", "002", "004"}
    assert "全口径" in f.message
