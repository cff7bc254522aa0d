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
        "Finds every quantity (1.5万亿元, 10,373亿元, 八个, 百分之三十, 三成), normalises it to an "
        "exact value, unit and interval, and flags figures that do not add up.\n\n"
        "Examples:\n\n"
        "  factcheck extract article.txt\n\n"
        "  factcheck extract drafts/ --format jsonl\n\n"
        "  cat draft.md | factcheck extract - --explain"
    ),
)


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
) -> None:
    """List every quantity with its normalised value, unit and interval.

    Examples:

      factcheck extract examples/

      factcheck extract article.html --format jsonl

      factcheck extract article.txt --explain
    """
    from .lexicon import RulesError
    from .pipeline import extract_documents

    try:
        results = extract_documents(paths, tuple(rules or ()))
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


def main() -> None:
    app()


if __name__ == "__main__":
    main()
