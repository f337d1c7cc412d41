"""minikube's storage-provisioner: the ``k8s.io/minikube-hostpath`` dynamic provisioner.

upstream: minikube pkg/storage/storage_provisioner.go (Provision: a directory
/tmp/hostpath-provisioner/<namespace>/<claim> on the node, a hostPath PV with the class's reclaim
policy; Delete: remove the directory) run by
sigs.k8s.io/sig-storage-lib-external-provisioner controller.go (PV name ``pvc-<claim uid>``, claimRef
pre-set, annotation pv.kubernetes.io/provisioned-by, events Provisioning / ProvisioningSucceeded from
the component ``<provisioner>_<hostname>_<uuid>``).
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from ..api import events
from ..node.volumes.persistentvolumeclaim import storage
from . import register
from .persistentvolume import ANN_PROVISIONED_BY, ANN_STORAGE_PROVISIONER, bind, claim_class, claim_ref

if TYPE_CHECKING:
    from ..cluster import Cluster

PROVISIONER = "k8s.io/minikube-hostpath"
PV_DIR = "/tmp/hostpath-provisioner"
NODE = "minikube"

# upstream: minikube deploy/addons/storageclass/storageclass.yaml (the default-storageclass addon)
STANDARD_CLASS = {
    "apiVersion": "storage.k8s.io/v1",
    "kind": "StorageClass",
    "metadata": {
        "name": "standard",
        "annotations": {"storageclass.kubernetes.io/is-default-class": "true"},
        "labels": {"addonmanager.kubernetes.io/mode": "EnsureExists"},
    },
    "provisioner": PROVISIONER,
}


class _Identity:
    """The provisioner's identities, drawn once per cluster from the seeded RNG."""

    def __init__(self, cluster: Cluster) -> None:
        self.identity = cluster.store.new_uid()  # hostPathProvisioner.identity
        self.component = f"{PROVISIONER}_{NODE}_{cluster.store.new_uid()}"


def ensure_standard_class(cluster: Cluster) -> None:
    """What minikube's default-storageclass addon leaves: the ``standard`` class, marked default."""
    if cluster.store.find("StorageClass", "standard", "") is None:
        cluster.store.create(copy.deepcopy(STANDARD_CLASS))


def _wants_us(claim: dict) -> bool:
    ann = claim["metadata"].get("annotations") or {}
    return (
        ann.get(ANN_STORAGE_PROVISIONER) == PROVISIONER
        and not claim["spec"].get("volumeName")
        and not claim["metadata"].get("deletionTimestamp")
    )


def provision(cluster: Cluster, claim: dict, sc: dict) -> dict:
    ident = cluster.part("minikube-hostpath", _Identity)
    meta = claim["metadata"]
    ns, name = meta.get("namespace", "default"), meta["name"]
    events.record(
        cluster.store,
        claim,
        "Normal",
        "Provisioning",
        f'External provisioner is provisioning volume for claim "{ns}/{name}"',
        ident.component,
    )
    pv_name = f"pvc-{meta['uid']}"
    storage(cluster).create(pv_name)
    pv = cluster.store.create(
        {
            "apiVersion": "v1",
            "kind": "PersistentVolume",
            "metadata": {
                "name": pv_name,
                "annotations": {
                    "hostPathProvisionerIdentity": ident.identity,
                    ANN_PROVISIONED_BY: PROVISIONER,
                },
            },
            "spec": {
                "accessModes": list(claim["spec"].get("accessModes") or []),
                "capacity": {
                    "storage": ((claim["spec"].get("resources") or {}).get("requests") or {}).get(
                        "storage", "0"
                    )
                },
                "claimRef": claim_ref(claim),
                "hostPath": {"path": f"{PV_DIR}/{ns}/{name}", "type": ""},
                "persistentVolumeReclaimPolicy": sc.get("reclaimPolicy", "Delete"),
                "storageClassName": sc["metadata"]["name"],
                "volumeMode": claim["spec"].get("volumeMode", "Filesystem"),
            },
        }
    )
    events.record(
        cluster.store,
        claim,
        "Normal",
        "ProvisioningSucceeded",
        f"Successfully provisioned volume {pv_name}",
        ident.component,
    )
    # The PV controller's informer sees the new volume at once and binds it: doing it here keeps the
    # claim from looking unbound to the scheduler for one extra pass (no spurious FailedScheduling).
    fresh = cluster.store.find("PersistentVolumeClaim", name, ns)
    if fresh is not None and not fresh["spec"].get("volumeName"):
        bind(cluster, fresh, pv)
    return pv


@register
class HostPathProvisioner:
    name = "provisioner"
    order = 60

    def __init__(self, cluster: Cluster) -> None:
        self._class_made = False

    def sync(self, cluster: Cluster) -> None:
        store = cluster.store
        if not self._class_made:
            self._class_made = True
            ensure_standard_class(cluster)
        for claim in store.list("PersistentVolumeClaim", None):
            if not _wants_us(claim) or store.find("PersistentVolume", f"pvc-{claim['metadata']['uid']}", ""):
                continue
            sc = store.find("StorageClass", claim_class(claim), "")
            if sc is not None and sc.get("provisioner") == PROVISIONER:
                provision(cluster, claim, sc)
        for pv in store.list("PersistentVolume", None):
            released = (pv.get("status") or {}).get("phase") in ("Released", "Failed")
            ours = (pv["metadata"].get("annotations") or {}).get(ANN_PROVISIONED_BY) == PROVISIONER
            if (
                released
                and ours
                and pv["spec"].get("persistentVolumeReclaimPolicy") == "Delete"
                and not pv["metadata"].get("deletionTimestamp")
            ):
                storage(cluster).remove(pv["metadata"]["name"])
                store.delete("PersistentVolume", pv["metadata"]["name"], "")
