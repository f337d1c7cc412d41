"""Label selectors as apimachinery parses, matches and prints them.

- :func:`parse` reads kubectl's ``-l`` syntax (``app=demo,env notin (hello,hi),!canary``);
  upstream: staging/src/k8s.io/apimachinery/pkg/labels/selector.go (Lexer, Parser, Parse).
- :func:`from_label_selector` turns an API ``LabelSelector`` (matchLabels + matchExpressions) into a
  selector; upstream: staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/helpers.go
  (LabelSelectorAsSelector): a missing selector (``None``) matches nothing, an empty one everything.
- :func:`from_set` is a map selector (ReplicationController, Service); upstream: SelectorFromSet.
- ``str(selector)`` is the text kubectl prints: requirements sorted by key, set values sorted.

A :class:`Selector` is also a predicate over a labels dict, so ``store.list(kind, selector=sel)`` works.
Errors are :class:`SelectorError` whose message is apimachinery's text.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass

# Label key/value syntax (apimachinery/pkg/util/validation): one implementation, the validator's.
from ..validation.field import is_dns1123_subdomain, is_qualified_name  # noqa: F401  (re-exported)
from ..validation.field import is_label_value as is_valid_label_value

# upstream: staging/src/k8s.io/apimachinery/pkg/selection/operator.go
DOES_NOT_EXIST, EQUALS, DOUBLE_EQUALS, IN, NOT_EQUALS, NOT_IN, EXISTS, GT, LT = (
    "!", "=", "==", "in", "!=", "notin", "exists", "gt", "lt",
)
BINARY_OPERATORS = (IN, NOT_IN, EQUALS, DOUBLE_EQUALS, NOT_EQUALS, GT, LT)
UNARY_OPERATORS = (EXISTS, DOES_NOT_EXIST)
# metav1.LabelSelectorOperator -> selection.Operator (helpers.go)
API_OPERATORS = {"In": IN, "NotIn": NOT_IN, "Exists": EXISTS, "DoesNotExist": DOES_NOT_EXIST}


class SelectorError(ValueError):
    """A selector apimachinery rejects; ``str()`` is its error text."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _go_quote(s: str) -> str:
    """Go's %q for the printable ASCII strings label texts are made of."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _invalid(path: str, value: str, detail: str) -> str:
    # upstream: staging/src/k8s.io/apimachinery/pkg/util/validation/field/errors.go (Error.Error)
    return f"{path}: Invalid value: {_go_quote(value)}: {detail}"


def _aggregate(errs: list[str]) -> str:
    # upstream: staging/src/k8s.io/apimachinery/pkg/util/errors/errors.go (aggregate.Error)
    uniq = list(dict.fromkeys(errs))
    return uniq[0] if len(uniq) == 1 else "[" + ", ".join(uniq) + "]"


# -- requirements -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Requirement:
    key: str
    operator: str
    values: tuple[str, ...] = ()

    def matches(self, labels: Mapping[str, str]) -> bool:
        op = self.operator
        if op in (IN, EQUALS, DOUBLE_EQUALS):
            return self.key in labels and labels[self.key] in self.values
        if op in (NOT_IN, NOT_EQUALS):
            # A missing key satisfies NotIn / != (selector.go, Requirement.Matches case 4).
            return self.key not in labels or labels[self.key] not in self.values
        if op == EXISTS:
            return self.key in labels
        if op == DOES_NOT_EXIST:
            return self.key not in labels
        if op in (GT, LT) and self.key in labels and len(self.values) == 1:
            have, want = _go_int(labels[self.key]), _go_int(self.values[0])
            if have is None or want is None:
                return False
            return have > want if op == GT else have < want
        return False

    def __str__(self) -> str:
        op = self.operator
        if op == EXISTS:
            return self.key
        if op == DOES_NOT_EXIST:
            return "!" + self.key
        values = self.values[0] if len(self.values) == 1 else ",".join(sorted(self.values))
        if op in (IN, NOT_IN):
            return f"{self.key} {op} ({values})"
        return self.key + {GT: ">", LT: "<"}.get(op, op) + values


def _go_int(s: str) -> int | None:
    """strconv.ParseInt(s, 10, 64)."""
    if not re.fullmatch(r"[+-]?[0-9]+", s):
        return None
    n = int(s)
    return n if -(2**63) <= n < 2**63 else None


def new_requirement(key: str, operator: str, values: list[str] | tuple[str, ...] = ()) -> Requirement:
    """A checked requirement; raises SelectorError with apimachinery's text. upstream: NewRequirement."""
    vals = list(values)
    errs = []
    if key_errs := is_qualified_name(key):
        errs.append(_invalid("key", key, "; ".join(key_errs)))
    bad_values = f"values: Invalid value: {_go_slice(vals)}: "
    if operator in (IN, NOT_IN):
        if not vals:
            errs.append(bad_values + "for 'in', 'notin' operators, values set can't be empty")
    elif operator in (EQUALS, DOUBLE_EQUALS, NOT_EQUALS):
        if len(vals) != 1:
            errs.append(bad_values + "exact-match compatibility requires one single value")
    elif operator in (EXISTS, DOES_NOT_EXIST):
        if vals:
            errs.append(bad_values + "values set must be empty for exists and does not exist")
    elif operator in (GT, LT):
        if len(vals) != 1:
            errs.append(bad_values + "for 'Gt', 'Lt' operators, exactly one value is required")
        for i, v in enumerate(vals):
            if _go_int(v) is None:
                detail = "for 'Gt', 'Lt' operators, the value must be an integer"
                errs.append(_invalid(f"values[{i}]", v, detail))
    else:
        supported = ", ".join(_go_quote(o) for o in BINARY_OPERATORS + UNARY_OPERATORS)
        errs.append(f"operator: Unsupported value: {_go_quote(operator)}: supported values: {supported}")
    for i, v in enumerate(vals):
        if v_errs := is_valid_label_value(v):
            errs.append(_invalid(f"values[{i}][{key}]", v, "; ".join(v_errs)))
    if errs:
        raise SelectorError(_aggregate(errs))
    return Requirement(key, operator, tuple(vals))


def _go_slice(vals: list[str]) -> str:
    return "[]string{" + ", ".join(_go_quote(v) for v in vals) + "}"


# -- selectors --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Selector:
    """An AND of requirements, sorted by key; ``nothing=True`` is labels.Nothing()."""

    requirements: tuple[Requirement, ...] = ()
    nothing: bool = False

    def matches(self, labels: Mapping[str, str] | None) -> bool:
        if self.nothing:
            return False
        labels = labels or {}
        exact, rest = self._compiled
        # the equality requirements as one subset test of dict views (C speed: controllers match
        # every pod of a namespace against a selector on each sync), then the others
        if exact and not exact.items() <= labels.items():
            return False
        return not rest or all(r.matches(labels) for r in rest)

    __call__ = matches

    @functools.cached_property
    def _compiled(self) -> tuple[dict[str, str], tuple[Requirement, ...]]:
        """(key -> value of the single-value =, ==, in requirements; the other requirements)."""
        exact: dict[str, str] = {}
        rest = []
        for r in self.requirements:
            if r.operator in (EQUALS, DOUBLE_EQUALS, IN) and len(r.values) == 1 and r.key not in exact:
                exact[r.key] = r.values[0]
            else:
                rest.append(r)  # incl. a second equality on the same key (``a=x,a=y`` matches nothing)
        return exact, tuple(rest)

    def exact_labels(self) -> dict[str, str]:
        """The labels every match must carry (for an index lookup): its single-value equalities."""
        return self._compiled[0]

    @functools.cached_property
    def only_exact(self) -> bool:
        """Whether the selector is its equalities alone (a label set matches iff it holds them all)."""
        return not self.nothing and not self._compiled[1]

    def empty(self) -> bool:
        """True when the selector does not restrict anything (labels.Everything())."""
        return not self.nothing and not self.requirements

    def add(self, *reqs: Requirement) -> Selector:
        if self.nothing:
            return self
        return Selector(tuple(sorted(self.requirements + reqs, key=lambda r: r.key)))

    def requires_exact_match(self, key: str) -> str | None:
        """The one value ``key`` must have, if the selector pins it. upstream: RequiresExactMatch."""
        for r in self.requirements:
            if r.key == key:
                if r.operator in (EQUALS, DOUBLE_EQUALS, IN) and len(r.values) == 1:
                    return r.values[0]
                return None
        return None

    def __str__(self) -> str:
        return ",".join(str(r) for r in self.requirements)


EVERYTHING = Selector()
NOTHING = Selector(nothing=True)


def from_set(labels: Mapping[str, str] | None) -> Selector:
    """Matches exactly the given labels; ``{}`` / ``None`` match everything. upstream: SelectorFromSet."""
    if not labels:
        return EVERYTHING
    return Selector(tuple(Requirement(k, EQUALS, (v,)) for k, v in sorted(labels.items())))


def from_label_selector(ls: Mapping | None) -> Selector:
    """An API LabelSelector as a selector. upstream: metav1.LabelSelectorAsSelector.

    ``None`` matches nothing, ``{}`` everything; bad keys, values or operators raise SelectorError.
    """
    if ls is None:
        return NOTHING
    if not isinstance(ls, Mapping):
        raise SelectorError(f"invalid label selector: {ls!r}")
    match_labels = ls.get("matchLabels") or {}
    exprs = ls.get("matchExpressions") or []
    if not isinstance(match_labels, Mapping) or not isinstance(exprs, list) or not all(
            isinstance(e, Mapping) for e in exprs):
        raise SelectorError(f"invalid label selector: {dict(ls)!r}")
    if not match_labels and not exprs:
        return EVERYTHING
    reqs = [new_requirement(str(k), EQUALS, [str(v)]) for k, v in match_labels.items()]
    for expr in exprs:
        op = API_OPERATORS.get(expr.get("operator"))
        if op is None:
            bad = _go_quote(str(expr.get("operator") or ""))
            raise SelectorError(f"{bad} is not a valid label selector operator")
        reqs.append(new_requirement(expr.get("key") or "", op, list(expr.get("values") or [])))
    return EVERYTHING.add(*reqs)


def format_label_selector(ls: Mapping | None) -> str:
    """kubectl's SELECTOR column and ``Selector:`` line. upstream: metav1.FormatLabelSelector."""
    try:
        text = str(from_label_selector(ls))
    except SelectorError:
        return "<error>"
    return text or "<none>"


def format_labels(labels: Mapping[str, str] | None) -> str:
    """``k=v,k2=v2`` sorted, or ``<none>``. upstream: labels.FormatLabels."""
    return ",".join(f"{k}={v}" for k, v in sorted((labels or {}).items())) or "<none>"


def list_error(api_version: str, resource: str, selector_text: str, err: SelectorError) -> str:
    """kubectl's message when the apiserver rejects ``-l``, e.g. for ``kubectl get po -l 'a in b'``.

    upstream: staging/src/k8s.io/cli-runtime/pkg/resource/selector.go (GroupVersionResource.String()
    is ``/v1, Resource=pods`` for the core group).
    """
    group, _, version = api_version.rpartition("/")
    gvr = f"{group}/{version}, Resource={resource}"
    return (
        f'Error from server (BadRequest): Unable to find "{gvr}" that match label selector '
        f'"{selector_text}", field selector "": {err.message}'
    )


# -- the parser (kubectl -l, ?labelSelector=) ---------------------------------------------------------
# Tokens, upstream: selector.go (string2token).
_ERROR, _EOS, _CLOSE, _COMMA, _NOT, _DEQ, _EQ, _GT, _ID, _IN, _LT, _NEQ, _NOTIN, _OPEN = range(14)
_TOKENS = {")": _CLOSE, ",": _COMMA, "!": _NOT, "==": _DEQ, "=": _EQ, ">": _GT, "in": _IN, "<": _LT,
           "!=": _NEQ, "notin": _NOTIN, "(": _OPEN}
_SPECIAL = set("=!(),><")
_WHITESPACE = set(" \t\r\n")
_OP_OF_TOKEN = {_IN: IN, _EQ: EQUALS, _DEQ: DOUBLE_EQUALS, _GT: GT, _LT: LT, _NOTIN: NOT_IN, _NEQ: NOT_EQUALS}


def _lex(s: str) -> list[tuple[int, str]]:
    items, pos, n = [], 0, len(s)
    while True:
        while pos < n and s[pos] in _WHITESPACE:
            pos += 1
        if pos >= n:
            items.append((_EOS, ""))
            return items
        if s[pos] in _SPECIAL:
            # longest run of special characters that is still a token ("!=" before "!")
            end, last = pos, None
            while end < n and s[end] in _SPECIAL and s[pos:end + 1] in _TOKENS:
                end += 1
                last = s[pos:end]
            if last is None:  # unreachable: every single special character is a token
                items.append((_ERROR, f"error expected: keyword found '{s[pos]}'"))
                end = pos + 1
            else:
                items.append((_TOKENS[last], last))
            pos = end
            continue
        start = pos
        while pos < n and s[pos] not in _SPECIAL and s[pos] not in _WHITESPACE:
            pos += 1
        word = s[start:pos]
        items.append((_TOKENS.get(word, _ID), word))


class _Parser:
    def __init__(self, text: str) -> None:
        self.items = _lex(text)
        self.pos = 0

    def lookahead(self, values: bool = True) -> tuple[int, str]:
        tok, lit = self.items[self.pos]
        return (_ID if values and tok in (_IN, _NOTIN) else tok), lit

    def consume(self, values: bool = True) -> tuple[int, str]:
        item = self.lookahead(values)
        self.pos += 1
        return item

    def parse(self) -> list[Requirement]:
        reqs: list[Requirement] = []
        while True:
            tok, lit = self.lookahead()
            if tok == _EOS:
                return reqs
            if tok not in (_ID, _NOT):
                raise SelectorError(f"found '{lit}', expected: !, identifier, or 'end of string'")
            try:
                reqs.append(self.parse_requirement())
            except SelectorError as exc:
                raise SelectorError(f"unable to parse requirement: {exc.message}") from None
            tok, lit = self.consume()
            if tok == _EOS:
                return reqs
            if tok != _COMMA:
                raise SelectorError(f"found '{lit}', expected: ',' or 'end of string'")
            tok2, lit2 = self.lookahead()
            if tok2 not in (_ID, _NOT):
                raise SelectorError(f"found '{lit2}', expected: identifier after ','")

    def parse_requirement(self) -> Requirement:
        key, op = self.parse_key_and_infer_operator()
        if op in (EXISTS, DOES_NOT_EXIST):
            return new_requirement(key, op, [])
        tok, lit = self.consume(values=False)
        if tok not in _OP_OF_TOKEN:
            raise SelectorError(f"found '{lit}', expected: {', '.join(BINARY_OPERATORS)}")
        op = _OP_OF_TOKEN[tok]
        values = self.parse_values() if op in (IN, NOT_IN) else self.parse_exact_value()
        return new_requirement(key, op, sorted(values))

    def parse_key_and_infer_operator(self) -> tuple[str, str | None]:
        op = None
        tok, lit = self.consume()
        if tok == _NOT:
            op = DOES_NOT_EXIST
            tok, lit = self.consume()
        if tok != _ID:
            raise SelectorError(f"found '{lit}', expected: identifier")
        if errs := is_qualified_name(lit):
            raise SelectorError(_invalid("<nil>", lit, "; ".join(errs)))
        if self.lookahead()[0] in (_EOS, _COMMA) and op != DOES_NOT_EXIST:
            op = EXISTS
        return lit, op

    def parse_values(self) -> set[str]:
        tok, lit = self.consume()
        if tok != _OPEN:
            raise SelectorError(f"found '{lit}' expected: '('")
        tok, lit = self.lookahead()
        if tok in (_ID, _COMMA):
            values = self.parse_identifiers_list()
            self.consume()  # the ')' parse_identifiers_list stopped at
            return values
        if tok == _CLOSE:  # "()" is the set {""}
            self.consume()
            return {""}
        raise SelectorError(f"found '{lit}', expected: ',', ')' or identifier")

    def parse_identifiers_list(self) -> set[str]:
        values: set[str] = set()
        while True:
            tok, lit = self.consume()
            if tok == _ID:
                values.add(lit)
                tok2, lit2 = self.lookahead()
                if tok2 == _COMMA:
                    continue
                if tok2 == _CLOSE:
                    return values
                raise SelectorError(f"found '{lit2}', expected: ',' or ')'")
            if tok == _COMMA:  # empty values: "(,a" "a,)" "a,,b"
                if not values:
                    values.add("")
                tok2, _ = self.lookahead()
                if tok2 == _CLOSE:
                    values.add("")
                    return values
                if tok2 == _COMMA:
                    values.add("")
                continue
            raise SelectorError(f"found '{lit}', expected: ',', or identifier")

    def parse_exact_value(self) -> set[str]:
        tok, _ = self.lookahead()
        if tok in (_EOS, _COMMA):
            return {""}
        tok, lit = self.consume()
        if tok == _ID:
            return {lit}
        raise SelectorError(f"found '{lit}', expected: identifier")


def parse(text: str) -> Selector:
    """kubectl's ``-l`` syntax; raises SelectorError with apimachinery's text. upstream: labels.Parse."""
    reqs = _Parser(text).parse()
    return Selector(tuple(sorted(reqs, key=lambda r: r.key)))
