"""Ingress and IngressClass on the way into storage.

- The DefaultIngressClass admission plugin (plugin/pkg/admission/network/defaultingressclass/admission.go)
  sets ``spec.ingressClassName`` of a new Ingress that names no class (neither the field nor the
  deprecated ``kubernetes.io/ingress.class`` annotation) to the IngressClass annotated
  ``ingressclass.kubernetes.io/is-default-class: "true"``.  Only on create.  With several default
  classes the simulator takes the newest (creationTimestamp, then name); minikube has only ``nginx``.
- pkg/registry/networking/ingress/strategy.go: status is not set by a create or a spec update.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import Strategy, register

if TYPE_CHECKING:
    from ..store import Store

DEFAULT_CLASS_ANNOTATION = "ingressclass.kubernetes.io/is-default-class"
LEGACY_CLASS_ANNOTATION = "kubernetes.io/ingress.class"


def default_class(store: Store) -> str | None:
    defaults = [c for c in store.list("IngressClass", None)
                if (c["metadata"].get("annotations") or {}).get(DEFAULT_CLASS_ANNOTATION) == "true"]
    if not defaults:
        return None
    defaults.sort(key=lambda c: (c["metadata"]["creationTimestamp"], c["metadata"]["name"]))
    return defaults[-1]["metadata"]["name"]


def _prepare_ingress(store: Store, obj: dict) -> None:
    obj["status"] = {"loadBalancer": {}}
    spec = obj.setdefault("spec", {})
    annotations = obj["metadata"].get("annotations") or {}
    if spec.get("ingressClassName") is None and LEGACY_CLASS_ANNOTATION not in annotations:
        name = default_class(store)
        if name is not None:
            spec["ingressClassName"] = name


def _keep_status(_store: Store, old: dict, new: dict) -> None:
    new["status"] = old.get("status", {"loadBalancer": {}})


register(Strategy("Ingress", prepare_for_create=_prepare_ingress, prepare_for_update=_keep_status))
register(Strategy("IngressClass"))
