"""Workload rules: selectors matching templates, replicas, strategies, StatefulSet serviceName.

upstream: pkg/apis/apps/validation/validation.go (ValidateDeploymentSpec, ValidateDeploymentStrategy,
ValidateRollingUpdateDeployment, ValidateReplicaSetSpec, ValidateStatefulSetSpec, ValidateDaemonSetSpec),
pkg/apis/core/validation/validation.go (ValidateReplicationControllerSpec)
"""

from __future__ import annotations

import re

from ..field import FieldError, go_map, go_value, is_dns1123_label
from . import Context, d, lst, num, rule, s
from .core import not_supported, template


def _nonnegative(spec: dict, field: str) -> list[FieldError]:
    v = num(spec.get(field))
    if v is not None and v < 0:
        return [FieldError(("spec", field), "Invalid", v, "must be greater than or equal to 0")]
    return []


def selector_matches(selector: dict, labels: dict) -> bool:
    """metav1.LabelSelectorAsSelector(...).Matches(labels)."""
    for k, v in d(selector.get("matchLabels")).items():
        if labels.get(k) != v:
            return False
    for expr in lst(selector.get("matchExpressions")):
        expr = d(expr)
        key, op, values = expr.get("key"), expr.get("operator"), lst(expr.get("values"))
        if op == "In" and labels.get(key) not in values:
            return False
        if op == "NotIn" and key in labels and labels[key] in values:
            return False
        if op == "Exists" and key not in labels:
            return False
        if op == "DoesNotExist" and key in labels:
            return False
    return True


def _label_selector(spec: dict, kind: str, ctx: Context) -> list[FieldError]:
    """A Deployment/ReplicaSet/StatefulSet/DaemonSet selector and its template's labels."""
    sel = spec.get("selector")
    if not isinstance(sel, dict):
        return (
            [
                FieldError(
                    ("spec", "selector"),
                    "Required",
                    hint="add selector: matchLabels: with the template's labels",
                )
            ]
            if sel is None
            else []
        )
    errs: list[FieldError] = []
    for i, expr in enumerate(lst(sel.get("matchExpressions"))):
        op = s(d(expr).get("operator"))
        ops = ["DoesNotExist", "Exists", "In", "NotIn"]
        if op is not None and op not in ops:
            errs.append(
                FieldError(
                    ("spec", "selector", "matchExpressions", i, "operator"),
                    "Invalid",
                    op,
                    "not a valid selector operator",
                )
            )
            return errs
    if not d(sel.get("matchLabels")) and not lst(sel.get("matchExpressions")):
        if kind in ("Deployment", "ReplicaSet", "StatefulSet", "DaemonSet"):
            errs.append(
                FieldError(
                    ("spec", "selector"),
                    "Invalid",
                    _go_selector(sel),
                    f"empty selector is invalid for {kind.lower()}"
                    if kind != "ReplicaSet"
                    else "empty selector is invalid for deployment",
                    hint="list the template's labels under selector.matchLabels",
                )
            )
        return errs
    labels = d(d(d(spec.get("template")).get("metadata")).get("labels"))
    if not selector_matches(sel, labels):
        raw = d(d(spec.get("template")).get("metadata")).get("labels")
        errs.append(
            FieldError(
                ("spec", "template", "metadata", "labels"),
                "Invalid",
                go_map(raw if isinstance(raw, dict) else None),
                "`selector` does not match template `labels`",
                hint="the template's labels must include every label the selector asks for",
            )
        )
    return errs


def _go_selector(sel: dict):
    """%#v of the decoded *metav1.LabelSelector."""
    from ..field import GoValue

    labels = sel.get("matchLabels")
    ml = go_map(labels) if isinstance(labels, dict) else "map[string]string(nil)"
    exprs = sel.get("matchExpressions")
    me = (
        "[]v1.LabelSelectorRequirement{}" if isinstance(exprs, list) else "[]v1.LabelSelectorRequirement(nil)"
    )
    return GoValue(f"&v1.LabelSelector{{MatchLabels:{ml}, MatchExpressions:{me}}}")


def _template(spec: dict, ctx: Context, extra_volumes=frozenset(), always: bool = True) -> list[FieldError]:
    tmpl = spec.get("template")
    if not isinstance(tmpl, dict):
        return [FieldError(("spec", "template"), "Required")] if tmpl is None else []
    return template(tmpl, ("spec", "template"), ctx, ["Always"] if always else None, extra_volumes)


@rule("Deployment")
def deployment(obj: dict, ctx: Context) -> list[FieldError]:
    spec = d(obj.get("spec"))
    errs = _nonnegative(spec, "replicas") + _nonnegative(spec, "minReadySeconds")
    errs += _label_selector(spec, "Deployment", ctx)
    errs += _template(spec, ctx)
    errs += _strategy(d(spec.get("strategy")), ctx)
    rhl = num(spec.get("revisionHistoryLimit"))
    if rhl is not None and rhl < 0:
        errs.append(
            FieldError(("spec", "revisionHistoryLimit"), "Invalid", rhl, "must be greater than or equal to 0")
        )
    pds, mrs = num(spec.get("progressDeadlineSeconds")), num(spec.get("minReadySeconds"))
    if pds is not None and mrs is not None and pds <= mrs:
        errs.append(
            FieldError(
                ("spec", "progressDeadlineSeconds"), "Invalid", pds, "must be greater than minReadySeconds"
            )
        )
    return errs


def _strategy(strategy: dict, ctx: Context) -> list[FieldError]:
    path = ("spec", "strategy")
    stype = strategy.get("type", "RollingUpdate")
    rolling = strategy.get("rollingUpdate")
    if stype == "Recreate":
        if rolling is not None:
            return [
                FieldError(
                    path + ("rollingUpdate",),
                    "Forbidden",
                    detail="may not be specified when strategy `type` is 'Recreate'",
                    hint="remove the rollingUpdate block, or use type: RollingUpdate",
                )
            ]
        return []
    if stype != "RollingUpdate":
        return [not_supported(path + ("type",), stype, ["Recreate", "RollingUpdate"])] if stype else []
    if not isinstance(rolling, dict):
        return []
    errs: list[FieldError] = []
    rpath = path + ("rollingUpdate",)
    # unset fields default to 25% (upstream: pkg/apis/apps/v1/defaults.go)
    unavailable = rolling.get("maxUnavailable", "25%")
    surge = rolling.get("maxSurge", "25%")
    errs += _int_or_percent(unavailable, rpath + ("maxUnavailable",))
    errs += _int_or_percent(surge, rpath + ("maxSurge",))
    if _percent_value(unavailable) == 0 and _percent_value(surge) == 0:
        errs.append(
            FieldError(
                rpath + ("maxUnavailable",),
                "Invalid",
                _intstr(unavailable),
                "may not be 0 when `maxSurge` is 0",
                hint="with both 0 the rollout could never make progress: let one of them be 1",
            )
        )
    if isinstance(unavailable, str) and (_percent_value(unavailable) or 0) > 100:
        errs.append(
            FieldError(rpath + ("maxUnavailable",), "Invalid", unavailable, "must not be greater than 100%")
        )
    return errs


_PERCENT = re.compile(r"[0-9]+%\Z")


def _int_or_percent(value, path: tuple) -> list[FieldError]:
    if isinstance(value, str):
        if not _PERCENT.match(value):
            return [FieldError(path, "Invalid", value, "must be an integer or percentage (e.g '5%')")]
    elif num(value) is not None and num(value) < 0:
        return [FieldError(path, "Invalid", num(value), "must be greater than or equal to 0")]
    return []


def _percent_value(value) -> int | None:
    if isinstance(value, str):
        return int(value[:-1]) if _PERCENT.match(value) else None
    return num(value)


def _intstr(value):
    from ..field import GoValue

    return GoValue(str(value) if isinstance(value, str) else go_value(num(value) or 0))


@rule("ReplicaSet")
def replica_set(obj: dict, ctx: Context) -> list[FieldError]:
    spec = d(obj.get("spec"))
    errs = _nonnegative(spec, "replicas") + _nonnegative(spec, "minReadySeconds")
    return errs + _label_selector(spec, "ReplicaSet", ctx) + _template(spec, ctx)


@rule("DaemonSet")
def daemon_set(obj: dict, ctx: Context) -> list[FieldError]:
    spec = d(obj.get("spec"))
    return _label_selector(spec, "DaemonSet", ctx) + _template(spec, ctx)


@rule("StatefulSet")
def stateful_set(obj: dict, ctx: Context) -> list[FieldError]:
    spec = d(obj.get("spec"))
    errs = _nonnegative(spec, "replicas") + _nonnegative(spec, "minReadySeconds")
    service_name = s(spec.get("serviceName"))
    if service_name:
        errs += [
            FieldError(("spec", "serviceName"), "Invalid", service_name, m)
            for m in is_dns1123_label(service_name)
        ]
    policy = spec.get("podManagementPolicy")
    if isinstance(policy, str) and policy not in ("OrderedReady", "Parallel"):
        errs.append(not_supported(("spec", "podManagementPolicy"), policy, ["OrderedReady", "Parallel"]))
    claims = {s(d(d(t).get("metadata")).get("name")) for t in lst(spec.get("volumeClaimTemplates"))}
    errs += _label_selector(spec, "StatefulSet", ctx)
    errs += _template(spec, ctx, extra_volumes={c for c in claims if c})
    return errs


@rule("ReplicationController")
def replication_controller(obj: dict, ctx: Context) -> list[FieldError]:
    spec = d(obj.get("spec"))
    errs = _nonnegative(spec, "replicas") + _nonnegative(spec, "minReadySeconds")
    tmpl = d(spec.get("template"))
    labels = d(d(tmpl.get("metadata")).get("labels"))
    selector = spec.get("selector")
    # an empty selector defaults to the template's labels (upstream: pkg/apis/core/v1/defaults.go)
    selector = d(selector) or labels
    if not selector:
        errs.append(FieldError(("spec", "selector"), "Required"))
    elif any(labels.get(k) != v for k, v in selector.items()):
        raw = d(tmpl.get("metadata")).get("labels")
        errs.append(
            FieldError(
                ("spec", "template", "metadata", "labels"),
                "Invalid",
                go_map(raw if isinstance(raw, dict) else None),
                "`selector` does not match template `labels`",
                hint="the template's labels must include every selector label",
            )
        )
    if "template" not in spec or spec.get("template") is None:
        errs.append(FieldError(("spec", "template"), "Required"))
    else:
        errs += template(tmpl, ("spec", "template"), ctx, ["Always"])
    return errs
