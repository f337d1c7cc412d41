"""``kubectl get serviceaccounts``: NAME SECRETS AGE (printers.go printServiceAccount)."""

from __future__ import annotations

from . import TableDef, register_table
from .common import age, meta


def row(cluster, sa: dict) -> list[str]:
    return [
        meta(sa).get("name", ""),
        str(len(sa.get("secrets") or [])),
        age(cluster, meta(sa).get("creationTimestamp")),
    ]


register_table(TableDef("ServiceAccount", ["NAME", "SECRETS", "AGE"], row))
