"""ReplicationController strategy: defaults from the template's labels, status reset.

upstream: pkg/apis/core/v1/defaults.go (SetDefaults_ReplicationController: an empty selector and
empty labels both become the template's labels; replicas 1), pkg/registry/core/replicationcontroller/
strategy.go (PrepareForCreate: empty status, generation 1; PrepareForUpdate: status kept).
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from . import Strategy, register
from .apps_replicaset import default_template

if TYPE_CHECKING:
    from ..store import Store


def set_defaults(rc: dict) -> None:
    spec = rc.setdefault("spec", {})
    template = spec.get("template")
    labels = ((template or {}).get("metadata") or {}).get("labels") if isinstance(template, dict) else None
    if labels is not None:
        if not spec.get("selector"):
            spec["selector"] = copy.deepcopy(labels)
        meta = rc.setdefault("metadata", {})
        if not meta.get("labels"):
            meta["labels"] = copy.deepcopy(labels)
    if spec.get("replicas") is None:
        spec["replicas"] = 1
    default_template(template)


def prepare_for_create(_store: Store, rc: dict) -> None:
    set_defaults(rc)
    rc["status"] = {"replicas": 0}


def prepare_for_update(_store: Store, _old: dict, new: dict) -> None:
    set_defaults(new)


register(Strategy("ReplicationController", prepare_for_create, prepare_for_update))
