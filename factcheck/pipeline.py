"""The only module that knows the order of the stages: load → extract (→ frame → check)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .model import Document, InputError, Quantity


@dataclass(frozen=True)
class Extracted:
    doc: Document
    quantities: tuple[Quantity, ...]


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
    paths: list[str], rules: tuple[str, ...] = ()
) -> Iterator[Extracted | InputError]:
    from .extract import extract, get_matcher

    get_matcher(rules)  # validate the rules before reading any input
    for item in load_documents(paths):
        if isinstance(item, InputError):
            yield item
        else:
            yield Extracted(item, tuple(extract(item, rules)))
