"""Hostile input: pathological text must be handled completely and sensibly (see also
benchmarks/hostile.py, which prints how time grows with size)."""

from __future__ import annotations

import pytest

from factcheck.checks import run_checks
from factcheck.extract import extract
from factcheck.frame import frame_document
from factcheck.load import parse_document

CASES = {
    "a 100 000-digit number": ("1" * 100_000, 0),
    "a run of 一": ("一" * 50_000, 0),
    "numerals without structure": ("一二三四五六七八九十百千万亿" * 5_000, None),
    "one sentence of 20 000 figures": ("增长5.2%，" * 20_000, 20_000),
    "ranges without end": ("3—" * 20_000 + "5个", None),
    "nested tags": ("<div>" * 3_000 + "增长5%" + "</div>" * 3_000, 1),
    "blank lines": ("\n" * 100_000 + "5个", 1),
    "unclosed quotes": ("“" * 50_000 + "5个", None),
    "其中 without end": ("总投资100亿元，其中" * 5_000, None),
}


@pytest.mark.parametrize("name", list(CASES))
def test_pathological_input_completes(name: str) -> None:
    text, expected = CASES[name]
    doc = parse_document("x.html" if "tags" in name else "x.txt", text)
    qs = extract(doc)
    claims = frame_document(doc, qs)
    run_checks(claims, None, {doc.path: doc})
    if expected is not None:
        assert len(qs) == expected
    for q in qs[:50]:
        assert doc.text[q.start : q.end] == q.text
