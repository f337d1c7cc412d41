"""kubectl's ``-o yaml``, byte for byte: json.Marshal, then sigs.k8s.io/yaml's JSONToYAML.

JSONToYAML decodes the JSON with go-yaml v2 into ``map[interface{}]interface{}`` and
marshals it again, so what kubectl prints is go-yaml v2's emitter (a Go port of libyaml)
writing a document of sorted maps, sequences and scalars.  This module is a port of the
parts of that emitter a JSON document reaches: block maps and sequences (``- `` at the
parent map's indentation), ``{}``/``[]`` for empty ones, plain / single / double-quoted /
literal scalars, folding at 80 columns, and the quoting of strings that would read back
as something else (``"true"``, ``"on"``, ``"1e3"``, ``"2001-12-14"``, ``""``...).

upstream: sigs.k8s.io/yaml (yaml.go JSONToYAML, goyaml.v2/{encode,emitterc,resolve,sorter}.go),
staging/src/k8s.io/cli-runtime/pkg/printers/yaml.go (YAMLPrinter).
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from decimal import Decimal

__all__ = ["YAMLError", "dump"]


class YAMLError(ValueError):
    """JSONToYAML failed; ``str()`` is the text kubectl prints after ``error: ``."""


BEST_INDENT = 2
BEST_WIDTH = 80
INT64_MIN, INT64_MAX, UINT64_MAX = -(2**63), 2**63 - 1, 2**64 - 1

PLAIN, SINGLE, DOUBLE, LITERAL = "plain", "single", "double", "literal"


def dump(obj: object) -> str:
    """The text ``kubectl get -o yaml`` prints for the API object ``obj`` (a JSON-shaped value).

    Raises :class:`YAMLError` where kubectl fails too: a string holding a character go-yaml's
    reader refuses (DEL, C1 controls other than NEL, U+FFFE/U+FFFF) -> kubectl prints
    ``error: yaml: control characters are not allowed``.
    """
    em = _Emitter()
    em.node(obj, root=True)
    em.write_indent()  # document end (implicit): finish the last line
    return em.out.decode("utf-8")


# -- the JSON text read back by go-yaml's scanner ---------------------------------------

# json.Marshal escapes C0 controls, U+2028/2029 and quotes; what stays raw meets go-yaml's reader.
_REFUSED = re.compile("[\x7f-\x84\x86-\x9f\ufffe\uffff\ud800-\udfff]")
_NEL_RUN = re.compile(" *\x85[ \x85]*")


def _through_json(s: str) -> str:
    """A string after json.Marshal and goyaml.v2's double-quoted scanner (readerc.go, scannerc.go).

    A raw NEL (U+0085) is a line break to the scanner: blanks around it are dropped and one break
    folds into a space, n breaks into n-1 newlines.
    """
    if _REFUSED.search(s):
        raise YAMLError("yaml: control characters are not allowed")
    if "\x85" not in s:
        return s

    def fold(m: re.Match) -> str:
        breaks = m.group().count("\x85")
        return " " if breaks == 1 else "\n" * (breaks - 1)

    return _NEL_RUN.sub(fold, s)


# -- resolve.go: would this plain text read back as a non-string? --------------------------

_RESOLVE_MAP = {
    *"y Y yes Yes YES true True TRUE on On ON".split(),
    *"n N no No NO false False FALSE off Off OFF".split(),
    "", "~", "null", "Null", "NULL",
    *".nan .NaN .NAN .inf .Inf .INF +.inf +.Inf +.INF -.inf -.Inf -.INF".split(),
    "<<",
}
_HINT = {**{c: "S" for c in "+-"}, **{c: "D" for c in "0123456789"},
         **{c: "M" for c in "yYnNtTfFoO~"}, ".": "."}
_YAML_STYLE_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_BASE60_FLOAT = re.compile(r"[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?")


@functools.lru_cache(maxsize=8192)
def resolves_to_str(s: str) -> bool:
    """goyaml.v2 resolve("", s) gives !!str (upstream: goyaml.v2/resolve.go)."""
    hint = _HINT.get(s[0], "") if s else "N"
    if not hint:
        return True
    if s in _RESOLVE_MAP:
        return False
    if hint == ".":
        return _go_parse_float(s) is None
    if hint in "DS":
        if _go_timestamp(s):
            return False
        plain = s.replace("_", "")
        if _go_parse_int(plain, signed=True) is not None or _go_parse_int(plain, signed=False) is not None:
            return False
        if _YAML_STYLE_FLOAT.fullmatch(plain) and _go_parse_float(plain) is not None:
            return False
        if plain.startswith("0b") and _digits_ok(plain[2:], 2, allow_sign=True):
            return False
        if plain.startswith("-0b") and _digits_ok(plain[3:], 2, allow_sign=False, neg=True):
            return False
    return True


def is_base60_float(s: str) -> bool:
    if not s or not (s[0] in "+-" or "0" <= s[0] <= "9") or ":" not in s:
        return False
    return _BASE60_FLOAT.fullmatch(s) is not None


def _digits_ok(digits: str, base: int, allow_sign: bool, neg: bool = False) -> bool:
    """strconv.ParseInt(digits, base, 64) succeeds (after the caller stripped a prefix)."""
    sign = 1
    if allow_sign and digits[:1] in ("+", "-"):
        sign = -1 if digits[0] == "-" else 1
        digits = digits[1:]
    if neg:
        sign = -1
    if not digits or any(c not in "0123456789abcdef"[:base] for c in digits.lower()):
        return False
    value = sign * int(digits, base)
    return INT64_MIN <= value <= INT64_MAX or (not neg and sign > 0 and value <= UINT64_MAX)


def _go_parse_int(s: str, signed: bool) -> int | None:
    """strconv.ParseInt(s, 0, 64) / ParseUint(s, 0, 64): Go's base prefixes, no underscores left."""
    body, sign = s, 1
    if signed and body[:1] in ("+", "-"):
        sign = -1 if body[0] == "-" else 1
        body = body[1:]
    base, digits = 10, body
    low = body.lower()
    if low.startswith(("0x", "0b", "0o")):
        base, digits = {"x": 16, "b": 2, "o": 8}[low[1]], body[2:]
    elif body.startswith("0") and len(body) > 1:
        base, digits = 8, body[1:]
    allowed = "0123456789abcdef"[:base]
    if not digits or any(c not in allowed for c in digits.lower()):
        return None
    value = sign * int(digits, base)
    lo, hi = (INT64_MIN, INT64_MAX) if signed else (0, UINT64_MAX)
    return value if lo <= value <= hi else None


_GO_FLOAT = re.compile(r"[+-]?(?:(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?"
                       r"|0[xX](?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)[pP][+-]?[0-9]+"
                       r"|[iI][nN][fF](?:[iI][nN][iI][tT][yY])?|[nN][aA][nN])")


def _go_parse_float(s: str) -> float | None:
    """strconv.ParseFloat(s, 64) without a range error (overflow to ±Inf is an error)."""
    text = s
    if "_" in s:  # Go allows "_" only between digits
        if re.search(r"(?<![0-9])_|_(?![0-9])", s):
            return None
        text = s.replace("_", "")
    if not _GO_FLOAT.fullmatch(text):
        return None
    low = text.lower().lstrip("+-")
    if low.startswith(("inf", "nan")):
        return float(text.replace("inity", "").replace("INITY", ""))
    value = float.fromhex(text) if "x" in low else float(text)
    return None if math.isinf(value) else value


_TS_DATE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_TS_TIME = re.compile(r"([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2})(?:[.,][0-9]+)?")
_TS_ZONE = re.compile(r"Z|[+-][0-9]{2}:[0-9]{2}")


def _go_timestamp(s: str) -> bool:
    """goyaml.v2 parseTimestamp: time.Parse with its four layouts (short date fields allowed)."""
    m = _TS_DATE.match(s)
    if not m or not _valid_date(*(int(g) for g in m.groups())):
        return False
    rest = s[m.end():]
    if rest == "":
        return True  # "2006-1-2"
    if rest[0] in "Tt":  # "2006-1-2T15:4:5.999999999Z07:00"
        t = _TS_TIME.match(rest, 1)
        if not t or not _valid_time(t):
            return False
        z = _TS_ZONE.fullmatch(rest, t.end())
        return bool(z) and (z.group() == "Z" or (int(z.group()[1:3]) <= 24 and int(z.group()[4:6]) <= 60))
    if rest[0] == " ":  # "2006-1-2 15:4:5.999999999": a layout space matches a run of spaces
        t = _TS_TIME.fullmatch(rest.lstrip(" "))
        return bool(t) and _valid_time(t)
    return False


def _valid_date(year: int, month: int, day: int) -> bool:
    if not 1 <= month <= 12:
        return False
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    days = [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    return 1 <= day <= days


def _valid_time(t: re.Match) -> bool:
    h, m, sec = (int(g) for g in t.groups())
    return h < 24 and m < 60 and sec < 60


# -- json.Marshal + the decode/encode round trip of numbers ------------------------------

def _number_text(value: int | float) -> str:
    """A JSON number after json.Marshal, goyaml decode (int/uint/float64) and goyaml encode."""
    if isinstance(value, int):
        if INT64_MIN <= value <= INT64_MAX:
            return str(value)
        value = float(value)  # beyond int64 a JSON number decodes as float64 (unstructured)
    if math.isnan(value) or math.isinf(value):
        return {math.inf: ".inf", -math.inf: "-.inf"}.get(value, ".nan")
    if value == int(value) and abs(value) < 1e21:  # json 'f' format: shortest digits, an integer literal
        as_int = int(Decimal(repr(value)))
        if INT64_MIN <= as_int <= UINT64_MAX:
            return str(as_int)
    return _go_format_g(value)


def _go_format_g(value: float) -> str:
    """strconv.FormatFloat(value, 'g', -1, 64): shortest digits, %e when exp < -4 or exp >= 21... 6."""
    if value == 0:
        return "0"
    sign = "-" if value < 0 else ""
    tup = Decimal(repr(abs(value))).normalize().as_tuple()
    digits = "".join(map(str, tup.digits))
    dp = len(digits) + tup.exponent  # position of the decimal point
    exp = dp - 1
    if exp < -4 or exp >= 6:  # shortest formatting uses eprec 6
        mant = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
        return f"{sign}{mant}e{'-' if exp < 0 else '+'}{abs(exp):02d}"
    if dp <= 0:
        return f"{sign}0.{'0' * -dp}{digits}"
    if dp >= len(digits):
        return sign + digits + "0" * (dp - len(digits))
    return f"{sign}{digits[:dp]}.{digits[dp:]}"


# -- sorter.go: map keys in go-yaml's "natural" order -------------------------------------

def _wrap64(n: int) -> int:
    return (n + 2**63) % 2**64 - 2**63


def _is_letter(c: str) -> bool:
    return unicodedata.category(c).startswith("L")


def _is_digit(c: str) -> bool:
    return unicodedata.category(c) == "Nd"


def _key_less(a: str, b: str) -> bool:
    """keyList.Less for two string keys (upstream: goyaml.v2/sorter.go)."""
    for i in range(min(len(a), len(b))):
        if a[i] == b[i]:
            continue
        al, bl = _is_letter(a[i]), _is_letter(b[i])
        if al and bl:
            return a[i] < b[i]
        if al or bl:
            return bl
        an = bn = 0
        if a[i] == "0" or b[i] == "0":
            j = i - 1
            while j >= 0 and _is_digit(a[j]):
                if a[j] != "0":
                    an = bn = 1
                    break
                j -= 1
        ai = i
        while ai < len(a) and _is_digit(a[ai]):
            an = _wrap64(an * 10 + ord(a[ai]) - ord("0"))
            ai += 1
        bi = i
        while bi < len(b) and _is_digit(b[bi]):
            bn = _wrap64(bn * 10 + ord(b[bi]) - ord("0"))
            bi += 1
        if an != bn:
            return an < bn
        if ai != bi:
            return ai < bi
        return a[i] < b[i]
    return len(a) < len(b)


def sorted_keys(keys: list[str]) -> list[str]:
    return list(_sorted_keys(tuple(keys)))


@functools.lru_cache(maxsize=4096)
def _sorted_keys(keys: tuple[str, ...]) -> tuple[str, ...]:
    """Go's sort.Sort with keyList.Less: insertion sort for small maps, as pdqsort does (n <= 12).

    keyList.Less is not a strict order for some keys (digit runs led by zeros, other scripts'
    digits); go-yaml then sorts a map differently from run to run (Go ranges over maps in random
    order) and kubectl's output varies.  We start from the keys' given order: one of kubectl's.
    """
    out = list(keys)
    if len(out) <= 12:
        for i in range(1, len(out)):
            j = i
            while j > 0 and _key_less(out[j], out[j - 1]):
                out[j], out[j - 1] = out[j - 1], out[j]
                j -= 1
        return tuple(out)
    cmp = functools.cmp_to_key(lambda x, y: -1 if _key_less(x, y) else (1 if _key_less(y, x) else 0))
    return tuple(sorted(out, key=cmp))


# -- emitterc.go: analyze_scalar and the writers ------------------------------------------

def _width(b: int) -> int:
    if b & 0x80 == 0:
        return 1
    if b & 0xE0 == 0xC0:
        return 2
    if b & 0xF0 == 0xE0:
        return 3
    if b & 0xF8 == 0xF0:
        return 4
    return 0


def _at(v: bytes, i: int) -> int:
    return v[i] if i < len(v) else 0


def _is_printable(v: bytes, i: int) -> bool:
    b, b1, b2 = v[i], _at(v, i + 1), _at(v, i + 2)
    return (b == 0x0A or 0x20 <= b <= 0x7E or (b == 0xC2 and b1 >= 0xA0) or 0xC2 < b < 0xED
            or (b == 0xED and b1 < 0xA0) or b == 0xEE
            or (b == 0xEF and not (b1 == 0xBB and b2 == 0xBF) and not (b1 == 0xBF and b2 in (0xBE, 0xBF))))


def _is_break(v: bytes, i: int) -> bool:
    b, b1, b2 = _at(v, i), _at(v, i + 1), _at(v, i + 2)
    return (b in (0x0D, 0x0A) or (b == 0xC2 and b1 == 0x85)
            or (b == 0xE2 and b1 == 0x80 and b2 in (0xA8, 0xA9)))


def _is_space(v: bytes, i: int) -> bool:
    return _at(v, i) == 0x20


def _is_blank(v: bytes, i: int) -> bool:
    return _at(v, i) in (0x20, 0x09)


def _is_blankz(v: bytes, i: int) -> bool:
    return _is_blank(v, i) or _is_break(v, i) or i >= len(v) or v[i] == 0


def _is_bom(v: bytes, _i: int) -> bool:
    # go-yaml's is_bom looks at the start of the buffer whatever i is: after a leading BOM, a
    # double-quoted scalar escapes every character ("\uFEFF\x30").
    return v[:3] == b"\xef\xbb\xbf"


class _Analysis:
    __slots__ = ("multiline", "flow_plain", "block_plain", "single_quoted", "block")


_BREAKS = "\n\r\x85\u2028\u2029"
_SPECIAL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\ufeff\ufffe\uffff\U00010000-\U0010ffff]")
_BREAK_SPACE = re.compile(f"[{_BREAKS}] ")
_SPACE_BREAK = re.compile(f" [{_BREAKS}]")
_FLOW_LATER = re.compile(r"[,?\[\]{}:]")
_BLOCK_COLON = re.compile(r":(?:[ \t]|$)")
_HASH_AFTER_BLANK = re.compile(f"[ \t\x00{_BREAKS}]#")


@functools.lru_cache(maxsize=8192)
def _analyze(v: bytes) -> _Analysis:
    """yaml_emitter_analyze_scalar: which styles can write ``v`` (the result is shared: read only).

    The same flags as the emitter's character loop (:func:`_analyze_loop`, kept as the reference
    the tests compare against), found with regular expressions so megabyte values stay fast.
    """
    if not v:
        return _analyze_loop(v)
    a = _Analysis()
    t = v.decode("utf-8")
    first, rest = t[0], t[1:]
    followed = len(t) == 1 or t[1] in " \t"
    block_ind = flow_ind = t[:3] in ("---", "...")
    if first in "#,[]{}&*!|>'\"%@`" or (first == "-" and followed):
        flow_ind = block_ind = True
    elif first in "?:":
        flow_ind = True
        block_ind = block_ind or followed
    if _FLOW_LATER.search(rest):
        flow_ind = True
    if _BLOCK_COLON.search(rest) or _HASH_AFTER_BLANK.search(t):
        block_ind = True
        flow_ind = flow_ind or bool(_HASH_AFTER_BLANK.search(t))
    line_breaks = any(b in t for b in _BREAKS)
    special = bool(_SPECIAL.search(t))
    leading = first == " " or first in _BREAKS
    trailing_space, trailing_break = t[-1] == " ", t[-1] in _BREAKS
    break_space, space_break = bool(_BREAK_SPACE.search(t)), bool(_SPACE_BREAK.search(t))
    a.multiline = line_breaks
    a.flow_plain = a.block_plain = a.single_quoted = a.block = True
    if leading or trailing_space or trailing_break or line_breaks:
        a.flow_plain = a.block_plain = False
    if trailing_space:
        a.block = False
    if break_space:
        a.flow_plain = a.block_plain = a.single_quoted = False
    if space_break or special:
        a.flow_plain = a.block_plain = a.single_quoted = a.block = False
    if flow_ind:
        a.flow_plain = False
    if block_ind:
        a.block_plain = False
    return a


def _analyze_loop(v: bytes) -> _Analysis:
    """yaml_emitter_analyze_scalar, character by character as emitterc.go does it."""
    a = _Analysis()
    if not v:
        a.multiline, a.flow_plain, a.block_plain, a.single_quoted, a.block = False, False, True, True, False
        return a
    block_ind = flow_ind = line_breaks = special = False
    leading_space = leading_break = trailing_space = trailing_break = break_space = space_break = False
    previous_space = previous_break = False
    if v[:3] in (b"---", b"..."):
        block_ind = flow_ind = True
    preceded_by_ws = True
    i = 0
    while i < len(v):
        w = _width(v[i]) or 1
        followed_by_ws = i + w >= len(v) or _is_blank(v, i + w)
        c = chr(v[i])
        if i == 0:
            if c in "#,[]{}&*!|>'\"%@`":
                flow_ind = block_ind = True
            elif c in "?:":
                flow_ind = True
                block_ind = block_ind or followed_by_ws
            elif c == "-" and followed_by_ws:
                flow_ind = block_ind = True
        else:
            if c in ",?[]{}":
                flow_ind = True
            elif c == ":":
                flow_ind = True
                block_ind = block_ind or followed_by_ws
            elif c == "#" and preceded_by_ws:
                flow_ind = block_ind = True
        if not _is_printable(v, i):
            special = True
        if _is_space(v, i):
            leading_space = leading_space or i == 0
            trailing_space = trailing_space or i + w == len(v)
            break_space = break_space or previous_break
            previous_space, previous_break = True, False
        elif _is_break(v, i):
            line_breaks = True
            leading_break = leading_break or i == 0
            trailing_break = trailing_break or i + w == len(v)
            space_break = space_break or previous_space
            previous_space, previous_break = False, True
        else:
            previous_space = previous_break = False
        preceded_by_ws = _is_blankz(v, i)
        i += w
    a.multiline = line_breaks
    a.flow_plain = a.block_plain = a.single_quoted = a.block = True
    if leading_space or leading_break or trailing_space or trailing_break:
        a.flow_plain = a.block_plain = False
    if trailing_space:
        a.block = False
    if break_space:
        a.flow_plain = a.block_plain = a.single_quoted = False
    if space_break or special:
        a.flow_plain = a.block_plain = a.single_quoted = a.block = False
    if line_breaks:
        a.flow_plain = a.block_plain = False
    if flow_ind:
        a.flow_plain = False
    if block_ind:
        a.block_plain = False
    return a


_NEEDS_ESCAPE = re.compile("[\x00-\x1f\"\\\\\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\U00010000-\U0010ffff]")


def _char_count(v: bytes) -> int:
    """Characters in UTF-8 bytes (the emitter's column counts characters)."""
    return len(v) - sum(1 for b in v if b & 0xC0 == 0x80) if not v.isascii() else len(v)


_RUNS = re.compile(rb" +|[^ ]+")

_ESCAPES = {0x00: "0", 0x07: "a", 0x08: "b", 0x09: "t", 0x0A: "n", 0x0B: "v", 0x0C: "f", 0x0D: "r",
            0x1B: "e", 0x22: '"', 0x5C: "\\", 0x85: "N", 0xA0: "_", 0x2028: "L", 0x2029: "P"}


class _Emitter:
    """The state libyaml's emitter keeps while writing one document."""

    def __init__(self) -> None:
        self.out = bytearray()
        self.column = 0
        self.indent = -1
        self.indents: list[int] = []
        self.flow_level = 0
        self.whitespace = True
        self.indention = True

    # -- low-level writes -----------------------------------------------------------------
    def put(self, ch: bytes) -> None:
        self.out += ch
        self.column += 1

    def put_break(self) -> None:
        self.out += b"\n"
        self.column = 0

    def write(self, v: bytes, i: int) -> int:
        w = _width(v[i]) or 1
        self.out += v[i:i + w]
        self.column += 1
        return i + w

    def write_break(self, v: bytes, i: int) -> int:
        if v[i] == 0x0A:
            self.put_break()
            return i + 1
        i = self.write(v, i)
        self.column = 0
        return i

    def write_indent(self) -> None:
        indent = max(self.indent, 0)
        if not self.indention or self.column > indent or (self.column == indent and not self.whitespace):
            self.put_break()
        while self.column < indent:
            self.put(b" ")
        self.whitespace = self.indention = True

    def write_indicator(self, ind: str, need_ws: bool, is_ws: bool, is_indention: bool) -> None:
        if need_ws and not self.whitespace:
            self.put(b" ")
        self.out += ind.encode()
        self.column += len(ind)
        self.whitespace = is_ws
        self.indention = self.indention and is_indention

    def increase_indent(self, flow: bool, indentless: bool) -> None:
        self.indents.append(self.indent)
        if self.indent < 0:
            self.indent = BEST_INDENT if flow else 0
        elif not indentless:
            self.indent += BEST_INDENT

    def pop_indent(self) -> None:
        self.indent = self.indents.pop()

    # -- nodes ----------------------------------------------------------------------------
    def node(self, value: object, root: bool = False, mapping: bool = False,
             simple_key: bool = False) -> None:
        if isinstance(value, dict):
            self.mapping(value, mapping)
        elif isinstance(value, (list, tuple)):
            self.sequence(list(value), mapping)
        else:
            self.scalar(value, simple_key)

    def mapping(self, value: dict, _mapping_ctx: bool) -> None:
        if not value:
            self.empty_flow("{", "}")
            return
        self.increase_indent(flow=False, indentless=False)
        keys = {_through_json(str(k)): v for k, v in value.items()}
        for key in sorted_keys(list(keys)):
            self.write_indent()
            kb = key.encode("utf-8")
            if not _analyze(kb).multiline and len(kb) <= 128:  # yaml_emitter_check_simple_key
                self.scalar(key, simple_key=True)
                self.write_indicator(":", False, False, False)
            else:
                self.write_indicator("?", True, False, True)
                self.scalar(key, simple_key=False)
                self.write_indent()
                self.write_indicator(":", True, False, True)
            self.node(keys[key], mapping=True)
        self.pop_indent()

    def sequence(self, items: list, mapping_ctx: bool) -> None:
        if not items:
            self.empty_flow("[", "]")
            return
        self.increase_indent(flow=False, indentless=mapping_ctx and not self.indention)
        for item in items:
            self.write_indent()
            self.write_indicator("-", True, False, True)
            self.node(item)
        self.pop_indent()

    def empty_flow(self, start: str, end: str) -> None:
        self.write_indicator(start, True, True, False)
        self.increase_indent(flow=True, indentless=False)
        self.pop_indent()
        self.write_indicator(end, False, False, False)

    def scalar(self, value: object, simple_key: bool) -> None:
        if value is None:
            text, style = "null", PLAIN
        elif isinstance(value, bool):
            text, style = ("true" if value else "false"), PLAIN
        elif isinstance(value, (int, float)):
            text, style = _number_text(value), PLAIN
        else:
            text = _through_json(str(value))
            # encode.go stringv: newline -> literal; resolves as str -> plain; else double-quoted
            plain_ok = resolves_to_str(text) and not is_base60_float(text)
            style = LITERAL if "\n" in text else PLAIN if plain_ok else DOUBLE
        v = text.encode("utf-8")
        style = self.select_style(v, style, simple_key)
        self.increase_indent(flow=True, indentless=False)
        allow_breaks = not simple_key
        if style == PLAIN:
            self.write_plain(v, allow_breaks)
        elif style == SINGLE:
            self.write_single(v, allow_breaks)
        elif style == DOUBLE:
            self.write_double(v, allow_breaks)
        else:
            self.write_literal(v)
        self.pop_indent()

    def select_style(self, v: bytes, style: str, simple_key: bool) -> str:
        """yaml_emitter_select_scalar_style."""
        a = _analyze(v)
        if simple_key and a.multiline:
            style = DOUBLE
        if style == PLAIN:
            if (self.flow_level and not a.flow_plain) or (not self.flow_level and not a.block_plain):
                style = SINGLE
            if not v and (self.flow_level or simple_key):
                style = SINGLE
        if style == SINGLE and not a.single_quoted:
            style = DOUBLE
        if style == LITERAL and (not a.block or self.flow_level or simple_key):
            style = DOUBLE
        return style

    def write_plain(self, v: bytes, allow_breaks: bool) -> None:
        if not self.whitespace:
            self.put(b" ")
        # A plain scalar has no line break; it folds only at a single space once past column 80
        # (yaml_emitter_write_plain_scalar, taken a run of spaces or non-spaces at a time).
        for m in _RUNS.finditer(v):
            run = m.group()
            if run[0] == 0x20 and len(run) == 1 and allow_breaks and self.column > BEST_WIDTH:
                self.write_indent()
            else:
                self.out += run
                self.column += _char_count(run)
        self.whitespace = self.indention = False

    def write_single(self, v: bytes, allow_breaks: bool) -> None:
        self.write_indicator("'", True, False, False)
        spaces = breaks = False
        i = 0
        while i < len(v):
            if _is_space(v, i):
                if (allow_breaks and not spaces and self.column > BEST_WIDTH and 0 < i < len(v) - 1
                        and not _is_space(v, i + 1)):
                    self.write_indent()
                    i += 1
                else:
                    i = self.write(v, i)
                spaces = True
            elif _is_break(v, i):
                if not breaks and v[i] == 0x0A:
                    self.put_break()
                i = self.write_break(v, i)
                self.indention = breaks = True
            else:
                if breaks:
                    self.write_indent()
                if v[i] == 0x27:
                    self.put(b"'")
                i = self.write(v, i)
                self.indention = spaces = breaks = False
        self.write_indicator("'", False, False, False)
        self.whitespace = self.indention = False

    def write_double(self, v: bytes, allow_breaks: bool) -> None:
        self.write_indicator('"', True, False, False)
        chars = _char_count(v)
        fits = b" " not in v or self.column + chars <= BEST_WIDTH  # then no space can fold
        if fits and not _NEEDS_ESCAPE.search(v.decode("utf-8")):
            self.out += v
            self.column += chars
            self.write_indicator('"', False, False, False)
            self.whitespace = self.indention = False
            return
        spaces = False
        i = 0
        while i < len(v):
            if not _is_printable(v, i) or _is_bom(v, i) or _is_break(v, i) or v[i] in (0x22, 0x5C):
                w = _width(v[i]) or 1
                cp = ord(v[i:i + w].decode("utf-8")) if w > 1 else v[i]
                i += w
                esc = _ESCAPES.get(cp)
                if esc is None:
                    esc = f"x{cp:02X}" if cp <= 0xFF else f"u{cp:04X}" if cp <= 0xFFFF else f"U{cp:08X}"
                self.put(b"\\")
                for ch in esc:
                    self.put(ch.encode())
                spaces = False
            elif _is_space(v, i):
                if allow_breaks and not spaces and self.column > BEST_WIDTH and 0 < i < len(v) - 1:
                    self.write_indent()
                    if _is_space(v, i + 1):
                        self.put(b"\\")
                    i += 1
                else:
                    i = self.write(v, i)
                spaces = True
            else:
                i = self.write(v, i)
                spaces = False
        self.write_indicator('"', False, False, False)
        self.whitespace = self.indention = False

    def write_literal(self, v: bytes) -> None:
        self.write_indicator("|", True, False, False)
        if _is_space(v, 0) or _is_break(v, 0):
            self.write_indicator(str(BEST_INDENT), False, False, False)
        chomp = self.chomp_hint(v)
        if chomp:
            self.write_indicator(chomp, False, False, False)
        self.put_break()
        self.indention = self.whitespace = True
        if not any(b in v for b in (b"\r", b"\xc2\x85", b"\xe2\x80\xa8", b"\xe2\x80\xa9")):
            self.write_literal_lines(v)
            return
        breaks = True
        i = 0
        while i < len(v):
            if _is_break(v, i):
                i = self.write_break(v, i)
                self.indention = breaks = True
            else:
                if breaks:
                    self.write_indent()
                i = self.write(v, i)
                self.indention = breaks = False

    def write_literal_lines(self, v: bytes) -> None:
        """The literal loop for text whose only line break is LF: a line at a time."""
        lines = v.split(b"\n")
        for n, line in enumerate(lines):
            if line:
                self.write_indent()
                self.out += line
                self.column += _char_count(line)
                self.indention = False
            if n < len(lines) - 1:
                self.put_break()
                self.indention = True

    @staticmethod
    def chomp_hint(v: bytes) -> str:
        """yaml_emitter_write_block_scalar_hints: '-' strip, '' clip, '+' keep."""
        i = len(v) - 1
        while v[i] & 0xC0 == 0x80:
            i -= 1
        if not _is_break(v, i):
            return "-"
        if i == 0:
            return "+"
        i -= 1
        while v[i] & 0xC0 == 0x80:
            i -= 1
        return "+" if _is_break(v, i) else ""
