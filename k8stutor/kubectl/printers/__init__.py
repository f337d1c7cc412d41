"""kubectl's printers as data: a table definition and a describer per kind.

A module of this package registers a :class:`TableDef` per kind (the columns of
``kubectl get``, from pkg/printers/internalversion/printers.go) and, where it has
one, a describer (from staging/src/k8s.io/kubectl/pkg/describe/describe.go).
Renderers (table, wide, name, yaml, json, jsonpath) work over these.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..._plugins import load_all

if TYPE_CHECKING:
    from ...cluster import Cluster

Row = Callable[["Cluster", dict], list[str]]
Describer = Callable[["Cluster", dict], str]


@dataclass
class TableDef:
    kind: str
    columns: list[str]
    row: Row
    #: Extra columns of ``-o wide`` and the function giving their cells.
    wide_columns: list[str] = field(default_factory=list)
    wide_row: Row | None = None


_TABLES: dict[str, TableDef] = {}
_DESCRIBERS: dict[str, Describer] = {}


def register_table(table: TableDef) -> TableDef:
    _TABLES[table.kind] = table
    return table


def register_describer(kind: str) -> Callable[[Describer], Describer]:
    def deco(fn: Describer) -> Describer:
        _DESCRIBERS[kind] = fn
        return fn

    return deco


def table_for(kind: str) -> TableDef | None:
    load_all(__name__)
    return _TABLES.get(kind)


def describer_for(kind: str) -> Describer | None:
    load_all(__name__)
    return _DESCRIBERS.get(kind)
