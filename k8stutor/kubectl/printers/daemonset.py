"""``kubectl get daemonsets``: NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE.

upstream: pkg/printers/internalversion/printers.go (printDaemonSet; wide adds CONTAINERS IMAGES SELECTOR).
"""

from __future__ import annotations

from . import TableDef, register_table
from .common import age, format_labels, meta, spec, status


def row(cluster, ds: dict) -> list[str]:
    st = status(ds)
    pod_spec = (spec(ds).get("template") or {}).get("spec") or {}
    return [
        meta(ds).get("name", ""),
        str(st.get("desiredNumberScheduled", 0)),
        str(st.get("currentNumberScheduled", 0)),
        str(st.get("numberReady", 0)),
        str(st.get("updatedNumberScheduled", 0)),
        str(st.get("numberAvailable", 0)),
        format_labels(pod_spec.get("nodeSelector")),
        age(cluster, meta(ds).get("creationTimestamp")),
    ]


def wide_row(cluster, ds: dict) -> list[str]:
    containers = ((spec(ds).get("template") or {}).get("spec") or {}).get("containers") or []
    selector = spec(ds).get("selector") or {}
    try:
        from ...api.selectors import format_label_selector

        sel = format_label_selector(selector)
    except ImportError:
        sel = format_labels(selector.get("matchLabels"))
    return [
        ",".join(c.get("name", "") for c in containers),
        ",".join(c.get("image", "") for c in containers),
        sel,
    ]


register_table(
    TableDef(
        "DaemonSet",
        ["NAME", "DESIRED", "CURRENT", "READY", "UP-TO-DATE", "AVAILABLE", "NODE SELECTOR", "AGE"],
        row,
        ["CONTAINERS", "IMAGES", "SELECTOR"],
        wide_row,
    )
)
