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


class WordMatch:
    """The part of re.Match that word scans use: start(), end(), group()."""

    __slots__ = ("_s", "_e", "_w")

    def __init__(self, s: int, e: int, w: str) -> None:
        self._s, self._e, self._w = s, e, w

    def start(self) -> int:
        return self._s

    def end(self) -> int:
        return self._e

    def group(self, _: int = 0) -> str:
        return self._w


class WordScanner:
    """Leftmost-longest search for any of many words, with the re.Pattern methods the
    framer uses (search, match, finditer, findall). An Aho-Corasick automaton (C): the
    cost of a scan does not grow with the number of words, unlike one big alternation."""

    def __init__(self, words: list[str]) -> None:
        import ahocorasick

        self.words = sorted({w for w in words if w})
        self._maxlen = max(map(len, self.words))
        self._a = ahocorasick.Automaton()
        for w in self.words:
            self._a.add_word(w, w)
        self._a.make_automaton()
        self.pattern = "|".join(self.words)

    def __bool__(self) -> bool:
        return bool(self.words)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None):
        end = len(text) if endpos is None else min(endpos, len(text))
        if pos >= end:
            return
        if pos == 0 and end == len(text):
            for last, w in self._a.iter_long(text):
                yield WordMatch(last + 1 - len(w), last + 1, w)
            return
        # the automaton reads the whole string it is given at each call, whatever the range:
        # give it only the range, so that many small searches in a long text stay linear
        for last, w in self._a.iter_long(text[pos:end]):
            yield WordMatch(pos + last + 1 - len(w), pos + last + 1, w)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> WordMatch | None:
        """The first match at or after pos, looked for in growing windows: a loop of searches
        through a long text reads each part of it a bounded number of times."""
        end = len(text) if endpos is None else min(endpos, len(text))
        longest = self._maxlen
        width = 1024
        while pos < end:
            hi = min(end, pos + width)
            first = next(iter(self._a.iter_long(text[pos:hi])), None)
            if first is None:
                if hi == end:
                    return None
                pos = max(pos + 1, hi - longest + 1)  # a word may start there and cross hi
                continue
            last, w = first
            start = pos + last + 1 - len(w)
            if hi == end or start + longest <= hi:
                # every word that starts at or before this one ends inside the window
                return WordMatch(start, pos + last + 1, w)
            width *= 2  # too near the window's end: look again with a wider one
        return None

    def match(self, text: str, pos: int = 0) -> WordMatch | None:
        m = self.search(text, pos, pos + self._maxlen)
        return m if m is not None and m.start() == pos else None

    def findall(self, text: str) -> list[str]:
        return [m.group() for m in self.finditer(text)]


def word_scanner(words: list[str]) -> WordScanner | None:
    words = [w for w in words if w]
    return WordScanner(words) if words else None
