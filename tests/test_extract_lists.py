"""Extraction cases with more than one quantity per string (the corpus files hold one each)."""

from __future__ import annotations

import pytest
from conftest import quantities_of

from factcheck.extract import format_decimal


def _got(text: str) -> list[tuple[str, str, str]]:
    return [(q.text, format_decimal(q.value), q.unit) for q in quantities_of(text)]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a list states its unit once: earlier items take the unit form of the last one
        (
            "1.32亿、6,125万、4,350万和3,076万人次",
            [
                ("1.32亿", "132000000", "count"),
                ("6,125万", "61250000", "count"),
                ("4,350万", "43500000", "count"),
                ("3,076万人次", "30760000", "count"),
            ],
        ),
        # each item keeps its own magnitude; the unit factor applies to every item
        (
            "1、2和3公斤",
            [("1", "0.001", "t"), ("2", "0.002", "t"), ("3公斤", "0.003", "t")],
        ),
        ("3.2、4.5及6.1%", [("3.2", "3.2", "%"), ("4.5", "4.5", "%"), ("6.1%", "6.1", "%")]),
        ("120万与80万吨", [("120万", "1200000", "t"), ("80万吨", "800000", "t")]),
        # only 、/和/及/与/以及 join a list: a comma does not
        ("20，30吨", [("20", "20", ""), ("30吨", "30", "t")]),
        # comma + space stays three numbers (not a PDF thousands gap)
        ("1, 234, 567", [("1", "1", ""), ("234", "234", ""), ("567", "567", "")]),
        ("每10股派2.5元", [("10股", "10", "count"), ("2.5元", "2.5", "CNY")]),
        ("连续5年每年新增产能10万吨", [("5年", "5", "year"), ("10万吨", "100000", "t")]),
    ],
)
def test_multi(text: str, want: list[tuple[str, str, str]]) -> None:
    assert _got(text) == want
