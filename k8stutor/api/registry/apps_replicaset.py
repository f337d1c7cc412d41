"""ReplicaSet strategy: defaults, status reset on create, status kept on update.

upstream: pkg/apis/apps/v1/defaults.go (SetDefaults_ReplicaSet: replicas 1), the pod template's
SetDefaults_PodSpec from pkg/apis/core/v1/defaults.go, pkg/registry/apps/replicaset/strategy.go
(PrepareForCreate: empty status, generation 1; PrepareForUpdate: status from the old object).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from . import Strategy, register

if TYPE_CHECKING:
    from ..store import Store


def default_template(template: dict | None) -> None:
    """A pod template as stored: pod defaults, and ``creationTimestamp: null`` in its metadata
    (metav1.ObjectMeta's zero Time serialises as null in v1.32, so ``-o yaml`` shows it)."""
    if template is None:
        return
    meta = template.get("metadata")
    if not isinstance(meta, dict):
        meta = template["metadata"] = {}
    meta.setdefault("creationTimestamp", None)
    core_pod = importlib.import_module("k8stutor.api.registry.core_pod")
    spec = template.get("spec")
    if isinstance(spec, dict):
        had_links = "enableServiceLinks" in spec
        core_pod.set_defaults(template)
        if not had_links:
            spec.pop("enableServiceLinks", None)  # defaulted on Pods only (SetDefaults_Pod)


def set_defaults(rs: dict) -> None:
    spec = rs.setdefault("spec", {})
    if spec.get("replicas") is None:
        spec["replicas"] = 1
    default_template(spec.get("template"))


def prepare_for_create(_store: Store, rs: dict) -> None:
    set_defaults(rs)
    rs["status"] = {"replicas": 0}


def prepare_for_update(_store: Store, _old: dict, new: dict) -> None:
    set_defaults(new)


register(Strategy("ReplicaSet", prepare_for_create, prepare_for_update))
