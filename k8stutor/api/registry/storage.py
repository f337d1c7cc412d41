"""StorageClass strategy (storage.k8s.io/v1).

upstream: pkg/apis/storage/v1/defaults.go (SetDefaults_StorageClass: reclaimPolicy Delete,
volumeBindingMode Immediate); pkg/registry/storage/storageclass/strategy.go.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import Strategy, register

if TYPE_CHECKING:
    from ..store import Store

#: The annotation that marks the class claims without a storageClassName get (DefaultStorageClass admission).
DEFAULT_CLASS_ANNOTATION = "storageclass.kubernetes.io/is-default-class"


def set_defaults(sc: dict) -> None:
    sc.setdefault("reclaimPolicy", "Delete")
    sc.setdefault("volumeBindingMode", "Immediate")


def prepare_for_update(_store: Store, _old: dict, new: dict) -> None:
    set_defaults(new)


def is_default(sc: dict) -> bool:
    """upstream: pkg/apis/storage/util/helpers.go IsDefaultAnnotation (also the beta annotation)."""
    ann = sc.get("metadata", {}).get("annotations") or {}
    return "true" in (
        ann.get(DEFAULT_CLASS_ANNOTATION),
        ann.get("storageclass.beta.kubernetes.io/is-default-class"),
    )


def default_class(store: Store) -> dict | None:
    """The default class; with several, the newest (upstream: GetDefaultClass since v1.28)."""
    defaults = [sc for sc in store.list("StorageClass", None) if is_default(sc)]
    if not defaults:
        return None
    return sorted(defaults, key=lambda s: (s["metadata"]["creationTimestamp"], s["metadata"]["name"]))[-1]


register(Strategy("StorageClass", lambda _s, sc: set_defaults(sc), prepare_for_update))
