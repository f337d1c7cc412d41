"""The simulated apiserver's validation step: the store calls it on every create and update.

``validate_object(obj, old, store) -> list[str]`` returns the causes of an Invalid response in the
apiserver's words (``spec.replicas: Invalid value: -1: must be greater than or equal to 0``); the
store wraps them as ``The Deployment "x" is invalid: ...``.  ``obj`` has been through the kind's
strategy (defaulting, allocation) already, as in the real apiserver; ``old`` is the stored object on
an update.  It must be fast (it runs for every object controllers write too) and must never reject
what a real apiserver accepts, so it holds only the rules in :mod:`.rules` plus the update rules
below -- no schema walk (objects reaching the store were decoded already).
upstream: staging/src/k8s.io/apiserver/pkg/registry/rest/create.go (BeforeCreate -> Validate),
update.go (BeforeUpdate -> ValidateUpdate), pkg/registry/<group>/<kind>/strategy.go
"""

from __future__ import annotations

from typing import Any

from . import rules
from .field import FieldError, GoValue, go_map

_SELECTOR_IMMUTABLE = {"Deployment", "ReplicaSet", "StatefulSet", "DaemonSet"}


def validate_object(obj: dict, old: dict | None, store: Any = None) -> list[str]:
    """Causes for rejecting ``obj`` (empty when it is valid)."""
    try:
        errs = rules.check(obj, rules.Context(defaulted=True, old=old))
        if old is not None:
            errs += _update_rules(obj, old)
    except Exception as exc:  # noqa: BLE001 - a rule bug must not corrupt the store; surface it
        return [f"InternalError: validation failed: {type(exc).__name__}: {exc}"]
    return [str(e) for e in errs]


def _update_rules(obj: dict, old: dict) -> list[FieldError]:
    kind = obj.get("kind")
    errs: list[FieldError] = []
    spec, old_spec = obj.get("spec") or {}, old.get("spec") or {}
    if kind in _SELECTOR_IMMUTABLE and spec.get("selector") != old_spec.get("selector"):
        # upstream: pkg/apis/apps/validation/validation.go (ValidateImmutableField for apps/v1)
        errs.append(
            FieldError(
                ("spec", "selector"),
                "Invalid",
                _go_label_selector(spec.get("selector")),
                "field is immutable",
                hint="create a new object (with a new name) to change its selector",
            )
        )
    if kind in ("ConfigMap", "Secret") and old.get("immutable") is True:
        # upstream: pkg/apis/core/validation/validation.go (ValidateConfigMapUpdate, ValidateSecretUpdate)
        if obj.get("immutable") is not True:
            errs.append(
                FieldError(("immutable",), "Forbidden", detail="field is immutable when `immutable` is set")
            )
        for field in ("data", "binaryData") if kind == "ConfigMap" else ("data",):
            if (obj.get(field) or {}) != (old.get(field) or {}):
                errs.append(
                    FieldError((field,), "Forbidden", detail="field is immutable when `immutable` is set")
                )
    if kind == "Secret" and obj.get("type", "Opaque") != old.get("type", "Opaque"):
        errs.append(FieldError(("type",), "Invalid", obj.get("type"), "field is immutable"))
    return errs


def _go_label_selector(sel: Any) -> GoValue:
    if not isinstance(sel, dict):
        return GoValue("nil")
    labels = sel.get("matchLabels")
    exprs = sel.get("matchExpressions")
    ml = go_map(labels) if isinstance(labels, dict) else "map[string]string(nil)"
    me = "[]v1.LabelSelectorRequirement(nil)" if not exprs else "[]v1.LabelSelectorRequirement{...}"
    return GoValue(f"&v1.LabelSelector{{MatchLabels:{ml}, MatchExpressions:{me}}}")
