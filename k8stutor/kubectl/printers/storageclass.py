"""``kubectl get storageclasses``: NAME PROVISIONER RECLAIMPOLICY VOLUMEBINDINGMODE ALLOWVOLUMEEXPANSION AGE.

upstream: pkg/printers/internalversion/printers.go (printStorageClass: ``(default)`` after the name of
the default class), staging/src/k8s.io/kubectl/pkg/describe/describe.go (StorageClassDescriber).
"""

from __future__ import annotations

from ...api.registry.storage import is_default
from . import TableDef, register_describer, register_table
from .common import age, meta
from .pvc import annotations_multiline, events_section, tabbed


def sc_row(cluster, sc: dict) -> list[str]:
    name = meta(sc)["name"] + (" (default)" if is_default(sc) else "")
    return [
        name,
        sc.get("provisioner", ""),
        sc.get("reclaimPolicy") or "Delete",
        sc.get("volumeBindingMode") or "Immediate",
        "true" if sc.get("allowVolumeExpansion") else "false",
        age(cluster, meta(sc).get("creationTimestamp")),
    ]


register_table(
    TableDef(
        "StorageClass",
        ["NAME", "PROVISIONER", "RECLAIMPOLICY", "VOLUMEBINDINGMODE", "ALLOWVOLUMEEXPANSION", "AGE"],
        sc_row,
    )
)


@register_describer("StorageClass")
def describe_sc(cluster, sc: dict) -> str:
    m = meta(sc)
    text = f"Name:\t{m['name']}\n"
    text += f"IsDefaultClass:\t{'Yes' if is_default(sc) else 'No'}\n"
    text += annotations_multiline("Annotations", m.get("annotations"))
    text += f"Provisioner:\t{sc.get('provisioner', '')}\n"
    params = sc.get("parameters") or {}
    text += "Parameters:\t" + (",".join(f"{k}={params[k]}" for k in sorted(params)) or "<none>") + "\n"
    text += f"AllowVolumeExpansion:\t{'True' if sc.get('allowVolumeExpansion') else '<unset>'}\n"
    opts = sc.get("mountOptions") or []
    text += "MountOptions:\t" + (", ".join(opts) if opts else "<none>") + "\n"
    text += f"ReclaimPolicy:\t{sc.get('reclaimPolicy', 'Delete')}\n"
    text += f"VolumeBindingMode:\t{sc.get('volumeBindingMode', 'Immediate')}\n"
    return tabbed(text.rstrip("\n")) + "\n" + events_section(cluster, sc)
