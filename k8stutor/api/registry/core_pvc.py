"""PersistentVolumeClaim strategy and the admission plugins that touch claims on create.

upstream: pkg/apis/core/v1/defaults.go (SetDefaults_PersistentVolumeClaim: volumeMode Filesystem),
pkg/registry/core/persistentvolumeclaim/strategy.go (PrepareForCreate: status phase Pending),
plugin/pkg/admission/storage/persistentvolume/... DefaultStorageClass (storageClassName from the
default class when the field is absent), storageobjectinuseprotection (kubernetes.io/pvc-protection).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import Strategy, register
from .storage import default_class

if TYPE_CHECKING:
    from ..store import Store

PVC_PROTECTION = "kubernetes.io/pvc-protection"


def set_defaults(pvc: dict) -> None:
    pvc.setdefault("spec", {}).setdefault("volumeMode", "Filesystem")


def prepare_for_create(store: Store, pvc: dict) -> None:
    set_defaults(pvc)
    spec = pvc["spec"]
    # DefaultStorageClass admission: only a missing field is filled; "" means "no class".
    if spec.get("storageClassName") is None:
        sc = default_class(store)
        if sc is not None:
            spec["storageClassName"] = sc["metadata"]["name"]
        else:
            spec.pop("storageClassName", None)
    meta = pvc.setdefault("metadata", {})
    fins = meta.setdefault("finalizers", [])
    if PVC_PROTECTION not in fins:
        fins.append(PVC_PROTECTION)
    pvc["status"] = {"phase": "Pending"}


def prepare_for_update(_store: Store, _old: dict, new: dict) -> None:
    set_defaults(new)


register(Strategy("PersistentVolumeClaim", prepare_for_create, prepare_for_update))
