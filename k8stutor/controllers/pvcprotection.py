"""The pvc-protection and pv-protection controllers: a claim in use, or a bound volume, stays.

upstream: pkg/controller/volume/pvcprotection/pvc_protection_controller.go (processPVC, podUsesPVC:
a scheduled pod that names the claim keeps it) and pkg/controller/volume/pvprotection/
pv_protection_controller.go (isBeingUsed: phase Bound).  Until then the object waits with a
deletionTimestamp, which kubectl shows as ``Terminating``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..api.registry.core_pv import PV_PROTECTION
from ..api.registry.core_pvc import PVC_PROTECTION
from . import register

if TYPE_CHECKING:
    from ..cluster import Cluster


def pods_using(cluster: Cluster, claim: dict, scheduled_only: bool = True) -> list[dict]:
    ns = claim["metadata"].get("namespace", "default")
    name = claim["metadata"]["name"]
    used = []
    for pod in cluster.store.list("Pod", ns):
        if scheduled_only and not (pod.get("spec") or {}).get("nodeName"):
            continue
        if any(
            (v.get("persistentVolumeClaim") or {}).get("claimName") == name
            for v in (pod.get("spec") or {}).get("volumes") or []
        ):
            used.append(pod)
    return used


@register
class PVCProtectionController:
    name = "pvc-protection"
    order = 60

    def __init__(self, cluster: Cluster) -> None:
        pass

    def sync(self, cluster: Cluster) -> None:
        store = cluster.store
        for claim in store.list("PersistentVolumeClaim", None):
            meta = claim["metadata"]
            if meta.get("deletionTimestamp") and PVC_PROTECTION in (meta.get("finalizers") or []):
                if not pods_using(cluster, claim):
                    store.remove_finalizer(claim, PVC_PROTECTION)
        for pv in store.list("PersistentVolume", None):
            meta = pv["metadata"]
            if meta.get("deletionTimestamp") and PV_PROTECTION in (meta.get("finalizers") or []):
                if (pv.get("status") or {}).get("phase") != "Bound":
                    store.remove_finalizer(pv, PV_PROTECTION)
