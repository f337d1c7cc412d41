"""``kubectl get namespaces``: NAME STATUS AGE (printers.go printNamespace)."""

from __future__ import annotations

from . import TableDef, register_table
from .common import age, meta, status


def row(cluster, ns: dict) -> list[str]:
    return [
        meta(ns).get("name", ""),
        status(ns).get("phase", ""),
        age(cluster, meta(ns).get("creationTimestamp")),
    ]


register_table(TableDef("Namespace", ["NAME", "STATUS", "AGE"], row))


# -- kubectl describe namespace (describe.go describeNamespace) --------------------------------------
from . import register_describer  # noqa: E402
from .describe_util import Writer, annotations_multiline, labels_multiline  # noqa: E402


@register_describer("Namespace")
def describe_namespace(cluster, ns: dict) -> str:
    m = meta(ns)
    w = Writer()
    w.write(0, f"Name:\t{m.get('name')}\n")
    labels_multiline(w, "Labels", m.get("labels"))
    annotations_multiline(w, "Annotations", m.get("annotations"))
    w.write(0, f"Status:\t{status(ns).get('phase', '')}\n")
    quotas = cluster.store.list("ResourceQuota", m.get("name"))
    limits = cluster.store.list("LimitRange", m.get("name"))
    w.write(0, "\n")
    w.write(0, "No resource quota.\n" if not quotas else "Resource Quotas\n")
    w.write(0, "\n")
    w.write(0, "No LimitRange resource.\n" if not limits else "Resource Limits\n")
    return w.text()
