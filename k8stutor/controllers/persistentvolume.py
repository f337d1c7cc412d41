"""The PersistentVolume controller: binds claims to volumes and releases volumes of deleted claims.

upstream: pkg/controller/volume/persistentvolume/pv_controller.go (syncClaim, syncUnboundClaim,
syncBoundClaim, syncVolume, bind, reclaimVolume), index.go (findBestMatchForClaim: the smallest
Available volume of the claim's class that offers its access modes and size),
pkg/scheduler/framework/plugins/volumebinding (the scheduler's view of unbound claims).
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from ..api import events
from . import register
from .persistentvolume_util import parse_quantity

if TYPE_CHECKING:
    from ..cluster import Cluster

COMPONENT = "persistentvolume-controller"
ANN_BIND_COMPLETED = "pv.kubernetes.io/bind-completed"
ANN_BOUND_BY_CONTROLLER = "pv.kubernetes.io/bound-by-controller"
ANN_STORAGE_PROVISIONER = "volume.kubernetes.io/storage-provisioner"
ANN_BETA_STORAGE_PROVISIONER = "volume.beta.kubernetes.io/storage-provisioner"
ANN_PROVISIONED_BY = "pv.kubernetes.io/provisioned-by"


class _Once:
    """Events the controller has already recorded for an object (upstream repeats them each resync;
    here one is enough, and it keeps settle() finite)."""

    def __init__(self, _cluster: Cluster | None = None) -> None:
        self.seen: set[tuple[str, str]] = set()


def record_once(cluster: Cluster, obj: dict, type_: str, reason: str, message: str, component: str) -> None:
    once = cluster.part("persistentvolume-events", _Once)
    key = (obj["metadata"]["uid"], reason + message)
    if key not in once.seen:
        once.seen.add(key)
        events.record(cluster.store, obj, type_, reason, message, component)


def claim_class(claim: dict) -> str:
    return claim.get("spec", {}).get("storageClassName") or ""


def volume_class(pv: dict) -> str:
    return pv.get("spec", {}).get("storageClassName") or ""


def _storage(obj_spec: dict, where: str) -> float:
    if where == "claim":
        return parse_quantity(((obj_spec.get("resources") or {}).get("requests") or {}).get("storage", "0"))
    return parse_quantity((obj_spec.get("capacity") or {}).get("storage", "0"))


def _matches(pv: dict, claim: dict) -> bool:
    spec, cspec = pv.get("spec", {}), claim.get("spec", {})
    if pv.get("metadata", {}).get("deletionTimestamp") or spec.get("claimRef"):
        return False
    if (pv.get("status") or {}).get("phase") != "Available" or volume_class(pv) != claim_class(claim):
        return False
    if spec.get("volumeMode", "Filesystem") != cspec.get("volumeMode", "Filesystem"):
        return False
    if not set(cspec.get("accessModes") or []) <= set(spec.get("accessModes") or []):
        return False
    return _storage(spec, "pv") >= _storage(cspec, "claim")


def find_best_match(cluster: Cluster, claim: dict) -> dict | None:
    """upstream: index.go findBestMatchForClaim: the smallest volume that fits."""
    fits = [pv for pv in cluster.store.list("PersistentVolume", None) if _matches(pv, claim)]
    fits.sort(key=lambda pv: (_storage(pv["spec"], "pv"), pv["metadata"]["name"]))
    return fits[0] if fits else None


def claim_ref(claim: dict) -> dict:
    meta = claim["metadata"]
    return {
        "apiVersion": "v1",
        "kind": "PersistentVolumeClaim",
        "name": meta["name"],
        "namespace": meta.get("namespace", "default"),
        "resourceVersion": meta["resourceVersion"],
        "uid": meta["uid"],
    }


def _set_phase(cluster: Cluster, pv: dict, phase: str) -> dict:
    if (pv.get("status") or {}).get("phase") == phase:
        return pv
    new = copy.deepcopy(pv)
    new["status"] = {
        **(new.get("status") or {}),
        "phase": phase,
        "lastPhaseTransitionTime": cluster.clock.timestamp(),
    }
    return cluster.store.update_status(new)


def bind(cluster: Cluster, claim: dict, pv: dict) -> None:
    """upstream: pv_controller.go bind(): volume first (claimRef, Bound), then the claim."""
    store = cluster.store
    if not pv["spec"].get("claimRef"):
        new_pv = copy.deepcopy(pv)
        new_pv["spec"]["claimRef"] = claim_ref(claim)
        new_pv["metadata"].setdefault("annotations", {})[ANN_BOUND_BY_CONTROLLER] = "yes"
        pv = store.update(new_pv)
    pv = _set_phase(cluster, pv, "Bound")
    new = copy.deepcopy(claim)
    ann = new["metadata"].setdefault("annotations", {})
    ann[ANN_BIND_COMPLETED] = "yes"
    if not claim["spec"].get("volumeName"):
        ann[ANN_BOUND_BY_CONTROLLER] = "yes"
    new["spec"]["volumeName"] = pv["metadata"]["name"]
    claim = store.update(new)
    status = copy.deepcopy(claim)
    status["status"] = {
        "accessModes": list(pv["spec"].get("accessModes") or []),
        "capacity": dict(pv["spec"].get("capacity") or {}),
        "phase": "Bound",
    }
    store.update_status(status)


def _provisioner_of(cluster: Cluster, claim: dict) -> tuple[dict | None, str | None]:
    """(class, problem): the claim's StorageClass, or the reason it cannot be provisioned."""
    name = claim_class(claim)
    if not name:
        return None, "no persistent volumes available for this claim and no storage class is set"
    sc = cluster.store.find("StorageClass", name, "")
    if sc is None:
        return None, f'storageclass.storage.k8s.io "{name}" not found'
    return sc, None


def sync_unbound_claim(cluster: Cluster, claim: dict) -> None:
    store = cluster.store
    meta = claim["metadata"]
    for pv in store.list("PersistentVolume", None):
        ref = pv["spec"].get("claimRef") or {}
        if (ref.get("name"), ref.get("namespace")) == (
            meta["name"],
            meta.get("namespace", "default"),
        ) and ref.get("uid") in (None, "", meta["uid"]):
            bind(cluster, claim, pv)
            return
    pv = find_best_match(cluster, claim)
    if pv is not None:
        bind(cluster, claim, pv)
        return
    sc, problem = _provisioner_of(cluster, claim)
    if sc is None:
        type_, reason = (
            ("Normal", "FailedBinding") if not claim_class(claim) else ("Warning", "ProvisioningFailed")
        )
        record_once(cluster, claim, type_, reason, problem or "", COMPONENT)
        return
    if sc.get("volumeBindingMode") == "WaitForFirstConsumer":
        record_once(
            cluster,
            claim,
            "Normal",
            "WaitForFirstConsumer",
            "waiting for first consumer to be created before binding",
            COMPONENT,
        )
        return
    provisioner = sc.get("provisioner", "")
    ann = meta.get("annotations") or {}
    if ann.get(ANN_STORAGE_PROVISIONER) != provisioner:
        new = copy.deepcopy(claim)
        new_ann = new["metadata"].setdefault("annotations", {})
        new_ann[ANN_BETA_STORAGE_PROVISIONER] = provisioner
        new_ann[ANN_STORAGE_PROVISIONER] = provisioner
        claim = store.update(new)
    # upstream: pv_controller.go provisionClaimOperationExternal
    record_once(
        cluster,
        claim,
        "Normal",
        "ExternalProvisioning",
        f"Waiting for a volume to be created either by the external provisioner '{provisioner}' "
        "or manually by the system administrator. If volume creation is delayed, please verify "
        "that the external provisioner is running and correctly registered.",
        COMPONENT,
    )


def sync_volume(cluster: Cluster, pv: dict) -> None:
    ref = pv["spec"].get("claimRef")
    phase = (pv.get("status") or {}).get("phase")
    if not ref:
        if phase != "Available":
            _set_phase(cluster, pv, "Available")
        return
    claim = cluster.store.find("PersistentVolumeClaim", ref.get("name", ""), ref.get("namespace", "default"))
    if claim is not None and ref.get("uid") in (None, "", claim["metadata"]["uid"]):
        if claim["spec"].get("volumeName") == pv["metadata"]["name"] and phase != "Bound":
            _set_phase(cluster, pv, "Bound")
        return
    # The claim is gone: the volume is released and its reclaim policy applies.
    if phase in ("Bound", "Pending", "Available"):
        pv = _set_phase(cluster, pv, "Released")
    if pv["spec"].get("persistentVolumeReclaimPolicy") == "Delete" and not (
        pv["metadata"].get("annotations") or {}
    ).get(ANN_PROVISIONED_BY):
        # In-tree deletion (no external provisioner owns it): the controller deletes the object.
        if not pv["metadata"].get("deletionTimestamp"):
            cluster.store.delete("PersistentVolume", pv["metadata"]["name"], "")


def unschedulable_reason(cluster: Cluster, pod: dict) -> str | None:
    """The scheduler's volume-binding filter: why ``pod`` cannot be placed yet, or None.

    upstream: pkg/scheduler/framework/plugins/volumebinding/volume_binding.go (PreFilter) and
    binder.go (ErrReasonBindConflict...): a missing claim, a claim being deleted, an unbound
    claim of an Immediate class.
    """
    ns = pod["metadata"].get("namespace", "default")
    unbound = False
    for vol in (pod.get("spec") or {}).get("volumes") or []:
        src = vol.get("persistentVolumeClaim")
        if not src:
            continue
        name = src.get("claimName", "")
        claim = cluster.store.find("PersistentVolumeClaim", name, ns)
        if claim is None:
            return f'persistentvolumeclaim "{name}" not found'
        if claim["metadata"].get("deletionTimestamp"):
            return f'persistentvolumeclaim "{name}" is being deleted'
        if not claim["spec"].get("volumeName"):
            sc = cluster.store.find("StorageClass", claim_class(claim), "") if claim_class(claim) else None
            if sc is None or sc.get("volumeBindingMode") != "WaitForFirstConsumer":
                unbound = True
    return "pod has unbound immediate PersistentVolumeClaims" if unbound else None


@register
class PersistentVolumeController:
    name = "persistentvolume-binder"
    order = 60

    def __init__(self, cluster: Cluster) -> None:
        pass

    def sync(self, cluster: Cluster) -> None:
        store = cluster.store
        for claim in store.list("PersistentVolumeClaim", None):
            if claim["metadata"].get("deletionTimestamp") or claim["spec"].get("volumeName"):
                if claim["spec"].get("volumeName") and (claim.get("status") or {}).get("phase") != "Bound":
                    pv = store.find("PersistentVolume", claim["spec"]["volumeName"], "")
                    if pv is not None:
                        bind(cluster, claim, pv)
                continue
            sync_unbound_claim(cluster, claim)
        for pv in store.list("PersistentVolume", None):
            sync_volume(cluster, pv)
