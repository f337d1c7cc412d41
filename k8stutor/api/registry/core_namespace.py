"""Namespace and Node strategies.

upstream: pkg/registry/core/namespace/strategy.go (PrepareForCreate: the ``kubernetes`` finalizer,
phase Active), pkg/apis/core/v1/defaults.go (SetDefaults_Namespace: the
``kubernetes.io/metadata.name`` label, added since v1.21).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import Strategy, register

if TYPE_CHECKING:
    from ..store import Store


def _label(ns: dict) -> None:
    meta = ns.setdefault("metadata", {})
    labels = meta.get("labels") or {}
    labels["kubernetes.io/metadata.name"] = meta.get("name", "")
    meta["labels"] = labels


def prepare_for_create(store: Store, ns: dict) -> None:
    _label(ns)
    ns["spec"] = {"finalizers": ["kubernetes"]}
    ns["status"] = {"phase": "Active"}


def prepare_for_update(store: Store, old: dict, new: dict) -> None:
    _label(new)
    new["spec"] = old.get("spec", {})


def after_delete(store: Store, ns: dict) -> None:
    """The namespace controller's cleanup (pkg/controller/namespace/deletion): the content goes too.

    Simplified: the Namespace leaves at once (no Terminating phase) and its objects are deleted after it.
    """
    from .. import kinds

    name = ns["metadata"]["name"]
    for kind in kinds.KINDS:
        if not kind.namespaced:
            continue
        for obj in list(store.list(kind.kind, name)):
            if store.find(kind.kind, obj["metadata"]["name"], name) is not None:
                store.delete(kind.kind, obj["metadata"]["name"], name)


register(Strategy("Namespace", prepare_for_create, prepare_for_update, after_delete))
