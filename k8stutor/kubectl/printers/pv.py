"""``kubectl get/describe persistentvolumes``.

upstream: pkg/printers/internalversion/printers.go (printPersistentVolume: NAME CAPACITY ACCESS MODES
RECLAIM POLICY STATUS CLAIM STORAGECLASS VOLUMEATTRIBUTESCLASS REASON AGE, wide VOLUMEMODE),
staging/src/k8s.io/kubectl/pkg/describe/describe.go (describePersistentVolume, printHostPathVolumeSource).
"""

from __future__ import annotations

from . import TableDef, register_describer, register_table
from .common import age, meta, spec, status
from .pvc import access_modes, annotations_multiline, finish, go_list, labels_multiline


def pv_row(cluster, pv: dict) -> list[str]:
    sp, st = spec(pv), status(pv)
    ref = sp.get("claimRef")
    claim = f"{ref.get('namespace', '')}/{ref.get('name', '')}" if ref else ""
    phase = "Terminating" if meta(pv).get("deletionTimestamp") else st.get("phase", "")
    return [
        meta(pv)["name"],
        str((sp.get("capacity") or {}).get("storage", "")),
        access_modes(sp.get("accessModes")),
        sp.get("persistentVolumeReclaimPolicy", ""),
        phase,
        claim,
        sp.get("storageClassName", ""),
        sp.get("volumeAttributesClassName") or "<unset>",
        st.get("reason", ""),
        age(cluster, meta(pv).get("creationTimestamp")),
    ]


register_table(
    TableDef(
        "PersistentVolume",
        [
            "NAME",
            "CAPACITY",
            "ACCESS MODES",
            "RECLAIM POLICY",
            "STATUS",
            "CLAIM",
            "STORAGECLASS",
            "VOLUMEATTRIBUTESCLASS",
            "REASON",
            "AGE",
        ],
        pv_row,
        ["VOLUMEMODE"],
        lambda _c, pv: [spec(pv).get("volumeMode") or "<unset>"],
    )
)


@register_describer("PersistentVolume")
def describe_pv(cluster, pv: dict) -> str:
    m, sp, st = meta(pv), spec(pv), status(pv)
    text = f"Name:\t{m['name']}\n"
    text += labels_multiline("Labels", m.get("labels"))
    text += annotations_multiline("Annotations", m.get("annotations"))
    text += f"Finalizers:\t{go_list(m.get('finalizers'))}\n"
    text += f"StorageClass:\t{sp.get('storageClassName', '')}\n"
    if m.get("deletionTimestamp"):
        text += f"Status:\tTerminating (lasts {age(cluster, m['deletionTimestamp'])})\n"
    else:
        text += f"Status:\t{st.get('phase', '')}\n"
    ref = sp.get("claimRef")
    text += f"Claim:\t{ref.get('namespace', '') + '/' + ref.get('name', '') if ref else ''}\n"
    text += f"Reclaim Policy:\t{sp.get('persistentVolumeReclaimPolicy', '')}\n"
    text += f"Access Modes:\t{access_modes(sp.get('accessModes'))}\n"
    if sp.get("volumeMode"):
        text += f"VolumeMode:\t{sp['volumeMode']}\n"
    text += f"Capacity:\t{(sp.get('capacity') or {}).get('storage', '')}\n"
    text += "Node Affinity:\t<none>\n"
    text += f"Message:\t{st.get('message', '')}\nSource:\n"
    if sp.get("hostPath") is not None:
        hp = sp["hostPath"]
        text += "    Type:\tHostPath (bare host directory volume)\n"
        text += f"    Path:\t{hp.get('path', '')}\n"
        text += f"    HostPathType:\t{hp.get('type', '')}\n"
    else:
        text += "    <unknown>\n"
    return finish(cluster, pv, text)
