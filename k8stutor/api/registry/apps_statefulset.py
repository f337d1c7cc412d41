"""StatefulSet (and ControllerRevision) strategies.

upstream: pkg/apis/apps/v1/defaults.go (SetDefaults_StatefulSet), pkg/apis/core/v1/defaults.go for
the pod template and the claim templates, pkg/registry/apps/statefulset/strategy.go (PrepareForCreate:
status reset, generation; PrepareForUpdate: status kept), pkg/registry/apps/controllerrevision.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from . import Strategy, register

if TYPE_CHECKING:
    from ..store import Store


def _pod_defaults(template: dict) -> None:
    """The pod template is stored as for every workload (pod defaults, ``creationTimestamp: null``)."""
    importlib.import_module("k8stutor.api.registry.apps_replicaset").default_template(template)


def _claim_template_defaults(claim: dict) -> None:
    # Templates are full PVC objects on the wire: apiVersion/kind, volumeMode, status.phase Pending.
    claim.setdefault("apiVersion", "v1")
    claim.setdefault("kind", "PersistentVolumeClaim")
    claim.setdefault("metadata", {}).setdefault("creationTimestamp", None)
    claim.setdefault("spec", {}).setdefault("volumeMode", "Filesystem")
    claim.setdefault("status", {"phase": "Pending"})


def set_defaults(sts: dict) -> None:
    spec = sts.setdefault("spec", {})
    spec.setdefault("podManagementPolicy", "OrderedReady")
    strategy = spec.setdefault("updateStrategy", {})
    if not strategy.get("type"):
        strategy["type"] = "RollingUpdate"
        strategy.setdefault("rollingUpdate", {})
    if strategy["type"] == "RollingUpdate" and isinstance(strategy.get("rollingUpdate"), dict):
        strategy["rollingUpdate"].setdefault("partition", 0)
        # maxUnavailable is alpha (MaxUnavailableStatefulSet) and off in v1.32: the apiserver drops it.
        strategy["rollingUpdate"].pop("maxUnavailable", None)
    policy = spec.get("persistentVolumeClaimRetentionPolicy") or {}
    policy.setdefault("whenDeleted", "Retain")
    policy.setdefault("whenScaled", "Retain")
    spec["persistentVolumeClaimRetentionPolicy"] = policy
    if spec.get("replicas") is None:
        spec["replicas"] = 1
    spec.setdefault("revisionHistoryLimit", 10)
    _pod_defaults(spec.setdefault("template", {}))
    for claim in spec.get("volumeClaimTemplates") or []:
        _claim_template_defaults(claim)


def prepare_for_create(_store: Store, sts: dict) -> None:
    set_defaults(sts)
    sts["status"] = {"availableReplicas": 0, "replicas": 0}


def prepare_for_update(_store: Store, _old: dict, new: dict) -> None:
    set_defaults(new)


register(Strategy("StatefulSet", prepare_for_create, prepare_for_update))
register(Strategy("ControllerRevision"))
