"""Per-check fixtures (tests/checks/FCxxx.yaml) and the registry contract."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from factcheck.checks import REGISTRY
from factcheck.pipeline import check_documents

FIXTURES = Path(__file__).parent / "checks"
SECTIONS = ("What it checks", "Why it matters", "Fails", "Passes")


def _cases():
    for f in sorted(FIXTURES.glob("FC*.yaml")):
        data = yaml.safe_load(f.read_text(encoding="utf-8"))
        for kind in ("fails", "passes"):
            for case in data.get(kind, []):
                yield pytest.param(f.stem, kind, case, id=f"{f.stem}:{kind}:{case['name']}")


def _run(tmp_path: Path, code: str, case: dict):
    paths = []
    for name, text in case["docs"].items():
        p = tmp_path / name
        p.write_text(text, encoding="utf-8")
        paths.append(str(p))
    result = check_documents(paths, date=case.get("date"))
    assert not result.errors
    return [f for f in result.findings if f.rule == code], result


@pytest.mark.parametrize(("code", "kind", "case"), list(_cases()))
def test_fixture(tmp_path: Path, code: str, kind: str, case: dict) -> None:
    found, result = _run(tmp_path, code, case)
    if kind == "fails":
        assert found, f"{code} should fire on {case['name']}"
        for f in found:
            assert f.severity == REGISTRY[code].severity
            assert f.claims and f.message
            if code.startswith("FC1"):
                assert len(f.claims) >= 2
            assert {Path(c.path).name for c in f.claims} <= set(case["docs"])
    else:
        assert not found, [f.message for f in found]
        # a passing case must not be reported by any other cross-document check either
        assert not [f for f in result.findings if f.rule.startswith("FC1")], [
            f.message for f in result.findings
        ]


@pytest.mark.parametrize("code", list(REGISTRY))
def test_registry_entry(code: str) -> None:
    info = REGISTRY[code]
    assert len(code) == 5 and code.startswith("FC") and code[2:].isdigit()
    assert info.name and info.name == info.name.lower() and " " not in info.name
    assert info.severity in ("error", "warning", "info")
    for section in SECTIONS:
        assert section in info.doc, f"{code} docstring lacks '{section}'"
    fixture = FIXTURES / f"{code}.yaml"
    assert fixture.is_file(), f"{code} has no fixture file"
    data = yaml.safe_load(fixture.read_text(encoding="utf-8"))
    assert data.get("fails") and data.get("passes"), f"{code} needs failing and passing cases"


def test_fc207_message_names_compound_items_in_full(tmp_path: Path) -> None:
    case = {
        "docs": {
            "a.txt": "今年以来，全市限额以上单位汽车类、石油及制品类、通讯器材类零售额分别增长12.6%、5.3%。"
        }
    }
    found, _ = _run(tmp_path, "FC207", case)
    assert len(found) == 1
    msg = found[0].message
    assert "石油及制品类" in msg and "\x00" not in msg
