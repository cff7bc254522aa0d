"""Conformance over Microsoft Recognizers-Text's Chinese specs, scored by the shared tool."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import CONFORMANCE, SHARED

SCORER = SHARED / "tools" / "score_conformance.py"


def test_conformance_rate_at_least_0_92() -> None:
    if not (SCORER.is_file() and CONFORMANCE.is_file()):
        pytest.skip("../shared conformance data not available")
    cmd = f"{sys.executable} -m factcheck"
    r = subprocess.run(
        [sys.executable, str(SCORER), cmd, str(CONFORMANCE)], capture_output=True, text=True
    )
    last = r.stdout.strip().splitlines()[-1]
    print(r.stdout)
    assert last.startswith("conformance pass="), r.stdout + r.stderr
    passed, total = map(int, last.split()[1].split("=")[1].split("/"))
    assert passed / total >= 0.92, last
