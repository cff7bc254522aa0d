"""JSON and JSONL output for `extract`."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from typing import IO, Any

from ..model import InputError
from ..pipeline import Extracted
from ..serialize import quantity_record


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
        for q in r.quantities:
            rec: dict[str, Any] = quantity_record(r.doc, q)
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
