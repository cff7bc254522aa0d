"""Plain-data records for quantities (the extract JSON/JSONL contract)."""

from __future__ import annotations

from typing import Any

from .extract import format_decimal
from .model import Claim, Document, Quantity


def dec_str(d: Any) -> str | None:
    return None if d is None else format_decimal(d)


def _record(path: str, line: int, col: int, q: Quantity) -> dict[str, Any]:
    return {
        "path": path,
        "line": line,
        "column": col,
        "start": q.start,
        "end": q.end,
        "text": q.text,
        "value": dec_str(q.value),
        "low": dec_str(q.low),
        "high": dec_str(q.high),
        "unit": q.unit,
        "dimension": q.dimension,
        "qualifier": q.qualifier,
    }


def quantity_record(doc: Document, q: Quantity) -> dict[str, Any]:
    line, col = doc.line_col(q.start)
    return _record(doc.path, line, col, q)


def claim_record(c: Claim) -> dict[str, Any]:
    """The extract record of the claim's quantity plus its frame."""
    return _record(c.path, c.line, c.column, c.quantity) | {
        "entity": c.entity,
        "metric": c.metric,
        "scope": c.scope,
        "period": c.period_key,
        "modality": c.modality,
        "aspect": c.aspect,
        "period_text": c.period_text,
        "first_time": c.first_time,
        "part_of": c.part_of,
    }
