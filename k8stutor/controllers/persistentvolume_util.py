"""Resource quantities (k8s.io/apimachinery/pkg/api/resource), as much as storage sizes need."""

from __future__ import annotations

import re

_SUFFIX = {
    "": 1,
    "k": 10**3,
    "M": 10**6,
    "G": 10**9,
    "T": 10**12,
    "P": 10**15,
    "E": 10**18,
    "m": 10**-3,
    "Ki": 2**10,
    "Mi": 2**20,
    "Gi": 2**30,
    "Ti": 2**40,
    "Pi": 2**50,
    "Ei": 2**60,
}
_QTY = re.compile(r"^([+-]?[0-9.]+)([eE][+-]?[0-9]+|[KMGTPE]i|[kMGTPEm]?)$")


def parse_quantity(text: str | int | float) -> float:
    """Bytes in a quantity ("1Gi", "500M", "1e3"); 0 for text that is not a quantity."""
    m = _QTY.match(str(text).strip())
    if not m:
        return 0.0
    number, suffix = float(m.group(1)), m.group(2)
    if suffix[:1] in ("e", "E"):
        return number * 10 ** int(suffix[1:])
    return number * _SUFFIX[suffix]
