"""One line per finding: path:line:col: CODE message (for editors and grep)."""

from __future__ import annotations

from typing import IO

from ..pipeline import CheckResult


def write_lines(result: CheckResult, out: IO[str]) -> None:
    for f in result.findings:
        c = f.claims[0]
        msg = " ".join(f.message.split())
        out.write(f"{c.path}:{c.line}:{c.column}: {f.rule} [{f.severity}] {msg}\n")
