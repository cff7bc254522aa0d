"""The only module that knows the order of the stages: load → extract → frame → check."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from .model import Claim, Document, Finding, InputError, Quantity


@dataclass(frozen=True)
class Extracted:
    doc: Document
    quantities: tuple[Quantity, ...]
    claims: tuple[Claim, ...] = ()


@dataclass(frozen=True)
class CheckResult:
    documents: tuple[Extracted, ...]
    errors: tuple[InputError, ...]
    findings: tuple[Finding, ...]


def load_documents(paths: list[str]) -> Iterator[Document | InputError]:
    """Documents in input order; unreadable inputs become InputError (never raised)."""
    from .load import LoadError, Source, expand, load_source

    for src in expand(paths):
        if not isinstance(src, Source):
            yield InputError(src[0], src[1])
            continue
        try:
            yield load_source(src)
        except LoadError as e:
            yield InputError(src.path, str(e))


def extract_documents(
    paths: list[str],
    rules: tuple[str, ...] = (),
    *,
    frames: bool = False,
    date: str | None = None,
    explain: bool = False,
) -> Iterator[Extracted | InputError]:
    """Load and extract each input in turn (streaming); with frames=True also frame claims."""
    from .extract import extract, get_matcher

    get_matcher(rules)  # validate the rules before reading any input
    if frames:
        from .frame import document_date, frame_document
        from .vocab import load_vocab

        load_vocab(rules)
    for item in load_documents(paths):
        if isinstance(item, InputError):
            yield item
            continue
        try:
            qs = tuple(extract(item, rules, explain))
            claims: tuple[Claim, ...] = ()
            if frames:
                # the date the frames use (front matter, a date line near the top, or --date)
                item = replace(item, date=document_date(item, date))
                claims = tuple(frame_document(item, qs, rules, date))
        except Exception as e:  # a bug must cost one document, not the run
            yield InputError(
                item.path, f"internal error while reading figures: {type(e).__name__}: {e}"
            )
            continue
        yield Extracted(item, qs, claims)


def check_documents(
    paths: list[str],
    rules: tuple[str, ...] = (),
    *,
    date: str | None = None,
    select: tuple[str, ...] | None = None,
) -> CheckResult:
    """Extract and frame every document, then run the checks over all claims together."""
    from .checks import run_checks

    docs: list[Extracted] = []
    errors: list[InputError] = []
    for item in extract_documents(paths, rules, frames=True, date=date):
        if isinstance(item, InputError):
            errors.append(item)
        else:
            docs.append(item)
    claims = [c for d in docs for c in d.claims]
    crashes: list[str] = []
    findings = run_checks(claims, select, {d.doc.path: d.doc for d in docs}, rules, crashes)
    errors.extend(InputError("factcheck", msg) for msg in crashes)
    return CheckResult(tuple(docs), tuple(errors), tuple(findings))
