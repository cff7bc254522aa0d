"""Load documents: bytes -> decoded text -> Document with an analysis view.

The analysis view is the text the extractor reads: markup removed (HTML tags, scripts,
styles, YAML front matter, URLs), full-width forms folded to ASCII, and the gaps that PDF
extraction leaves inside numbers and words closed ("82.0 亿个", "近 80\\n\\n家"). Every view
offset maps back to the decoded source text through an OffsetMap, so reported positions
are positions in the file an editor opens.
"""

from __future__ import annotations

import codecs
import functools
import hashlib
import html
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from difflib import SequenceMatcher
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import Path

import regex

from .model import Document, OffsetMap
from .segment import SECTION_NUMBER

EXTENSIONS = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
}
MAX_BYTES = 64 * 1024 * 1024


class LoadError(Exception):
    """The input cannot be read as a text document. str(e) is the reason."""


# ---------------------------------------------------------------- decoding

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Characters usual in Chinese news text: ASCII, Latin-1, general punctuation to symbols and
# box drawing, CJK punctuation, CJK ideographs (incl. extension A), full-width forms.
_USUAL = re.compile(
    r"[\t\n\r\x20-\x7e\u00a0-\u00ff\u2000-\u2bff\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]"
)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode bytes to text. Returns (text, encoding). Raises LoadError."""
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as e:
            raise LoadError(
                f"invalid UTF-8 after a UTF-8 byte-order mark (byte {e.start + 3})"
            ) from e
    for bom, enc in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[2:].decode(enc), "utf-16"
            except UnicodeDecodeError as e:
                raise LoadError(f"invalid UTF-16 text (byte {e.start + 2})") from e
    if not data:
        return "", "utf-8"
    try:
        text = data.decode("utf-8")
        enc = "utf-8"
    except UnicodeDecodeError:
        text, enc = _detect(data)
    if _looks_binary(text):
        raise LoadError("binary data, not text")
    return text, enc


def _detect(data: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes  # lazy: keeps start-up fast

    if b"\x00" in data[:4096]:
        # No BOM: NUL bytes mean UTF-16 or binary. Counting NULs cannot tell them apart (Chinese
        # text has few: only ASCII and code points like U+4E00 contribute one), so decode both
        # byte orders and keep the one that reads as text; binary data and the wrong byte order
        # decode to scattered code points (or fail on lone surrogates).
        chosen: tuple[float, str] | None = None
        for enc in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            sample = text[:4096]
            share = len(_USUAL.findall(sample)) / max(1, len(sample))
            if share >= 0.8 and (chosen is None or share > chosen[0]):
                chosen = (share, text)
        if chosen is None:
            raise LoadError("binary data, not text")
        return chosen[1], "utf-16"
    results = from_bytes(data, cp_isolation=["gb18030", "big5", "utf_16", "utf_8"])
    best = results.best()
    if best is None:
        results = from_bytes(data)
        best = results.best()
    if best is None or best.encoding not in {"gb18030", "gbk", "gb2312", "big5", "utf_16", "utf_8"}:
        raise LoadError("cannot decode: not UTF-8, GB18030/GBK, Big5 or UTF-16 text")
    return str(best), best.encoding


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    if not sample:
        return False
    return len(_CONTROL.findall(sample)) > max(8, len(sample) // 100)


# ---------------------------------------------------------------- view building

_WS = re.compile(r"[ \t\r\n\u3000\u00a0\u2000-\u200b\u202f\u205f\ufeff]+")
# Patterns compiled with the third-party regex engine are the ones it scans faster than re
# (measured on the benchmark corpus: those that begin with a lookbehind or an optional run,
# 2-14x); the others stay with re, which is faster for a leading character class.
_GAP = regex.compile(
    r"(?<=[\u3400-\u4dbf\u4e00-\u9fff〇0-9])[ \t\r\n\u3000\u00a0\u2000-\u200b\u202f\u205f\ufeff]+"
    r"(?=[\u3400-\u4dbf\u4e00-\u9fff〇0-9%‰])"
)
# A thin gap inside a number written with space-separated thousands (PDF "2 562.9万台"): a
# group of 1-3 digits that does not continue a number ("1, 234" stays a list), then groups of
# exactly 3 digits. Candidates are the gaps before 3 digits; the group before is checked in
# Python (a regex with a lookbehind at every position is 3x slower).
_THIN_GAP = re.compile(r"[ \u00a0\u2009\u202f]\d{3}(?!\d)")
_NOT_BEFORE_GROUP = frozenset("0123456789.,，:/-") | frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
)


def _thousands_gaps(view: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    joined: set[int] = set()  # ends of accepted gaps: "1 234 567" chains through 234
    for m in _THIN_GAP.finditer(view):
        p = m.start()
        k = p
        while k > 0 and k > p - 4 and view[k - 1].isdigit():
            k -= 1
        n = p - k
        if not 1 <= n <= 3:
            continue
        if k in joined:
            if n != 3:
                continue
        elif (
            k > 0
            and view[k - 1] in _NOT_BEFORE_GROUP
            # 截至10月末，1 219亿元: a comma after words starts a clause, not a list of numbers
            and not (view[k - 1] == "，" and k > 1 and not view[k - 2].isdigit())
        ):
            continue
        out.append((p, p + 1))
        joined.add(p + 1)
    return out


_URL = re.compile(r"(?:https?://|ftp://|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")
_WIDTH = str.maketrans(
    {
        **{chr(0xFF10 + i): str(i) for i in range(10)},
        **{chr(0xFF21 + i): chr(0x41 + i) for i in range(26)},
        **{chr(0xFF41 + i): chr(0x61 + i) for i in range(26)},
        "％": "%",
        "．": ".",
        "－": "-",
        "−": "-",
        "＋": "+",
        "／": "/",
        "～": "~",
        "＄": "$",
        "＜": "<",
        "＞": ">",
        "＝": "=",
        "﹪": "%",
        "＆": "&",
        "ｋ": "k",
        "Ｋ": "K",
    }
)
_WIDTH_MAP = {chr(k): v for k, v in _WIDTH.items()}
_WIDE = re.compile("[" + re.escape("".join(_WIDTH_MAP)) + "]")


def _is_han(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf" or c == "〇"


_NUMERAL_CHARS = set("零〇一二三四五六七八九十百千万亿两点點之分几多余")


def _title_line(view: str, a: int) -> bool:
    """Does the space at a separate two phrases of a headline ("…万人次 旅游收入…")? The line is
    short and has no sentence punctuation, and words of two or more Han characters that are not
    numerals stand on both sides (a PDF gap such as "82.0 亿 个" does not qualify)."""
    lo = view.rfind("\n", 0, a) + 1
    hi = view.find("\n", a)
    line = view[lo : hi if hi >= 0 else len(view)]
    if len(line) > 40 or any(c in line for c in "。，；！？,;"):
        return False
    i = a
    while i > lo and _is_han(view[i - 1]):
        i -= 1
    j = a + 1
    while j < len(view) and _is_han(view[j]):
        j += 1
    left, right = view[i:a], view[a + 1 : j]
    if len(left) < 2 or len(right) < 2:
        return False
    # a numeral on either side of the gap continues a number (四点 五个百分点, 二分 之一)
    return left[-1] not in _NUMERAL_CHARS and right[0] not in _NUMERAL_CHARS


@functools.lru_cache(maxsize=1)
def _unit_starts() -> frozenset[str]:
    """First characters of the shipped units and magnitudes (家, 亿, 个 …): after a number and a
    line break one of these continues the quantity (近 80⏎⏎家); other text begins a new line."""
    from .lexicon import load_lexicon

    lex = load_lexicon()
    return frozenset(f[0] for f in lex.units) | frozenset("十百千万亿兆")


def _ends_number(view: str, a: int) -> bool:
    """The text before offset a ends in a number (80, 1.5万亿): a break here splits a quantity."""
    c = view[a - 1]
    if c.isdigit():
        return True
    return c in "十百千万亿" and any(ch.isdigit() for ch in view[max(0, a - 5) : a - 1])


def _is_wrapped(view: str) -> bool:
    """PDF-extracted text: most lines stop mid-sentence (no closing punctuation)."""
    lines = [ln.strip() for ln in view.split("\n")]
    lines = [ln for ln in lines if len(ln) >= 6]
    if len(lines) < 8:
        return False
    open_end = sum(1 for ln in lines if _is_han(ln[-1]) or ln[-1].isdigit())
    return open_end / len(lines) >= 0.5


def _cells(line: str) -> int:
    """Display width: two cells for a CJK character, one for ASCII (from the UTF-8 length)."""
    return (len(line.encode("utf-8")) + len(line)) // 2


def _wrap_width(view: str) -> int | None:
    """The fixed width (in cells) the text was wrapped at, when it was (a PDF or a plain-text
    bulletin broken into lines of one width): most lines end within a few cells of it."""
    lines = [ln.rstrip() for ln in view[:200_000].split("\n", 2000)[:2000]]
    widths = sorted(_cells(ln) for ln in lines if len(ln.strip()) >= 6)
    if len(widths) < 8:
        return None
    w = widths[int(len(widths) * 0.9) - 1]
    near = sum(1 for x in widths if w - 4 <= x <= w + 1)
    return w if w <= 120 and near / len(widths) >= 0.4 else None


# these consume the character before the break (start + 1 is the break): a pattern that
# begins with a character class is scanned much faster than one that begins with a lookbehind
_QUOTE_WRAP = re.compile(r"[”」）》)][ \t]*\n[ \t\u3000]*(?=[\u4e00-\u9fff\d])")
_WRAP_BEFORE_PUNCT = regex.compile(r"[ \t]*\n[ \t\u3000]*(?=[，。；：、）》”,;:])")
_LIST_ITEM = re.compile(
    r"[-*+•·]|\d{1,2}[.、．)]|[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}、"
)
_PUNCT_WRAP = re.compile(r"[、，,；：][ \t]*\n[ \t\u3000]*(?=[\u4e00-\u9fff\d])")

# a numbered section heading on a line of its own: 四、财政和金融 / （二）工业 / 3. 消费
_HEADING = re.compile(rf"[ \t\u3000]*{SECTION_NUMBER}[^。，；！？,;]{{1,20}}$")

# after a break inside a number: its last digits and a unit ("0.5亿元", "5%")
_RUNS_ON = re.compile(r"\d*(?:[ \u00a0]\d{3})*(?:\.\d+)?\s*(?:[%‰]|[万亿]*[\u4e00-\u9fff])")


def _apart(view: str, a: int, b: int, first_end: int) -> bool:
    """A line break at view[a:b] that ends the first line (the title) or touches a centred
    line (eight or more leading spaces: an issuer or a date under a bulletin's title)."""
    if a == first_end:
        return True
    lo = view.rfind("\n", 0, a) + 1
    hi = view.find("\n", b)
    before = view[lo:a]
    after = view[view.rfind("\n", 0, b) + 1 : hi if hi >= 0 else len(view)]
    return any(len(x) - len(x.lstrip(" \u3000\t")) >= 8 for x in (before, after))


def _full_line(view: str, a: int, width: int) -> bool:
    """Does the line that ends at a reach the wrap width (a wrap, not a paragraph end)?"""
    lo = view.rfind("\n", 0, a) + 1
    return _cells(view[lo:a].rstrip()) >= width - 4


def _thousands_across(view: str, a: int, b: int) -> list[tuple[int, int]]:
    """Thousands gaps of a number that a line break (view[a:b]) splits, in view offsets."""
    lo, hi = max(0, a - 8), min(len(view), b + 8)
    left, right = view[lo:a], view[b:hi]
    out = []
    for x, y in _thousands_gaps(left + right):
        if y <= len(left):
            out.append((lo + x, lo + y))
        elif x >= len(left):
            out.append((b + x - len(left), b + y - len(left)))
    return out


# a Markdown pipe-table row: its cells become tab-separated, like an HTML table's (same length)
_PIPE_ROW = regex.compile(r"(?m)^[ \t]*\|.*\|[ \t]*$")
_BLANK = frozenset(" \t\r\n\u3000")
# a wrap at a decimal point: "8⏎.3万亿元", "0.⏎5%"
_DECIMAL_WRAP = regex.compile(r"(?<=\d)[ \t]*\n[ \t]*(?=\.\d)|(?<=\d\.)[ \t]*\n[ \t]*(?=\d)")
# a wrap at a thousands gap, the space carried to the next line: "3⏎ 200.3亿元", "13⏎ 659万吨"
_THOUSANDS_WRAP = regex.compile(r"(?<![\d.])(\d{1,3})[ \t]*\n[ \u00a0\u2009\u202f](\d{3})(?![\d])")
_PAGE_NUMBER = re.compile(r"(?m)^[ \t]*[—–－-]{1,2}[ \t]*\d{1,4}[ \t]*[—–－-]{1,2}[ \t]*$")


def _removals(view: str, markup: bool = False, tables: bool = False) -> list[tuple[int, int]]:
    """View spans to drop: URLs, and whitespace gaps inside numbers and words. With markup
    (HTML) every line break comes from a block tag: a real break, never a hard wrap."""
    spans = [m.span() for m in _URL.finditer(view)]
    spans.extend(_thousands_gaps(view))  # 2 562.9万台: one number, not 2 and 562.9万台
    open_ended = not markup and _is_wrapped(view)  # most lines stop mid-sentence: join them
    # wrapped at a fixed width: join the lines that reach it
    width = None if markup else _wrap_width(view)
    wrapped = open_ended or width is not None
    for m in _PAGE_NUMBER.finditer(view):  # "— 2 —" between the pages of a PDF
        a, b = m.span()
        if wrapped:  # the text runs on across the page break: drop the break with the number
            a2, b2 = a, b
            while a2 > 0 and view[a2 - 1] in _BLANK:
                a2 -= 1
            while b2 < len(view) and view[b2] in _BLANK:
                b2 += 1
            c1, c2 = view[a2 - 1 : a2] or "x", view[b2 : b2 + 1] or "x"
            lo = view.rfind("\n", 0, a2) + 1
            if (
                (_is_han(c1) or c1.isdigit() or c1 in "、，,")
                and (_is_han(c2) or c2.isdigit() or c2 in "%‰")
                and not (c1.isdigit() and c2.isdigit())
                and not _HEADING.match(view, lo, a2)  # 五、财政和金融 ⏎ — 1 — ⏎ 全年…
                and (open_ended or width is None or _full_line(view, a2, width))
            ):
                spans.append((a2, b2))
                continue
        spans.append((a, b))
    if wrapped:  # a number split at its decimal point or at a thousands gap
        spans.extend(m.span() for m in _DECIMAL_WRAP.finditer(view))
        spans.extend((m.end(1), m.start(2)) for m in _THOUSANDS_WRAP.finditer(view))
    if wrapped:  # 支持“专精特新”⏎企业发展: a wrap right after a closing quote or bracket
        for m in _QUOTE_WRAP.finditer(view):
            a, b = m.start() + 1, m.end()
            if view[a - 2 : a - 1] not in "。！？!?" and (open_ended or _full_line(view, a, width)):
                spans.append((a, b))
    if wrapped:  # 增长7%⏎；一般公共预算收入: a wrap right before punctuation
        for m in _WRAP_BEFORE_PUNCT.finditer(view):
            a, b = m.span()
            if a > 0 and view[a - 1] not in "\n" and (open_ended or _full_line(view, a, width)):
                spans.append((a, b))
    if (
        not markup
    ):  # 黑龙江、⏎河南, 洛阳增长9.2%，⏎高出全省: a line never ends a paragraph on a comma
        for m in _PUNCT_WRAP.finditer(view):
            a, b = m.start() + 1, m.end()
            lo = view.rfind("\n", 0, a) + 1
            if (wrapped and (open_ended or (width is not None and _full_line(view, a, width)))) or (
                a - lo >= 20 and not _LIST_ITEM.match(view, b)
            ):
                spans.append((a, b))
    n = len(view)
    first = re.search(r"\S[^\n]*", view)
    first_end = first.end() if first else 0
    for m in _GAP.finditer(view):  # whitespace between a Han character or digit and another
        a, b = m.span()
        if a == 0 or b >= n:
            continue
        c1, c2 = view[a - 1], view[b]
        d1, d2 = c1.isdigit(), c2.isdigit()
        h1, h2 = _is_han(c1), _is_han(c2)
        if not ((h1 or d1) and (h2 or d2 or c2 in "%‰")):
            continue
        if d1 and d2:
            if (
                not wrapped
                or view[a:b].strip(" \t\r") != "\n"
                or view[b - 1] != "\n"
                or not ((width and _full_line(view, a, width)) or _RUNS_ON.match(view, b))
            ):
                continue  # two numbers, unless a number runs on past a wrapped line break
            spans.append((a, b))
            spans.extend(_thousands_across(view, a, b))  # "2 41⏎0.5亿元" is 2 410.5亿元
            continue
        if (markup or tables) and "\t" in view[a:b]:
            continue  # between the cells of a table row
        if (
            h1
            and h2
            and not d1
            and (
                any(ch in "\xa0\u3000" for ch in view[a:b])
                or (view[a:b] == " " and _title_line(view, a))
            )
        ):
            continue  # 占比超五成&nbsp;&nbsp;利用率, a headline's "…亿吨 集装箱…": two phrases
        nl = view.count("\n", a, b)
        if nl > 2:
            continue  # two blank lines: a real break
        splits_number = bool(nl) and (
            _ends_number(view, a) and (c2 in _unit_starts() or c2 in "%‰")
        )
        if nl and not wrapped and not splits_number:
            continue  # a paragraph break, unless it splits a number from its unit
        if nl and not splits_number and _apart(view, a, b, first_end):
            continue  # the title's end, or a centred line (issuer, date): not wrapped text
        if nl and not splits_number and _HEADING.match(view, view.rfind("\n", 0, a) + 1, a):
            continue  # "四、财政和金融" on its own line: a section heading, not wrapped text
        if nl and not splits_number:
            e = view.find("\n", b)
            if _HEADING.match(view, b, len(view) if e < 0 else e):
                continue  # …会议上 ⏎ 一、2023年工作回顾: a heading starts its own line
        if nl and not open_ended and width is not None and not splits_number:
            if not _full_line(view, a, width):
                continue  # a short line in wrapped text: a heading or a paragraph's end
        spans.append((a, b))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def build_view(
    pieces: list[tuple[int, str]],
    wide: dict[int, int] | None = None,
    markup: bool = False,
    tables: bool = False,
) -> tuple[str, OffsetMap]:
    """pieces: (source offset, text) in order; wide: source offset -> source length of pieces
    that stand for a longer source text (HTML entities). Returns the view and its map."""
    wide = wide or {}
    raw = _WIDE.sub(lambda m: _WIDTH_MAP[m.group()], "".join(t for _, t in pieces))
    bps_v: list[int] = []
    bps_s: list[int] = []
    pos = 0
    for s, t in pieces:
        if t:
            bps_v.append(pos)
            bps_s.append(s)
            pos += len(t)
    kept: list[tuple[int, int]] = []
    cur = 0
    for a, b in _removals(raw, markup, tables):
        if a > cur:
            kept.append((cur, a))
        cur = max(cur, b)
    if cur < len(raw):
        kept.append((cur, len(raw)))
    out_v: list[int] = []
    out_s: list[int] = []
    chunks: list[str] = []
    fpos = 0
    j = 0
    for a, b in kept:
        chunks.append(raw[a:b])
        while j + 1 < len(bps_v) and bps_v[j + 1] <= a:
            j += 1
        k = j
        p = a
        while p < b:
            seg_end = bps_v[k + 1] if k + 1 < len(bps_v) else b
            end = min(seg_end, b)
            out_v.append(fpos + (p - a))
            out_s.append(bps_s[k] + (p - bps_v[k]) if bps_v else p)
            p = end
            k += 1
        fpos += b - a
    vwide = {v: wide[s] for v, s in zip(out_v, out_s, strict=True) if s in wide}
    return "".join(chunks), OffsetMap(tuple(out_v), tuple(out_s), vwide)


# ---------------------------------------------------------------- HTML

_BLOCK = {
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "tr",
    "table",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "pre",
    "hr",
    "dd",
    "dt",
    "figcaption",
    "figure",
    "title",
    "main",
    "aside",
    "nav",
}
_CELL = {"td", "th"}
_SKIP = {"script", "style", "noscript", "template", "head", "svg", "iframe", "object"}
_TAGS = regex.compile(
    r"<(?:p|div|br|span|a|html|body|h[1-6]|li|table|font|strong|img)\b[^>]*>", regex.I
)


_ENTITY = re.compile(r"&#?[A-Za-z0-9]+;?")


class _TextParser(HTMLParser):
    def __init__(self, text: str, base: int) -> None:
        super().__init__(convert_charrefs=False)
        self.base = base
        self.text = text
        self.wide: dict[int, int] = {}
        self.line_starts = [0]
        for m in re.finditer("\n", text):
            self.line_starts.append(m.end())
        self.pieces: list[tuple[int, str]] = []
        self.skip = 0
        self.title: list[str] = []
        self.in_title = False
        self.pre = 0  # inside <pre>: line breaks are the text's own

    def _pos(self) -> int:
        line, col = self.getpos()
        return self.base + self.line_starts[line - 1] + col

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _SKIP and tag != "head":
            self.skip += 1
        if tag == "title":
            self.in_title = True
        if tag == "pre":
            self.pre += 1
        if tag in _CELL:  # cells of a row stay on its line, a tab apart
            self.pieces.append((self._pos(), "\t"))
        if tag in _BLOCK:
            self.pieces.append((self._pos(), "\n"))

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        if tag in _BLOCK:
            self.pieces.append((self._pos(), "\n"))

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP and tag != "head" and self.skip:
            self.skip -= 1
        if tag == "title":
            self.in_title = False
        if tag == "pre" and self.pre:
            self.pre -= 1
        if tag in _BLOCK:
            self.pieces.append((self._pos(), "\n"))

    def _text(self, t: str) -> None:
        if self.in_title:
            self.title.append(t)
            return
        if not self.skip:
            if self.pre == 0 and ("\n" in t or "\r" in t):
                t = t.replace("\r", " ").replace("\n", " ")  # source formatting, not a break
            self.pieces.append((self._pos(), t))

    def handle_data(self, data: str) -> None:
        self._text(data)

    def _entity(self, raw: str) -> None:
        pos = self._pos()
        m = _ENTITY.match(self.text, pos - self.base)
        if m and not self.in_title and not self.skip:
            self.wide[pos] = len(m.group())
        self._text(html.unescape(raw))

    def handle_entityref(self, name: str) -> None:
        self._entity(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self._entity(f"&#{name};")


def _html_pieces(text: str, base: int) -> tuple[list[tuple[int, str]], str | None, dict[int, int]]:
    p = _TextParser(text, base)
    p.feed(text)
    p.close()
    title = "".join(p.title).strip() or None
    return p.pieces, title, p.wide


def looks_like_html(body: str) -> bool:
    head = body[:20000]
    return len(_TAGS.findall(head)) >= 3 or head.lstrip().lower().startswith(("<!doctype", "<html"))


# ---------------------------------------------------------------- front matter and dates

_FM = re.compile(r"\A\ufeff?\s*---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_CN_DATE = regex.compile(r"(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?")


def parse_date(value: object) -> str | None:
    """Normalise a date (YAML date, ISO, RFC 2822, 2022年7月2日) to yyyy-mm-dd."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if value is None:
        return None
    s = str(value).strip()
    m = _CN_DATE.search(s)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            return None
    try:
        return parsedate_to_datetime(s).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def _front_matter(text: str) -> tuple[int, str | None, str | None]:
    """Returns (body start offset, title, date) from YAML front matter, if any."""
    m = _FM.match(text)
    if not m:
        return 0, None, None
    if len(m.group(1)) > 64 * 1024:
        return m.end(), None, None  # not a real header; never spend time on it
    import yaml

    try:
        # libyaml's loader when PyYAML was built with it (about 10x faster), else PyYAML's own
        meta = yaml.load(m.group(1), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (yaml.YAMLError, ValueError):  # ValueError: a date YAML cannot build (2022-02-30)
        meta = None
    if not isinstance(meta, dict):
        return m.end(), None, None
    title = meta.get("title")
    title = str(title).strip() if title is not None else None
    return m.end(), title or None, parse_date(meta.get("date"))


# ---------------------------------------------------------------- documents


def _with_title(
    text: str, body_start: int, title: str, pieces: list[tuple[int, str]]
) -> list[tuple[int, str]]:
    """Put a front-matter title in front of the body as the headline line, mapped to where
    it is written in the front matter, so its figures are claims (the headline checks need
    them). Not when the title cannot be found verbatim, or the body starts with its own
    heading or repeats the title."""
    at = text.find(title, 0, body_start)
    if at < 0 or "\n" in title:
        return pieces
    head = "".join(t for _, t in pieces[:8]).lstrip()[:200]
    first = head.split("\n", 1)[0].strip()
    if first.startswith("#"):
        return pieces  # the body has its own headline
    if first and (
        first in title
        or title in first
        or SequenceMatcher(None, first, title, autojunk=False).ratio() >= 0.8
    ):
        return pieces  # "# 标题" repeats it as the first line of the body
    return [(at, title), (at + len(title), "\n\n"), *pieces]


def kind_of(path: str, body: str) -> str:
    kind = EXTENSIONS.get(Path(path).suffix.lower(), "txt")
    if kind != "html" and looks_like_html(body):
        return "html"
    return kind


def _line_starts(text: str) -> tuple[int, ...]:
    starts = [0]
    starts.extend(m.end() for m in re.finditer("\n", text))
    return tuple(starts)


def parse_document(path: str, text: str, encoding: str = "utf-8", sha256: str = "") -> Document:
    """Build a Document from decoded text. Pure: same input, same Document."""
    body_start, title, when = _front_matter(text)
    body = text[body_start:]
    kind = kind_of(path, body)
    if kind == "html":
        pieces, html_title, wide = _html_pieces(body, body_start)
        title = title or html_title
    else:
        if kind == "md" and "|" in body:
            body = _PIPE_ROW.sub(lambda m: m.group().replace("|", "\t"), body)
        pieces, wide = [(body_start, body)], {}
    if body_start and title:
        pieces = _with_title(text, body_start, title, pieces)
    view, vmap = build_view(pieces, wide, markup=kind == "html", tables=kind == "md")
    first = re.search(r"\S[^\n]*", view)
    headline_end = first.end() if first else 0
    if title is None and first:
        title = first.group().strip().lstrip("#").strip() or None
    return Document(
        path=path,
        text=text,
        view=view,
        vmap=vmap,
        title=title,
        date=when,
        encoding=encoding,
        kind=kind,
        sha256=sha256 or hashlib.sha256(text.encode("utf-8")).hexdigest(),
        headline_end=headline_end,
        line_starts=_line_starts(text),
    )


def load_bytes(path: str, data: bytes) -> Document:
    if len(data) > MAX_BYTES:
        raise LoadError(f"file too large ({len(data)} bytes; limit {MAX_BYTES})")
    text, enc = decode_bytes(data)
    return parse_document(path, text, enc, hashlib.sha256(data).hexdigest())


@dataclass(frozen=True)
class Source:
    """One input: a path to read, or stdin's bytes."""

    path: str
    data: bytes | None = None


def _folder_files(root: str) -> Iterator[str | tuple[str, str]]:
    """The files of a folder with a known extension, recursively, in path order (by parts, as
    pathlib sorts), streamed: one listing per open folder is held, never the whole tree.
    Hidden files and folders (.git) are skipped without being walked; symlinked folders are
    not followed. A folder that cannot be listed is yielded as (path, reason)."""
    stack: list[Iterator[tuple[str, str, bool]]] = []

    def listing(folder: str) -> Iterator[tuple[str, str, bool]] | tuple[str, str]:
        try:
            with os.scandir(folder) as it:
                entries = sorted((e.name, e.path, e.is_dir(follow_symlinks=False)) for e in it)
        except OSError as e:
            return folder, f"cannot list folder: {e.strerror or e}"
        return iter(entries)

    first = listing(root)
    if isinstance(first, tuple):
        yield first
        return
    stack.append(first)
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        name, path, is_dir = entry
        if name.startswith("."):
            continue
        if is_dir:
            sub = listing(path)
            if isinstance(sub, tuple):
                yield sub
            else:
                stack.append(sub)
        elif os.path.splitext(name)[1].lower() in EXTENSIONS and os.path.isfile(path):
            yield path


def expand(paths: list[str]) -> Iterator[Source | tuple[str, str]]:
    """Expand CLI paths: folders recursively (known extensions, sorted), '-' for stdin.

    Yields Source objects, or (path, reason) for inputs that cannot be read at all.
    """
    import sys

    for p in paths:
        if p == "-":
            yield Source("<stdin>", sys.stdin.buffer.read())
            continue
        path = Path(p)
        if path.is_dir():
            for f in _folder_files(str(path)):
                yield Source(f) if isinstance(f, str) else f
        elif path.is_file():
            yield Source(str(path))
        elif path.exists():
            yield (p, "not a regular file")
        else:
            yield (p, "no such file or directory")


def load_source(src: Source) -> Document:
    """Read and parse one Source. Raises LoadError with a one-line reason."""
    data = src.data
    if data is None:
        try:
            with open(src.path, "rb") as f:
                size = os.fstat(f.fileno()).st_size
                if size > MAX_BYTES:
                    raise LoadError(f"file too large ({size} bytes; limit {MAX_BYTES})")
                data = f.read()
        except PermissionError as e:
            raise LoadError("permission denied") from e
        except OSError as e:
            raise LoadError(e.strerror or str(e)) from e
    return load_bytes(src.path, data)
