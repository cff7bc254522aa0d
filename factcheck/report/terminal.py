"""Rich terminal rendering."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from decimal import Decimal

from ..model import InputError
from ..pipeline import Extracted


def thousands(d: Decimal | None) -> str:
    if d is None:
        return "∞"
    from ..extract import format_decimal

    s = format_decimal(d)
    neg = s.startswith("-")
    s = s.lstrip("-")
    whole, _, frac = s.partition(".")
    whole = f"{int(whole):,}"
    return ("-" if neg else "") + whole + ("." + frac if frac else "")


def interval(q) -> str:
    lo = "-∞" if q.low is None else thousands(q.low)
    hi = "∞" if q.high is None else thousands(q.high)
    left = "(" if q.low is None or q.low_open else "["
    right = ")" if q.high is None or q.high_open else "]"
    return f"{left}{lo}, {hi}{right}"


def render_extract(results: Iterable[Extracted | InputError], *, explain: bool = False) -> int:
    from rich.console import Console
    from rich.table import Table

    out = Console()
    if not out.is_terminal:
        out = Console(width=200)  # piped or captured: do not fold numbers
    status = 0
    for r in results:
        if isinstance(r, InputError):
            sys.stderr.write(f"factcheck: {r.path}: {r.reason}\n")
            status = 2
            continue
        table = Table(title=f"{r.doc.path} — {len(r.quantities)} quantities", title_justify="left")
        for col, just in (
            ("location", "left"),
            ("text", "left"),
            ("value", "right"),
            ("unit", "left"),
            ("interval", "left"),
            ("qualifier", "left"),
        ):
            table.add_column(col, justify=just, overflow="fold")
        for q in r.quantities:
            line, col = r.doc.line_col(q.start)
            text = q.text.replace("\n", "⏎")
            if explain:
                text += "\n" + "\n".join(f"  {s}" for s in q.derivation)
            table.add_row(
                f"{r.doc.path}:{line}:{col}",
                text,
                thousands(q.value),
                q.unit or "—",
                interval(q),
                q.qualifier or "",
            )
        out.print(table)
    return status


SEVERITY_STYLE = {"error": "bold red", "warning": "bold yellow", "info": "bold blue"}


def _sentence(c):
    """The claim's sentence with its number highlighted (rich Text)."""
    from rich.text import Text

    s = c.sentence.strip("\n")
    lead = len(c.sentence) - len(c.sentence.lstrip("\n"))
    off = c.sentence_offset - lead
    n = c.quantity.vend - c.quantity.vstart
    if len(s) > 120:  # keep long sentences readable around the number
        a = max(0, off - 50)
        s, off = ("…" if a else "") + s[a : a + 110] + "…", off - a + (1 if a else 0)
    t = Text(s.replace("\n", " "))
    t.stylize("bold reverse", off, off + n)
    return t


def render_check(result, *, console=None) -> None:
    from rich.console import Console
    from rich.text import Text

    out = console or Console()
    if console is None and not out.is_terminal:
        out = Console(width=200)
    for e in result.errors:
        Console(stderr=True).print(
            f"factcheck: {e.path}: {e.reason}", markup=False, highlight=False
        )
    for f in result.findings:
        head = Text()
        head.append(f"{f.rule} {f.name}", style=SEVERITY_STYLE.get(f.severity, "bold"))
        head.append(f" ({f.severity})")
        out.print(head)
        out.print(Text(f.message), soft_wrap=False)
        for c in f.claims:
            loc = Text(f"  {c.path}:{c.line}:{c.column}  ", style="cyan")
            out.print(loc + _sentence(c))
        out.print()
    by = {"error": 0, "warning": 0, "info": 0}
    for f in result.findings:
        by[f.severity] += 1
    claims = sum(len(d.claims) for d in result.documents)
    summary = (
        f"{len(result.documents)} document(s), {claims} claim(s): "
        f"{by['error']} error(s), {by['warning']} warning(s), {by['info']} info"
    )
    out.print(Text(summary, style="bold" if result.findings else "green"))
