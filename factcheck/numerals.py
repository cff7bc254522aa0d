"""Parse a numeral run (Arabic, Chinese, or mixed) into an exact Decimal.

A run is what the extractor matched: digits, Chinese numeral characters, magnitudes
(十百千万亿), the decimal point 点 and the approximation markers 几/多/余. Examples:
"1.5万亿", "12,013", "一千二百三十四", "一万二", "三点五", "2千零30万", "十几", "500余万",
"三四" (a range), "二〇二二" (a digit string).

The parser is table-driven (digits and magnitudes come from rules/magnitudes.yaml) and pure.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import NamedTuple

from .lexicon import Lexicon

_tuple_new = tuple.__new__  # a NamedTuple without its Python-level __new__ (hot path)
_ZERO = Decimal(0)
_ONE = Decimal(1)
_POW10 = tuple(Decimal(10) ** e for e in range(64))


def _pow10(e: int) -> Decimal:
    return _POW10[e] if 0 <= e < 64 else Decimal(10) ** e


def _exact(
    value: Decimal, res_exp: int, decimals: int | None, has_arabic: bool, has_digit: bool
) -> Parsed:
    """A Parsed numeral with no range or approximation (built without its Python __new__)."""
    return _tuple_new(
        Parsed,
        (value, res_exp, decimals, None, None, False, False, None, False, has_arabic, has_digit),
    )


_ARABIC = re.compile(r"\d+(?:[,，]\d{3}(?!\d))*(?:\.\d+)?|\.\d+")


class Parsed(NamedTuple):
    """A parsed numeral (immutable; a NamedTuple because the extractor builds one per figure)."""

    value: Decimal
    res_exp: int  # the stated precision is 10**res_exp (last nonzero digit, or last decimal)
    decimals: int | None = None  # digits after the decimal point, None for integers
    low: Decimal | None = None  # set for ranges and approximate numerals
    high: Decimal | None = None
    low_open: bool = False
    high_open: bool = False
    approx: str | None = None  # 几 / 多 / 余 / range
    digit_string: bool = False  # 二〇二二: digits read one by one, no magnitudes
    has_arabic: bool = False
    has_digit: bool = True  # False for magnitude-only runs such as 千亿


class _Tok(NamedTuple):
    kind: str  # num | dig | small | big | point | approx
    text: str
    value: Decimal = Decimal(0)
    exp: int = 0
    decimals: int | None = None


def tokenize(run: str, lex: Lexicon) -> list[_Tok] | None:
    toks: list[_Tok] = []
    table = lex.numeral_tokens  # digits first, then small and big units, points, 几/多/余
    i = 0
    n = len(run)
    while i < n:
        c = run[i]
        if c.isdigit() or (c == "." and i + 1 < n and run[i + 1].isdigit()):
            m = _ARABIC.match(run, i)
            if not m:
                return None
            s = m.group().replace(",", "").replace("，", "")
            dec = len(s.split(".")[1]) if "." in s else None
            toks.append(_Tok("num", m.group(), Decimal(s), decimals=dec))
            i = m.end()
            continue
        t = table.get(c)
        if t is None:
            return None
        kind, value, exp = t
        toks.append(_tuple_new(_Tok, (kind, c, value, exp, None)))
        i += 1
    return toks


def _trailing_zeros(v: Decimal) -> int:
    if v == 0 or v != v.to_integral_value():
        return 0
    s = str(v)
    if "E" in s or "." in s:
        s = str(int(abs(v)))
    return len(s) - len(s.rstrip("0"))


def _core(toks: list[_Tok]) -> tuple[Decimal, int | None, int] | None:
    """Evaluate tokens without approximation markers.

    Returns (value, decimals, decimal_exp) where decimals is the count of stated decimal
    digits (None for an integer) and decimal_exp the power of ten applied after them.
    """
    groups: list[tuple[Decimal, int, bool]] = []  # (value, exp, holds the decimal)
    section = Decimal(0)
    pending: Decimal | None = None
    pending_simple = False  # a single Chinese digit: may take an implied place (一万二)
    last_unit = None  # exponent of the last unit seen, for the implied place
    zero_gap = False
    small_seen: int | None = None
    decimals: int | None = None
    dec_exp = 0
    section_has_dec = False
    i = 0
    n = len(toks)

    def resolve(implied: bool = True) -> Decimal:
        if pending is None:
            return Decimal(0)
        if implied and pending_simple and last_unit is not None and not zero_gap and last_unit >= 1:
            return pending * _pow10(last_unit - 1)
        return pending

    while i < n:
        t = toks[i]
        if t.kind in ("num", "dig"):
            if pending is not None:
                return None  # two numbers in a row: not one numeral
            if t.kind == "dig" and t.value == 0:
                zero_gap = True
                i += 1
                continue
            pending = t.value
            # a single digit may take an implied place: 一万二, 1万2 (12000)
            pending_simple = t.kind == "dig" or (t.decimals is None and len(t.text) == 1)
            if t.decimals is not None:
                if decimals is not None:
                    return None
                decimals = t.decimals
                section_has_dec = True
        elif t.kind == "small":
            if small_seen is not None and t.exp >= small_seen:
                return None  # 十百, 千千: out of order
            mult = pending if pending is not None else Decimal(1)
            if pending is not None and not pending_simple and mult != mult.to_integral_value():
                if section or groups or toks[i - 1].kind != "num":
                    return None
                dec_exp += t.exp  # 3.5百万, 1.2千万: a decimal times a small unit
            section += mult * _pow10(t.exp)
            small_seen = t.exp
            pending = None
            last_unit = t.exp
            zero_gap = False
        elif t.kind == "big":
            v = section + resolve(implied=False)
            carried = section_has_dec
            combined_exp = 0
            while groups and groups[-1][1] <= t.exp:
                gv, ge, gd = groups.pop()
                v += gv
                combined_exp = max(combined_exp, ge)
                carried = carried or gd
            if v == 0 and not combined_exp:
                if i > 0:
                    return None  # 万 with nothing to multiply
                v = Decimal(1)  # a run that opens with a magnitude: 突破万亿元 is 1万亿元
            if carried:
                dec_exp += t.exp
            groups.append((v * _pow10(t.exp), t.exp + combined_exp, carried))
            section = Decimal(0)
            pending = None
            small_seen = None
            last_unit = t.exp
            zero_gap = False
            section_has_dec = False
        elif t.kind == "point":
            if decimals is not None:
                return None
            whole = section + resolve()
            digits = ""
            j = i + 1
            while j < n and toks[j].kind in ("dig", "num"):
                if toks[j].kind == "num":
                    if toks[j].decimals is not None or not toks[j].text.isdigit():
                        return None  # 0点12,013: no separators after a decimal point
                    digits += toks[j].text
                else:
                    digits += str(int(toks[j].value))
                j += 1
            if not digits:
                return None
            pending = whole + Decimal("0." + digits)
            pending_simple = False
            section = Decimal(0)
            small_seen = None
            decimals = len(digits)
            section_has_dec = True
            i = j
            continue
        else:
            return None
        i += 1
    value = sum((g[0] for g in groups), Decimal(0)) + section + resolve()
    return value, decimals, dec_exp


def _res_exp(value: Decimal, decimals: int | None, dec_exp: int) -> int:
    if decimals is not None:
        return dec_exp - decimals
    return _trailing_zeros(value)


def _digit_string(toks: list[_Tok]) -> Parsed | None:
    if len(toks) < 2 or any(t.kind != "dig" for t in toks):
        return None
    vals = [int(t.value) for t in toks]
    if len(vals) == 2 and vals[1] == vals[0] + 1 and vals[0] > 0:
        lo, hi = Decimal(vals[0]), Decimal(vals[1])
        return Parsed(lo, 0, low=lo, high=hi, approx="range")
    v = Decimal("".join(str(d) for d in vals))
    return Parsed(v, 0, digit_string=True)


def _consecutive_range(toks: list[_Tok]) -> Parsed | None:
    """三四十 -> [30, 40]; 两三千 -> [2000, 3000]; 十七八 -> [17, 18]."""
    if any(t.kind == "point" for t in toks):
        return None  # 零点八九: decimal digits are read one by one, never a range
    for i in range(len(toks) - 1):
        a, b = toks[i], toks[i + 1]
        if a.kind == "dig" and b.kind == "dig" and a.value > 0 and b.value == a.value + 1:
            if i > 0 and toks[i - 1].kind in ("dig", "num"):
                return None
            if i + 2 < len(toks) and toks[i + 2].kind in ("dig", "num"):
                return None
            lo = _core(toks[: i + 1] + toks[i + 2 :])
            hi = _core(toks[:i] + toks[i + 1 :])
            if lo is None or hi is None:
                return None
            return Parsed(
                lo[0], _res_exp(lo[0], lo[1], lo[2]), low=lo[0], high=hi[0], approx="range"
            )
    return None


# the common shape, parsed without tokens: ASCII digits with optional thousands groups and
# decimals, then at most two magnitudes (1.5万亿, 12,013亿, 2000万)
_PLAIN = re.compile(r"([0-9]{1,3}(?:,[0-9]{3}){1,4}|[0-9]{1,15})(?:\.([0-9]{1,12}))?")
_TEN = Decimal(10)


def _parse_plain(run: str, lex: Lexicon) -> Parsed | None:
    """The result of the general parser for the common shape, or None for any other run."""
    # trailing magnitudes first (at most two, in rising order: 万亿 but not 亿万)
    exp = 0
    body = run
    last = run[-1]
    if not ("0" <= last <= "9"):
        e1 = lex.big_units.get(last)
        if e1 is None:
            return None
        body = run[:-1]
        exp = e1
        last = body[-1:]
        if last and not ("0" <= last <= "9"):
            e0 = lex.big_units.get(last)
            if e0 is None or e0 > e1:
                return None  # 亿万, 5千万: the general parser decides
            body = body[:-1]
            exp += e0
    if body.isdigit() and body.isascii():
        if len(body) > 15:
            return None
        whole, frac = body, None
    else:
        m = _PLAIN.fullmatch(body)
        if m is None:
            return None
        whole, frac = m.groups()
    if exp and not whole.strip("0,") and not (frac or "").strip("0"):
        return None  # 0万: the general parser rejects a magnitude of nothing
    if frac is None:
        digits = whole.replace(",", "") if "," in whole else whole
        value = Decimal(digits)
        if exp:
            value *= _pow10(exp)
        # the trailing zeros of the value, from its digits: 2000万 → 3 + 4
        kept = digits.rstrip("0")
        zeros = len(digits) - len(kept) + exp if kept.strip("0") else 0
        return _exact(value, zeros, None, True, True)
    value = Decimal(f"{whole.replace(',', '')}.{frac}")
    if exp:
        value *= _pow10(exp)
    return _exact(value, exp - len(frac), len(frac), True, True)


_DECLINE = object()  # a shape the fast parsers leave to the general parser


def _parse_chinese(run: str, lex: Lexicon) -> Parsed | None | object:
    """`_core` on integers in ints, for runs of Chinese digits and magnitudes only (三十六,
    五万二千四百三十一亿, 一百零五). Declines runs with a decimal point, 几/多/余, Arabic digits,
    no magnitude (digit strings such as 二〇二二) or two digits in a row (三四十, a range)."""
    table = lex.numeral_tokens
    groups: list[tuple[int, int]] = []  # (value, exponent)
    section = 0
    pending: int | None = None
    last_unit: int | None = None
    zero_gap = False
    small_seen: int | None = None
    magnitudes = False
    prev_digit = -1
    for i, c in enumerate(run):
        t = table.get(c)
        if t is None:
            return _DECLINE
        kind, val, exp = t
        if kind == "dig":
            d = int(val)
            if prev_digit > 0 or pending is not None:
                return _DECLINE  # 三四十 (a range) or 五零: the general parser decides
            prev_digit = d
            if d == 0:
                zero_gap = True
                continue
            pending = d
            continue
        prev_digit = -1
        if kind == "small":
            if small_seen is not None and exp >= small_seen:
                return _DECLINE
            section += (pending if pending is not None else 1) * 10**exp
            small_seen = exp
        elif kind == "big":
            v = section + (pending or 0)
            combined = 0
            while groups and groups[-1][1] <= exp:
                gv, ge = groups.pop()
                v += gv
                combined = max(combined, ge)
            if v == 0 and not combined:
                if i > 0:
                    return _DECLINE
                v = 1  # a run that opens with a magnitude: 万亿
            groups.append((v * 10**exp, exp + combined))
            section = 0
            small_seen = None
        else:
            return _DECLINE  # a decimal point, 几/多/余
        magnitudes = True
        pending = None
        last_unit = exp
        zero_gap = False
    if not magnitudes:
        return _DECLINE
    if pending is not None and last_unit is not None and not zero_gap and last_unit >= 1:
        pending *= 10 ** (last_unit - 1)  # 一万二: the digit takes the place after the unit
    value = Decimal(sum(g for g, _ in groups) + section + (pending or 0))
    has_digit = prev_digit >= 0 or any(table[c][0] == "dig" for c in run) or run[0] in "十拾"
    return _exact(value, _trailing_zeros(value), None, False, has_digit)


def parse(run: str, lex: Lexicon) -> Parsed | None:
    """The value of a numeral run, or None when the run is not one numeral."""
    if run[:1].isdigit():
        got = _parse_plain(run, lex)
        if got is not None:
            return got
    elif len(run) > 1:
        cn = _parse_chinese(run, lex)
        if cn is not _DECLINE:
            return cn  # type: ignore[return-value]
    return parse_tokens(run, lex)


def parse_tokens(run: str, lex: Lexicon) -> Parsed | None:
    """The general parser: tokens, then sections of magnitudes (see `_core`)."""
    toks = tokenize(run, lex)
    if not toks:
        return None
    kinds = [t.kind for t in toks]
    has_arabic = "num" in kinds
    has_digit = has_arabic or "dig" in kinds or toks[0].text in ("十", "拾")
    n_marks = kinds.count("approx")
    if n_marks > 1:
        return None
    if n_marks:
        return _approx(toks, kinds.index("approx"), lex, has_arabic)
    if not ("small" in kinds or "big" in kinds or "point" in kinds or has_arabic):
        ds = _digit_string(toks)
        if ds is not None:
            return ds
    if kinds.count("dig") >= 2:
        rng = _consecutive_range(toks)
        if rng is not None:
            return rng
    core = _core(toks)
    if core is None:
        return None
    value, decimals, dec_exp = core
    return Parsed(
        value,
        _res_exp(value, decimals, dec_exp),
        decimals=decimals,
        has_arabic=has_arabic,
        has_digit=has_digit,
    )


def _approx(toks: list[_Tok], k: int, lex: Lexicon, has_arabic: bool) -> Parsed | None:
    mark = toks[k].text
    kind = lex.approx_markers[mark]
    before, after = toks[:k], toks[k + 1 :]
    if any(t.kind not in ("small", "big") for t in after):
        return None
    scale_exp = sum(t.exp for t in after)
    if kind == "some":  # 几
        if not before:  # 几十, 几百万: several of the first unit
            if not after or after[0].kind != "small" and after[0].kind != "big":
                return None
            unit = Decimal(10) ** scale_exp
            return Parsed(unit, scale_exp, low=unit, high=9 * unit, approx=mark, has_digit=False)
        if after and after[0].kind == "small":
            return None  # 二百几十: not supported
        core = _core(before)
        if core is None:
            return None
        x = core[0]
        last = before[-1]
        place = (
            0
            if last.kind == "dig" and last.value == 0
            else (last.exp - 1 if last.kind == "small" else 0)
        )
        if last.kind == "big":
            place = last.exp - 1
        m = Decimal(10) ** scale_exp
        p = Decimal(10) ** max(place, 0)
        return Parsed(
            x * m,
            max(place, 0) + scale_exp,
            low=(x + p) * m,
            high=(x + 9 * p) * m,
            approx=mark,
            has_arabic=has_arabic,
        )
    # 多 / 余: more than X, less than the next step of its last stated digit
    if not before:
        return None
    last = before[-1]
    if last.kind == "dig" and len(before) == 1:
        return None  # 一多, 三余: not a numeral
    if last.kind == "num" and last.decimals is None and last.value < 10:
        return None  # 3多 is not a numeral either
    if len(before) == 1 and before[0].kind == "big":
        core = (Decimal(10) ** before[0].exp, None, 0)  # 万余人: a magnitude alone
    else:
        core = _core(before)
    if core is None:
        return None
    x, decimals, dec_exp = core
    res = _res_exp(x, decimals, dec_exp)
    if after and after[0].kind == "small":
        return None
    m = Decimal(10) ** scale_exp
    step = Decimal(10) ** res
    return Parsed(
        x * m,
        res + scale_exp,
        decimals=decimals,
        low=x * m,
        high=(x + step) * m,
        low_open=True,
        high_open=True,
        approx=mark,
        has_arabic=has_arabic,
    )
