from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
CONFORMANCE = SHARED / "conformance" / "recognizers_zh.jsonl"
EXAMPLES = ROOT / "examples"


def run_cli(*args: str, input: bytes | None = None) -> subprocess.CompletedProcess:
    """Run the installed CLI in a subprocess, the way users and CI do."""
    return subprocess.run(
        [sys.executable, "-m", "factcheck", *args], capture_output=True, input=input, cwd=ROOT
    )


@pytest.fixture
def seeds() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds not available")
    return SEEDS


def quantities_of(text: str, path: str = "t.txt"):
    from factcheck.extract import extract
    from factcheck.load import parse_document

    return extract(parse_document(path, text))


# the fields of an extract record (README: output contract); a claim adds CLAIM_KEYS
EXTRACT_KEYS = frozenset(
    "path line column start end text value low high unit dimension qualifier".split()
)
CLAIM_KEYS = EXTRACT_KEYS | {"entity", "metric", "scope", "period", "modality"}
