"""``kubectl get events``: LAST SEEN TYPE REASON OBJECT MESSAGE (printers.go printEvent, v1.32 columns)."""

from __future__ import annotations

from . import TableDef, register_table
from .common import age


def row(cluster, ev: dict) -> list[str]:
    first = age(cluster, ev.get("firstTimestamp") or ev.get("eventTime"))
    last = age(cluster, ev["lastTimestamp"]) if ev.get("lastTimestamp") else first
    inv = ev.get("involvedObject") or {}
    target = (
        f"{(inv.get('kind') or '').lower()}/{inv['name']}"
        if inv.get("name")
        else (inv.get("kind") or "").lower()
    )
    return [last, ev.get("type", ""), ev.get("reason", ""), target, (ev.get("message") or "").strip()]


register_table(TableDef("Event", ["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"], row))
