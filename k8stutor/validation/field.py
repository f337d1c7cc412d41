"""Field errors as the apiserver words them, and the name and label syntax rules.

``str(FieldError)`` is exactly the cause text of an Invalid response, e.g.
``spec.replicas: Invalid value: -1: must be greater than or equal to 0``.
upstream: staging/src/k8s.io/apimachinery/pkg/util/validation/field/errors.go,
staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go,
staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any


class Key(str):
    """A map key in a field path: printed as ``data[key]``."""


class GoValue(str):
    """A value already rendered as Go's %v / %#v would print it."""


_TYPE_TEXT = {
    "Required": "Required value",
    "Invalid": "Invalid value",
    "Duplicate": "Duplicate value",
    "NotSupported": "Unsupported value",
    "Forbidden": "Forbidden",
    "TooLong": "Too long",
    "NotFound": "Not found",
    "TooMany": "Too many",
}
_NO_VALUE = {"Required", "Forbidden", "TooLong"}


@dataclass(frozen=True)
class FieldError:
    path: tuple
    type: str  # Required, Invalid, Duplicate, NotSupported, Forbidden, TooLong, NotFound
    value: Any = None
    detail: str = ""
    hint: str | None = None

    @property
    def field(self) -> str:
        return path_text(self.path)

    def body(self) -> str:
        s = _TYPE_TEXT[self.type]
        if self.type not in _NO_VALUE:
            s += ": " + go_value(self.value)
        if self.detail:
            s += ": " + self.detail
        return s

    def __str__(self) -> str:
        return f"{self.field}: {self.body()}"


def path_text(path) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        elif isinstance(part, Key):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out


def go_quote(s: str) -> str:
    """Go's %q for ordinary text."""
    return json.dumps(s, ensure_ascii=False).replace("\\u007f", "\\x7f")


def go_value(value: Any) -> str:
    if isinstance(value, GoValue):
        return str(value)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
    if isinstance(value, str):
        return go_quote(value)
    if isinstance(value, dict):
        return go_map(value)
    return GoValue(repr(value))


def go_map(labels: dict | None) -> GoValue:
    """%#v of a map[string]string: ``map[string]string{"app":"web"}`` (keys sorted, as Go prints maps)."""
    if labels is None:
        return GoValue("map[string]string(nil)")
    inner = ", ".join(f"{go_quote(str(k))}:{go_quote(str(v))}" for k, v in sorted(labels.items()))
    return GoValue("map[string]string{" + inner + "}")


# -- syntax rules (upstream: apimachinery/pkg/util/validation/validation.go) ----------------------
def regex_error(msg: str, fmt: str, *examples: str) -> str:
    if not examples:
        return f"{msg} (regex used for validation is '{fmt}')"
    ex = " or ".join(f"'{e}', " for e in examples)
    return f"{msg} (e.g. {ex}regex used for validation is '{fmt}')"


def max_len_error(n: int) -> str:
    return f"must be no more than {n} characters"


_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?"
_SUBDOMAIN_FMT = _LABEL_FMT + "(\\." + _LABEL_FMT + ")*"
_DNS1035_FMT = "[a-z]([-a-z0-9]*[a-z0-9])?"
_QNAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]"
_LABEL_VALUE_FMT = "(" + _QNAME_FMT + ")?"
_CONFIG_KEY_FMT = "[-._a-zA-Z0-9]+"
_RE = {
    f: re.compile(f + r"\Z")
    for f in (_LABEL_FMT, _SUBDOMAIN_FMT, _DNS1035_FMT, _QNAME_FMT, _LABEL_VALUE_FMT, _CONFIG_KEY_FMT)
}
_LABEL_MSG = (
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', "
    "and must start and end with an alphanumeric character"
)
_SUBDOMAIN_MSG = (
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, "
    "'-' or '.', and must start and end with an alphanumeric character"
)
_DNS1035_MSG = (
    "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an "
    "alphabetic character, and end with an alphanumeric character"
)
_QNAME_MSG = (
    "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
    "alphanumeric character"
)
_LABEL_VALUE_MSG = (
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' "
    "or '.', and must start and end with an alphanumeric character"
)


def is_dns1123_label(value: str) -> list[str]:
    if type(value) is str and value in _VALID_DNS_LABELS:  # namespaces repeat on every object
        return []
    errs = _is_dns1123_label(value)
    if not errs and type(value) is str and len(_VALID_DNS_LABELS) < _MEMO_LIMIT:
        _VALID_DNS_LABELS.add(value)
    return errs


def _is_dns1123_label(value: str) -> list[str]:
    errs = []
    if len(value) > 63:
        errs.append(max_len_error(63))
    if not _RE[_LABEL_FMT].match(value):
        if _RE[_SUBDOMAIN_FMT].match(value):
            errs.append("must not contain dots")
        else:
            errs.append(regex_error(_LABEL_MSG, _LABEL_FMT, "my-name", "123-abc"))
    return errs


def is_dns1123_subdomain(value: str) -> list[str]:
    errs = []
    if len(value) > 253:
        errs.append(max_len_error(253))
    if not _RE[_SUBDOMAIN_FMT].match(value):
        errs.append(regex_error(_SUBDOMAIN_MSG, _SUBDOMAIN_FMT, "example.com"))
    return errs


def is_dns1035_label(value: str) -> list[str]:
    errs = []
    if len(value) > 63:
        errs.append(max_len_error(63))
    if not _RE[_DNS1035_FMT].match(value):
        errs.append(regex_error(_DNS1035_MSG, _DNS1035_FMT, "my-name", "abc-123"))
    return errs


def _is_qualified_name(value: str) -> list[str]:
    parts = value.split("/")
    errs: list[str] = []
    if len(parts) == 1:
        name = parts[0]
    elif len(parts) == 2:
        prefix, name = parts
        if not prefix:
            errs.append("prefix part must be non-empty")
        else:
            errs.extend("prefix part " + m for m in is_dns1123_subdomain(prefix))
    else:
        return [
            "a qualified name "
            + regex_error(_QNAME_MSG, _QNAME_FMT, "MyName", "my.name", "123-abc")
            + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"
        ]
    if not name:
        errs.append("name part must be non-empty")
    elif len(name) > 63:
        errs.append("name part " + max_len_error(63))
    if not _RE[_QNAME_FMT].match(name):
        errs.append("name part " + regex_error(_QNAME_MSG, _QNAME_FMT, "MyName", "my.name", "123-abc"))
    return errs


def _is_label_value(value: str) -> list[str]:
    errs = []
    if len(value) > 63:
        errs.append(max_len_error(63))
    if not _RE[_LABEL_VALUE_FMT].match(value):
        errs.append(regex_error(_LABEL_VALUE_MSG, _LABEL_VALUE_FMT, "MyValue", "my_value", "12345"))
    return errs


# Label keys and values repeat on every pod of a workload: remember the valid ones (pure checks).
_VALID_QNAMES: set = set()
_VALID_LABEL_VALUES: set = set()
_VALID_DNS_LABELS: set = set()
_MEMO_LIMIT = 100_000


def is_qualified_name(value: str) -> list[str]:
    if type(value) is str and value in _VALID_QNAMES:
        return []
    errs = _is_qualified_name(value)
    if not errs and type(value) is str and len(_VALID_QNAMES) < _MEMO_LIMIT:
        _VALID_QNAMES.add(value)
    return errs


def is_label_value(value: str) -> list[str]:
    if type(value) is str and value in _VALID_LABEL_VALUES:
        return []
    errs = _is_label_value(value)
    if not errs and type(value) is str and len(_VALID_LABEL_VALUES) < _MEMO_LIMIT:
        _VALID_LABEL_VALUES.add(value)
    return errs


def is_config_map_key(value: str) -> list[str]:
    errs = []
    if len(value) > 253:
        errs.append(max_len_error(253))
    if not _RE[_CONFIG_KEY_FMT].match(value):
        errs.append(
            regex_error(
                "a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
                _CONFIG_KEY_FMT,
                "key.name",
                "KEY_NAME",
                "key-name",
            )
        )
    if value == ".":
        errs.append("must not be '.'")
    elif value == "..":
        errs.append("must not be '..'")
    elif value.startswith(".."):
        errs.append("must not start with '..'")
    return errs


def is_valid_port_num(port: int) -> list[str]:
    return [] if 1 <= port <= 65535 else ["must be between 1 and 65535, inclusive"]


def is_valid_port_name(port: str) -> list[str]:
    errs = []
    if len(port) > 15:
        errs.append(max_len_error(15))
    if not re.fullmatch(r"[-a-z0-9]+", port):
        errs.append("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)")
    if not re.search(r"[a-z]", port):
        errs.append("must contain at least one letter (a-z)")
    if "--" in port:
        errs.append("must not contain consecutive hyphens")
    if port and (port[0] == "-" or port[-1] == "-"):
        errs.append("must not begin or end with a hyphen")
    return errs
