"""``kubectl get storageclasses``: NAME PROVISIONER RECLAIMPOLICY VOLUMEBINDINGMODE ALLOWVOLUMEEXPANSION AGE.

upstream: pkg/printers/internalversion/printers.go (printStorageClass: ``(default)`` after the name of
the default class), staging/src/k8s.io/kubectl/pkg/describe/describe.go (StorageClassDescriber).
"""

from __future__ import annotations

from ...api.registry.storage import is_default
from . import TableDef, register_describer, register_table
from .common import age, meta
from .pvc import finish


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


def _format_labels(d: dict | None) -> str:
    """labels.FormatLabels: sorted ``k=v`` joined by commas, ``<none>`` when empty."""
    return ",".join(f"{k}={d[k]}" for k in sorted(d)) if d else "<none>"


@register_describer("StorageClass")
def describe_sc(cluster, sc: dict) -> str:
    """upstream: describe.go describeStorageClass."""
    m = meta(sc)
    text = f"Name:\t{m['name']}\n"
    text += f"IsDefaultClass:\t{'Yes' if is_default(sc) else 'No'}\n"
    text += f"Annotations:\t{_format_labels(m.get('annotations'))}\n"
    text += f"Provisioner:\t{sc.get('provisioner', '')}\n"
    text += f"Parameters:\t{_format_labels(sc.get('parameters'))}\n"
    expansion = sc.get("allowVolumeExpansion")
    text += f"AllowVolumeExpansion:\t{'<unset>' if expansion is None else str(bool(expansion))}\n"
    opts = sc.get("mountOptions") or []
    text += "MountOptions:\t<none>\n" if not opts else "MountOptions:\n" + "".join(f"  {o}\n" for o in opts)
    text += f"ReclaimPolicy:\t{sc.get('reclaimPolicy', 'Delete')}\n"
    text += f"VolumeBindingMode:\t{sc.get('volumeBindingMode', 'Immediate')}\n"
    return finish(cluster, sc, text)
