"""JSON output: the extract records (json/jsonl) and the check report (factcheck.report/1)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from typing import IO, Any

from .. import __version__
from ..model import Finding, InputError
from ..pipeline import CheckResult, Extracted
from ..serialize import claim_record, quantity_record

SCHEMA = "factcheck.report/1"


def write_extract(
    results: Iterable[Extracted | InputError], out: IO[str], *, lines: bool, explain: bool = False
) -> int:
    """Stream records; input errors go to stderr. Returns the exit status."""
    status = 0
    first = True
    if not lines:
        out.write("[")
    for r in results:
        if isinstance(r, InputError):
            sys.stderr.write(f"factcheck: {r.path}: {r.reason}\n")
            status = 2
            continue
        recs = (
            [claim_record(c) for c in r.claims]
            if r.claims
            else [quantity_record(r.doc, q) for q in r.quantities]
        )
        for q, rec in zip(r.quantities, recs, strict=True):
            if explain:
                rec["derivation"] = list(q.derivation)
            text = json.dumps(rec, ensure_ascii=False)
            if lines:
                out.write(text + "\n")
            else:
                out.write(("\n  " if first else ",\n  ") + text)
                first = False
    if not lines:
        out.write("\n]\n" if not first else "]\n")
    out.flush()
    return status


def finding_record(f: Finding) -> dict[str, Any]:
    return {
        "rule": f.rule,
        "name": f.name,
        "severity": f.severity,
        "message": f.message,
        "claims": [claim_record(c) for c in f.claims],
    }


def report(result: CheckResult) -> dict[str, Any]:
    by = {"error": 0, "warning": 0, "info": 0}
    for f in result.findings:
        by[f.severity] = by.get(f.severity, 0) + 1
    return {
        "schema": SCHEMA,
        "tool": {"name": "factcheck", "version": __version__},
        "documents": [
            {
                "path": d.doc.path,
                "title": d.doc.title,
                "date": d.doc.date,
                "claims": [claim_record(c) for c in d.claims],
            }
            for d in result.documents
        ],
        "findings": [finding_record(f) for f in result.findings],
        "errors": [{"path": e.path, "reason": e.reason} for e in result.errors],
        "summary": {
            "documents": len(result.documents),
            "claims": sum(len(d.claims) for d in result.documents),
            "findings": len(result.findings),
            "by_severity": by,
        },
    }


def write_report(result: CheckResult, out: IO[str]) -> None:
    # dumps (the C encoder) then one write: json.dump to a stream encodes in pure Python
    out.write(json.dumps(report(result), ensure_ascii=False))
    out.write("\n")
