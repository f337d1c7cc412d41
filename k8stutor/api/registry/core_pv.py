"""PersistentVolume strategy.

upstream: pkg/apis/core/v1/defaults.go (SetDefaults_PersistentVolume: reclaim policy Retain,
volumeMode Filesystem, status phase Pending; SetDefaults_HostPathVolumeSource type ""),
pkg/registry/core/persistentvolume/strategy.go (PrepareForCreate resets status to Pending),
plugin/pkg/admission/storage/storageobjectinuseprotection (adds kubernetes.io/pv-protection).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import Strategy, register

if TYPE_CHECKING:
    from ..store import Store

PV_PROTECTION = "kubernetes.io/pv-protection"


def set_defaults(pv: dict) -> None:
    spec = pv.setdefault("spec", {})
    spec.setdefault("persistentVolumeReclaimPolicy", "Retain")
    spec.setdefault("volumeMode", "Filesystem")
    if isinstance(spec.get("hostPath"), dict):
        spec["hostPath"].setdefault("type", "")


def prepare_for_create(store: Store, pv: dict) -> None:
    set_defaults(pv)
    meta = pv.setdefault("metadata", {})
    fins = meta.setdefault("finalizers", [])
    if PV_PROTECTION not in fins:
        fins.append(PV_PROTECTION)
    pv["status"] = {"phase": "Pending", "lastPhaseTransitionTime": store.clock.timestamp()}


def prepare_for_update(_store: Store, _old: dict, new: dict) -> None:
    set_defaults(new)


register(Strategy("PersistentVolume", prepare_for_create, prepare_for_update))
