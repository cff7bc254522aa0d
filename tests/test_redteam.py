"""Regression test on the red-team sets: realistic articles written without looking at the code,
with planted errors listed in tests/data/redteam*/expected.yaml.

No finding may fall outside the planted errors (false alarms), and most plants must be caught.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from factcheck.pipeline import check_documents

DATA = Path(__file__).parent / "data"
# each set: its folder and how many of its planted errors must be caught
SETS = [
    ("redteam", 10),
    ("redteam2", 13),
    ("holdout", 12),
    ("holdout2", 14),
    ("holdout3", 14),
    ("holdout4", 14),
    ("holdout5", 13),
    ("holdout6", 14),
    ("holdout7", 14),
    ("holdout8", 14),
    ("holdout9", 14),
    ("holdout10", 14),
    ("holdout11", 14),
    ("holdout12", 14),
    ("holdout13", 14),
    ("holdout14", 13),
    ("holdout15", 14),
    ("holdout16", 14),
    ("holdout17", 14),
    ("holdout18", 14),
    ("holdout19", 14),
    ("holdout20", 14),
    ("holdout21", 14),
    ("holdout22", 14),
    ("holdout23", 14),
    ("holdout24", 14),
    ("holdout25", 14),
    ("holdout26", 11),
    ("holdout27", 14),
]


def _planted(folder: Path) -> list[dict]:
    return yaml.safe_load((folder / "expected.yaml").read_text(encoding="utf-8"))["planted"]


def _files(entry: dict) -> set[str]:
    f = entry["file"]
    return set(f) if isinstance(f, list) else {f}


@pytest.mark.parametrize(("name", "minimum"), SETS)
def test_no_false_alarms_and_most_plants_caught(name: str, minimum: int) -> None:
    folder = DATA / name
    articles = sorted(str(p) for p in folder.iterdir() if p.name[:2].isdigit())
    result = check_documents(articles)
    assert not result.errors
    planted = _planted(folder)
    caught = set()
    false_alarms = []
    for f in result.findings:
        files = {Path(c.path).name for c in f.claims}
        match = [p["id"] for p in planted if p["code"] == f.rule and files & _files(p)]
        if match:
            caught.update(match)
        else:
            false_alarms.append(f"{f.rule} {Path(f.claims[0].path).name}: {f.message[:160]}")
    assert not false_alarms, "\n".join(false_alarms)
    assert len(caught) >= minimum, f"caught only {sorted(caught)}"
