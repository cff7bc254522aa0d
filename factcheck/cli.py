"""Command-line interface: parse options, call the pipeline, render, return an exit status.

Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage or input errors.
Heavy modules are imported inside the commands so that `factcheck --help` stays fast.
"""

from __future__ import annotations

import sys
from enum import Enum
from typing import Annotated

import typer

from . import __version__

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    help=(
        "Numeric fact checker for Chinese news text.\n\n"
        "Finds every quantity (1.5万亿元, 12,013亿元, 八个, 百分之三十, 三成), normalises it to an "
        "exact value, unit and interval, and flags figures that do not add up.\n\n"
        "Examples:\n\n"
        "  factcheck check examples/\n\n"
        "  factcheck check drafts/ published/ --format json > report.json\n\n"
        "  factcheck extract article.txt --explain\n\n"
        "  cat draft.md | factcheck extract - --format jsonl\n\n"
        "  factcheck explain FC103"
    ),
)


class CheckFormat(str, Enum):
    table = "table"
    json = "json"
    line = "line"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


class ExtractFormat(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"factcheck {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Numeric fact checker for Chinese news text."""


def _err(path: str, reason: str) -> None:
    sys.stderr.write(f"factcheck: {path}: {reason}\n")


DateOpt = Annotated[
    str | None,
    typer.Option("--date", help="Date (YYYY-MM-DD) for documents without one; resolves 今年/去年."),
]

RulesOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--rules", help="Extra rules directory (overlays the shipped rules/). Repeatable."
    ),
]


@app.command()
def extract(
    paths: Annotated[
        list[str], typer.Argument(help="Files or folders (.txt .md .html .htm); '-' reads stdin.")
    ],
    format: Annotated[
        ExtractFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ExtractFormat.table,
    explain: Annotated[
        bool, typer.Option("--explain", help="Show how each value was derived.")
    ] = False,
    rules: RulesOpt = None,
    date: DateOpt = None,
) -> None:
    """List every quantity with its normalised value, unit, interval and claim frame.

    Examples:

      factcheck extract examples/

      factcheck extract article.html --format jsonl

      factcheck extract article.txt --explain
    """
    from .lexicon import RulesError
    from .pipeline import extract_documents

    try:
        results = extract_documents(
            paths, tuple(rules or ()), frames=True, date=_date(date), explain=explain
        )
        if format is ExtractFormat.table:
            from .report.terminal import render_extract

            status = render_extract(results, explain=explain)
        else:
            from .report.jsonout import write_extract

            status = write_extract(
                results, sys.stdout, lines=format is ExtractFormat.jsonl, explain=explain
            )
    except RulesError as e:
        _err("rules", str(e))
        raise typer.Exit(2) from e
    raise typer.Exit(status)


@app.command()
def check(
    paths: Annotated[
        list[str], typer.Argument(help="Files or folders; all documents are cross-checked.")
    ],
    format: Annotated[
        CheckFormat, typer.Option("--format", "-f", help="Output format.")
    ] = CheckFormat.table,
    fail_on: Annotated[
        FailOn,
        typer.Option("--fail-on", help="Exit 1 when a finding is at or above this severity."),
    ] = FailOn.error,
    select: Annotated[
        list[str] | None,
        typer.Option("--select", help="Run only these checks (code or name). Repeatable."),
    ] = None,
    rules: RulesOpt = None,
    date: DateOpt = None,
) -> None:
    """Find figures that contradict each other across documents or do not add up within one.

    Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage or input errors.

    Examples:

      factcheck check examples/

      factcheck check draft.md published/ --format line

      factcheck check drafts/ --format json --fail-on warning > report.json
    """
    from .checks import REGISTRY
    from .lexicon import RulesError
    from .pipeline import check_documents

    if select:
        known = set(REGISTRY) | {i.name for i in REGISTRY.values()}
        unknown = [s for s in select if s not in known]
        if unknown:
            _err("--select", f"unknown check {', '.join(unknown)} (see factcheck explain)")
            raise typer.Exit(2)
    try:
        result = check_documents(
            paths, tuple(rules or ()), date=_date(date), select=tuple(select or ())
        )
    except RulesError as e:
        _err("rules", str(e))
        raise typer.Exit(2) from e
    if format is CheckFormat.json:
        from .report.jsonout import write_report

        for e in result.errors:
            _err(e.path, e.reason)
        write_report(result, sys.stdout)
    elif format is CheckFormat.line:
        from .report.line import write_lines

        for e in result.errors:
            _err(e.path, e.reason)
        write_lines(result, sys.stdout)
    else:
        from .report.terminal import render_check

        render_check(result)
    if result.errors:
        raise typer.Exit(2)
    order = ["info", "warning", "error"]
    if fail_on is not FailOn.never:
        threshold = order.index(fail_on.value)
        if any(order.index(f.severity) >= threshold for f in result.findings):
            raise typer.Exit(1)
    raise typer.Exit(0)


@app.command()
def explain(
    code: Annotated[
        str | None, typer.Argument(help="A check code (FC103) or name; omit to list all.")
    ] = None,
) -> None:
    """Explain a check: what it checks, why it matters, what fails and what passes."""
    from .checks import REGISTRY

    if code is None:
        for info in REGISTRY.values():
            first = info.doc.splitlines()[0] if info.doc else ""
            typer.echo(
                f"{info.code}  {info.name:<22} {info.severity:<8} {first.split(': ', 1)[-1]}"
            )
        raise typer.Exit(0)
    info = REGISTRY.get(code.upper()) or next(
        (i for i in REGISTRY.values() if i.name == code), None
    )
    if info is None:
        _err("explain", f"unknown check '{code}' (run `factcheck explain` for the list)")
        raise typer.Exit(2)
    typer.echo(f"{info.code} {info.name} (severity: {info.severity})\n")
    typer.echo(info.doc)
    raise typer.Exit(0)


def _date(value: str | None) -> str | None:
    """Validate --date: YYYY-MM-DD (or 2023年5月20日). Usage error otherwise."""
    if value is None:
        return None
    from datetime import date as _d

    from .load import parse_date

    try:
        return _d.fromisoformat(value).isoformat()
    except ValueError:
        parsed = parse_date(value)
    if parsed is None:
        _err("--date", f"not a date: {value!r} (use YYYY-MM-DD)")
        raise typer.Exit(2)
    return parsed


def main() -> None:
    app()


if __name__ == "__main__":
    main()
