"""``kubectl get controllerrevisions``: NAME CONTROLLER REVISION AGE.

upstream: pkg/printers/internalversion/printers.go (printControllerRevision: the controller is
``<kind in lower case>.<group>/<name>``, ``<none>`` for an orphan).
"""

from __future__ import annotations

from . import TableDef, register_table
from .common import age, meta


def cr_row(cluster, rev: dict) -> list[str]:
    owner = next((r for r in meta(rev).get("ownerReferences") or [] if r.get("controller")), None)
    controller = "<none>"
    if owner is not None:
        group = owner.get("apiVersion", "").rpartition("/")[0]
        controller = f"{owner['kind'].lower()}{'.' + group if group else ''}/{owner['name']}"
    return [
        meta(rev)["name"],
        controller,
        str(rev.get("revision", 0)),
        age(cluster, meta(rev).get("creationTimestamp")),
    ]


register_table(TableDef("ControllerRevision", ["NAME", "CONTROLLER", "REVISION", "AGE"], cr_row))
