"""Framing: what each figure is a claim about (tests/frames/frames.yaml)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from factcheck.extract import extract
from factcheck.frame import frame_document
from factcheck.load import Source, load_source

CASES = yaml.safe_load((Path(__file__).parent / "frames" / "frames.yaml").read_text("utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_frame(tmp_path: Path, case: dict) -> None:
    p = tmp_path / case.get("path", "a.txt")
    p.write_text(case["text"], encoding="utf-8")
    doc = load_source(Source(str(p)))
    claims = [c for c in frame_document(doc, extract(doc)) if c.quantity.text == case["figure"]]
    assert claims, f"{case['figure']!r} not extracted"
    c = claims[0]
    for field, want in case["expect"].items():
        if field == "period":
            got = c.period_key
        elif field == "value":
            got = c.quantity.value
            want = Decimal(want)
        else:
            got = getattr(c, field)
        assert got == want, f"{field}: {got!r} != {want!r}"
