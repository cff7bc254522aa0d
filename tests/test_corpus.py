"""Corpus tests: every example in tests/corpus/*.yaml, value first (Duckling style).

Positive files hold entries {expect: {...}, examples: [...]}: each example must yield exactly
one quantity whose fields equal `expect` (value, unit, and optionally low, high, dimension,
qualifier). negative.yaml lists strings that must yield no quantity at all.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import quantities_of

from factcheck.extract import format_decimal

CORPUS = Path(__file__).parent / "corpus"


def _positive_cases():
    for f in sorted(CORPUS.glob("*.yaml")):
        if f.name == "negative.yaml":
            continue
        for entry in yaml.safe_load(f.read_text(encoding="utf-8")):
            for ex in entry["examples"]:
                yield pytest.param(str(ex), entry["expect"], id=f"{f.stem}:{ex}")


def _negative_cases():
    data = yaml.safe_load((CORPUS / "negative.yaml").read_text(encoding="utf-8"))
    for ex in data:
        yield pytest.param(str(ex), id=f"negative:{ex}")


def _fmt(d):
    return None if d is None else format_decimal(d)


@pytest.mark.parametrize(("text", "expect"), list(_positive_cases()))
def test_positive(text: str, expect: dict) -> None:
    qs = quantities_of(text)
    assert len(qs) == 1, f"{text!r}: expected one quantity, got {[(q.text, q.value) for q in qs]}"
    q = qs[0]
    got = {
        "value": _fmt(q.value),
        "unit": q.unit,
        "low": _fmt(q.low),
        "high": _fmt(q.high),
        "dimension": q.dimension,
        "qualifier": q.qualifier,
    }
    for key, want in expect.items():
        want = None if want is None else str(want)
        assert got[key] == want, f"{text!r}: {key} is {got[key]!r}, expected {want!r}"


@pytest.mark.parametrize("text", list(_negative_cases()))
def test_negative(text: str) -> None:
    qs = quantities_of(text)
    assert qs == [], f"{text!r} is not a quantity, got {[(q.text, q.value, q.unit) for q in qs]}"
