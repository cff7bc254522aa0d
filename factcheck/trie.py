"""Compile a word list into one prefix-trie regex: one C-level scan finds every word."""

from __future__ import annotations

import re
from typing import Any


def trie_regex(words: list[str]) -> re.Pattern[str] | None:
    """A regex matching any of `words`, longest first, compiled as a prefix trie (fast)."""
    words = sorted({w for w in words if w})
    if not words:
        return None
    trie: dict[str, Any] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict[str, Any]) -> str:
        end = "" in node
        branches = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch != ""]
        if not branches:
            return ""
        alt = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{alt})?" if end else alt

    return re.compile(build(trie))
