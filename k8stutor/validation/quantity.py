"""Kubernetes quantities (``500m``, ``128Mi``, ``1e3``): parsing and the canonical form ``String()`` prints.

upstream: staging/src/k8s.io/apimachinery/pkg/api/resource/quantity.go (ParseQuantity, CanonicalizeBytes)
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

_BINARY = {"Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "Ti": 2**40, "Pi": 2**50, "Ei": 2**60}
_DECIMAL = {"n": -9, "u": -6, "m": -3, "": 0, "k": 3, "M": 6, "G": 9, "T": 12, "P": 15, "E": 18}
_RE = re.compile(r"([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?[0-9]+)?\Z")


def parse(value) -> tuple[Decimal, str] | None:
    """(value, format) with format "binary" or "decimal"; None when it is not a quantity."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return Decimal(str(value)), "decimal"
    if not isinstance(value, str):
        return None
    m = _RE.match(value.strip())
    if not m:
        return None
    try:
        number = Decimal(m.group(1))
    except InvalidOperation:  # pragma: no cover - the regex admits only numbers
        return None
    suffix = m.group(2) or ""
    if suffix in _BINARY:
        return number * _BINARY[suffix], "binary"
    if suffix[:1] in ("e", "E"):
        return number * (Decimal(10) ** int(suffix[1:])), "decimal"
    return number * (Decimal(10) ** _DECIMAL[suffix]), "decimal"


def canonical(value) -> str:
    """What ``Quantity.String()`` prints for ``value`` (e.g. ``1000m`` -> ``1``, ``1024Mi`` -> ``1Gi``)."""
    parsed = parse(value)
    if parsed is None:
        return str(value)
    number, fmt = parsed
    if fmt == "binary" and number == number.to_integral_value():
        n = int(number)
        if n == 0:
            return "0"
        for suffix, base in sorted(_BINARY.items(), key=lambda kv: -kv[1]):
            if n % base == 0 and abs(n) >= base:
                return f"{n // base}{suffix}"
        if abs(n) < 1024:
            return str(n)
    for suffix, exp in sorted(_DECIMAL.items(), key=lambda kv: -kv[1]):
        scaled = number / (Decimal(10) ** exp)
        if scaled == scaled.to_integral_value() and (scaled != 0 or exp == 0):
            return f"{int(scaled)}{suffix}"
    # finer than a nano: the apiserver rounds up to nano units
    return f"{int((number * Decimal(10) ** 9).to_integral_value(rounding='ROUND_CEILING'))}n"
