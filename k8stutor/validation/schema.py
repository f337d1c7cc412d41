"""Checks against the official OpenAPI schemas of the reference version (strict, like the apiserver).

The schemas are extracted from kubernetes-validate by scripts/extract_schemas.py into
``schemas/v<minor>/schemas.json.gz`` and loaded once, lazily.  A small walker (instead of a
generic JSON-schema engine) reports every problem with its path, and knows what the
apiserver's decoder would say: strict decoding rejects unknown fields
(upstream: staging/src/k8s.io/apimachinery/pkg/runtime/serializer/json/json.go) and a value of
the wrong JSON type fails unmarshalling (sigs.k8s.io/json, Go's encoding/json texts).
"""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path as _FsPath
from typing import Any

from ..version import KUBERNETES_MINOR

Path = tuple


@dataclass(frozen=True)
class SchemaIssue:
    code: str  # unknown-field, type, required, quantity
    path: Path
    message: str
    hint: str | None = None
    decode_error: str | None = None  # the apiserver decoder's text when it rejects the request


@cache
def _schemas() -> dict:
    ref = _FsPath(__file__).parent / "schemas" / f"v{KUBERNETES_MINOR}" / "schemas.json.gz"
    return json.loads(gzip.decompress(ref.read_bytes()))


def provenance() -> dict:
    return _schemas()["provenance"]


def definition_for(api_version: str, kind: str) -> str | None:
    """The definition name of a kind, e.g. ``io.k8s.api.apps.v1.Deployment``; None if unknown."""
    return _schemas()["kinds"].get(f"{api_version}/{kind}")


def kinds_in_schema() -> dict[str, str]:
    return _schemas()["kinds"]


MAX_ISSUES = 1000  # per object: past that, more findings help nobody


class _Enough(Exception):
    pass


class _Issues(list):
    def append(self, issue: SchemaIssue) -> None:
        super().append(issue)
        if len(self) >= MAX_ISSUES:
            raise _Enough


def check(obj: dict, definition: str) -> list[SchemaIssue]:
    """Every schema problem of ``obj`` (a whole object of the given definition), up to MAX_ISSUES."""
    issues = _Issues()
    try:
        _Walker(_schemas()["defs"], issues).walk(obj, {"$": definition}, [], definition)
    except _Enough:
        pass
    return list(issues)


def format_path(path) -> str:
    """``spec.containers[0].ports`` as apimachinery's field paths print it."""
    out = []
    for part in path:
        if isinstance(part, int):
            out.append(f"[{part}]")
        else:
            out.append(("." if out else "") + part)
    return "".join(out)


_JSON_TYPE = {dict: "object", list: "array", str: "string", bool: "bool", int: "number", float: "number"}
_NOUN = {
    "object": "a mapping (key: value pairs)",
    "array": "a list",
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "true or false",
    "int-or-string": "an integer or a string",
    "quantity": "a quantity such as 500m, 1Gi or 2",
}
_GO_SCALAR = {"string": "string", "boolean": "bool", "number": "float64"}
# upstream: staging/src/k8s.io/apimachinery/pkg/api/resource/quantity.go (ParseQuantity)
_QUANTITY = re.compile(
    r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+|Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])?\Z"
)
QUANTITY_DECODE = (
    "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
)


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    return f'the string "{value}"'


class _Walker:
    def __init__(self, defs: dict, issues: list) -> None:
        self.defs, self.issues = defs, issues
        self.map_depth: list[int] = []
        self.hints: dict[tuple, str | None] = {}

    def walk(self, value: Any, node: dict, path: list, struct: str) -> None:
        while "$" in node:
            struct = node["$"]
            node = self.defs.get(struct, {})
        if value is None:
            return  # null is allowed everywhere: the decoder leaves the field unset
        t = node.get("t")
        if t is None:
            return
        if t == "object":
            if not isinstance(value, dict):
                return self._type(value, node, path, struct)
            props = node.get("p")
            ap = node.get("ap")
            for key, sub in value.items():
                path.append(key)
                if props is not None and key in props:
                    self.walk(sub, props[key], path, struct)
                elif isinstance(ap, dict):
                    self.map_depth.append(len(path))  # a map key is no Go struct field
                    self.walk(sub, ap, path, struct)
                    self.map_depth.pop()
                elif ap is False:
                    self._unknown(key, props or {}, path)
                path.pop()
            for req in node.get("r", ()):
                if req not in value:
                    self.issues.append(
                        SchemaIssue("required", tuple(path) + (req,), f'missing required field "{req}"')
                    )
        elif t == "array":
            if not isinstance(value, list):
                return self._type(value, node, path, struct)
            items = node.get("i")
            if items:
                for i, sub in enumerate(value):
                    path.append(i)
                    self.walk(sub, items, path, struct)
                    path.pop()
        elif t == "string":
            if not isinstance(value, str):
                self._type(value, node, path, struct)
            elif node.get("f") == "byte":
                self._base64(value, path)
        elif t == "integer":
            if isinstance(value, bool) or not (
                isinstance(value, int) or isinstance(value, float) and value.is_integer()
            ):
                self._type(value, node, path, struct)
        elif t == "number":
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                self._type(value, node, path, struct)
        elif t == "boolean":
            if not isinstance(value, bool):
                self._type(value, node, path, struct)
        elif t == "int-or-string":
            if isinstance(value, (bool, dict, list)) or isinstance(value, float) and not value.is_integer():
                self._type(value, node, path, struct)
        elif t == "quantity":
            self._quantity(value, node, path, struct)

    def _unknown(self, key: str, props: dict, path: list) -> None:
        cache_key = (key, id(props))  # the same typo repeated in a long list is looked up once
        if cache_key not in self.hints:
            self.hints[cache_key] = _suggest(key, props) or self._belongs_under(key, props)
        hint = self.hints[cache_key]
        p = format_path(path)
        self.issues.append(
            SchemaIssue("unknown-field", tuple(path), f'unknown field "{key}"', hint, f'unknown field "{p}"')
        )

    def _belongs_under(self, key: str, props: dict) -> str | None:
        """A field one level too far left: ``containers`` beside ``spec`` instead of inside it."""
        for name in sorted(props):
            node = props[name]
            while "$" in node:
                node = self.defs.get(node["$"], {})
            if node.get("t") == "array":
                node = node.get("i") or {}
                while "$" in node:
                    node = self.defs.get(node["$"], {})
            if key in (node.get("p") or {}):
                return f"{key} belongs inside {name}: indent it under {name}:"
        return None

    def _type(self, value: Any, node: dict, path: list, struct: str) -> None:
        t = node["t"]
        got = _describe(value)
        hint = None
        if t in ("integer", "number") and isinstance(value, str) and _is_number(value):
            hint = f"remove the quotes: {value}"
        elif t == "string" and not isinstance(value, (dict, list)):
            shown = str(value).lower() if isinstance(value, bool) else value
            hint = f'put the value in quotes: "{shown}"'
        elif t == "object" and isinstance(value, list):
            hint = "remove the leading '- ': a single mapping is expected here, not a list"
        elif t == "array" and isinstance(value, dict):
            hint = "write the entries as list items, each starting with '- '"
        jt = _JSON_TYPE.get(type(value), "string")
        # Go's field stack names struct fields only: no list indexes, no map keys
        go_path = ".".join(p for i, p in enumerate(path, 1) if isinstance(p, str) and i not in self.map_depth)
        go_struct = _go_name(struct, short=True)
        decode = (
            f"json: cannot unmarshal {jt} into Go struct field {go_struct}.{go_path} "
            f"of type {self._go_type(node)}"
        )
        self.issues.append(
            SchemaIssue("type", tuple(path), f"expected {_NOUN.get(t, t)}, got {got}", hint, decode)
        )

    def _base64(self, value: str, path: list) -> None:
        bad = base64_error(value)
        if bad is not None:
            self.issues.append(
                SchemaIssue(
                    "base64",
                    tuple(path),
                    f"the value is not base64 ({bad}): the apiserver will refuse it as "
                    "it is; a placeholder to replace?",
                    "encode it (echo -n 'value' | base64), or put plain text under stringData: instead",
                    bad,
                )
            )

    def _quantity(self, value: Any, node: dict, path: list, struct: str) -> None:
        if isinstance(value, bool) or isinstance(value, (dict, list)):
            return self._type(value, node, path, struct)
        if isinstance(value, (int, float)):
            return
        if not _QUANTITY.match(value.strip()):
            self.issues.append(
                SchemaIssue(
                    "quantity",
                    tuple(path),
                    f'"{value}" is not a quantity',
                    "write a number with an optional suffix: 250m (millicores), 128Mi, 1Gi, 2",
                    QUANTITY_DECODE,
                )
            )

    def _go_type(self, node: dict) -> str:
        if "$" in node:
            return _go_name(node["$"])
        t = node.get("t")
        if t == "array":
            return "[]" + self._go_type(node.get("i") or {})
        if t == "object":
            ap = node.get("ap")
            return "map[string]" + (self._go_type(ap) if isinstance(ap, dict) else "interface {}")
        if t == "integer":
            return {"int64": "int64"}.get(node.get("f", ""), "int32")
        if t == "int-or-string":
            return "intstr.IntOrString"
        if t == "quantity":
            return "resource.Quantity"
        return _GO_SCALAR.get(t or "", "interface {}")


_B64 = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")


def base64_error(value: str) -> str | None:
    """Go's encoding/base64 (StdEncoding) error for ``value``, or None when it decodes."""
    # upstream: Go encoding/base64 CorruptInputError ("illegal base64 data at input byte N");
    # newlines are skipped by the decoder.
    data = value.replace("\r", "").replace("\n", "")
    body = data.rstrip("=")
    pad = len(data) - len(body)
    for i, ch in enumerate(body):
        if ch not in _B64:
            return f"illegal base64 data at input byte {i}"
    if pad > 2 or len(data) % 4 != 0 or (pad and len(body) % 4 == 0):
        return f"illegal base64 data at input byte {len(body) if pad else len(data) - len(data) % 4}"
    return None


_LEGACY_FIELDS = {
    "serviceName": "networking.k8s.io/v1 writes the backend as service: {name: ..., port: {number: ...}}",
    "servicePort": "networking.k8s.io/v1 writes the backend as service: {name: ..., port: {number: ...}}",
    "ipFamily": "did you mean ipFamilies? (a list; spec.ipFamily was removed in 1.20)",
}


def _go_name(definition: str, short: bool = False) -> str:
    parts = definition.split(".")
    return parts[-1] if short else f"{parts[-2]}.{parts[-1]}"


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _suggest(key: str, props: dict) -> str | None:
    if not props:
        return None
    if key in _LEGACY_FIELDS and key not in props:
        return _LEGACY_FIELDS[key]
    lower = {p.lower(): p for p in props}
    if key.lower() in lower:
        return f"did you mean {lower[key.lower()]}? (field names are case-sensitive)"
    import difflib  # only when a field is unknown: keeps the CLI's start light

    close = difflib.get_close_matches(key, list(props), n=1, cutoff=0.7)
    if close:
        return f"did you mean {close[0]}?"
    return None
