"""Pure helpers of the Deployment controller: arithmetic, annotations, conditions, sorting.

upstream: pkg/controller/deployment/util/deployment_util.go and the ReplicaSet sort
orders of pkg/controller/controller_utils.go.  Objects are API-shaped dicts and
nothing here writes to the store.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Iterable

REVISION = "deployment.kubernetes.io/revision"
REVISION_HISTORY = "deployment.kubernetes.io/revision-history"
DESIRED_REPLICAS = "deployment.kubernetes.io/desired-replicas"
MAX_REPLICAS = "deployment.kubernetes.io/max-replicas"
CHANGE_CAUSE = "kubernetes.io/change-cause"
HASH_LABEL = "pod-template-hash"
LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration"
MAX_REV_HISTORY_CHARS = 2000

# upstream: annotationsToSkip
ANNOTATIONS_TO_SKIP = {
    LAST_APPLIED,
    REVISION,
    REVISION_HISTORY,
    DESIRED_REPLICAS,
    MAX_REPLICAS,
    "deprecated.deployment.rollback.to",
}

# Condition reasons (upstream: deployment_util.go constants).
NEW_RS_REASON = "NewReplicaSetCreated"
FOUND_NEW_RS_REASON = "FoundNewReplicaSet"
RS_UPDATED_REASON = "ReplicaSetUpdated"
NEW_RS_AVAILABLE_REASON = "NewReplicaSetAvailable"
TIMED_OUT_REASON = "ProgressDeadlineExceeded"
PAUSED_REASON = "DeploymentPaused"
RESUMED_REASON = "DeploymentResumed"
FAILED_RS_CREATE_REASON = "ReplicaSetCreateError"
MIN_AVAILABLE = "MinimumReplicasAvailable"
MIN_UNAVAILABLE = "MinimumReplicasUnavailable"

MAX_INT32 = 2**31 - 1


class IntOrStringError(ValueError):
    pass


# -- numbers ------------------------------------------------------------------
def replicas(obj: dict | None) -> int:
    if obj is None:
        return 0
    r = (obj.get("spec") or {}).get("replicas")
    return 1 if r is None and obj.get("kind") == "Deployment" else int(r or 0)


def status_of(obj: dict | None, field: str) -> int:
    return int(((obj or {}).get("status") or {}).get(field) or 0) if obj else 0


def scaled_value(value: int | str | None, total: int, round_up: bool) -> int:
    """intstr.GetScaledValueFromIntOrPercent: an int, or "25%" of ``total`` rounded as asked."""
    if value is None:
        return 0
    if isinstance(value, int):
        return value
    if not value.endswith("%") or not value[:-1].lstrip("-").isdigit():
        raise IntOrStringError("invalid value for IntOrString: invalid type: string is not a percentage")
    pct = int(value[:-1])
    exact = pct * total / 100
    return int(math.ceil(exact)) if round_up else int(math.floor(exact))


def _rolling(d: dict) -> dict:
    strategy = (d.get("spec") or {}).get("strategy") or {}
    return strategy.get("rollingUpdate") or {}


def is_rolling_update(d: dict) -> bool:
    return ((d.get("spec") or {}).get("strategy") or {}).get("type", "RollingUpdate") == "RollingUpdate"


def resolve_fenceposts(max_surge, max_unavailable, desired: int) -> tuple[int, int]:
    # upstream: ResolveFenceposts.  Surge rounds up, unavailable rounds down; when both resolve
    # to zero (e.g. 25% of 1 for maxUnavailable), maxUnavailable becomes 1 so the rollout can move.
    surge = scaled_value(0 if max_surge is None else max_surge, desired, True)
    unavailable = scaled_value(0 if max_unavailable is None else max_unavailable, desired, False)
    if surge == 0 and unavailable == 0:
        unavailable = 1
    return surge, unavailable


def max_unavailable(d: dict) -> int:
    want = replicas(d)
    if not is_rolling_update(d) or want == 0:
        return 0
    ru = _rolling(d)
    _, unavailable = resolve_fenceposts(ru.get("maxSurge"), ru.get("maxUnavailable"), want)
    return min(unavailable, want)


def max_surge(d: dict) -> int:
    if not is_rolling_update(d):
        return 0
    ru = _rolling(d)
    surge, _ = resolve_fenceposts(ru.get("maxSurge"), ru.get("maxUnavailable"), replicas(d))
    return surge


def replica_count(rss: Iterable[dict | None]) -> int:
    """GetReplicaCountForReplicaSets: the sum of spec.replicas."""
    return sum(replicas(rs) for rs in rss if rs is not None)


def actual_count(rss: Iterable[dict | None]) -> int:
    return sum(status_of(rs, "replicas") for rs in rss if rs is not None)


def ready_count(rss: Iterable[dict | None]) -> int:
    return sum(status_of(rs, "readyReplicas") for rs in rss if rs is not None)


def available_count(rss: Iterable[dict | None]) -> int:
    return sum(status_of(rs, "availableReplicas") for rs in rss if rs is not None)


def new_rs_new_replicas(d: dict, all_rss: list[dict], new_rs: dict) -> int:
    """NewRSNewReplicas: how far the new ReplicaSet may grow now."""
    if not is_rolling_update(d):
        return replicas(d)
    want = replicas(d)
    surge = scaled_value(_rolling(d).get("maxSurge"), want, True)
    current = replica_count(all_rss)
    max_total = want + surge
    if current >= max_total:
        return replicas(new_rs)
    scale_up = min(max_total - current, want - replicas(new_rs))
    return replicas(new_rs) + scale_up


def is_saturated(d: dict, rs: dict | None) -> bool:
    if rs is None:
        return False
    desired = annotation_int(rs, DESIRED_REPLICAS)
    return (
        replicas(rs) == replicas(d)
        and desired == replicas(d)
        and status_of(rs, "availableReplicas") == replicas(d)
    )


def replica_set_proportion(rs: dict, d: dict, to_add: int, added: int) -> int:
    # upstream: GetReplicaSetProportion / getReplicaSetFraction
    if replicas(rs) == 0 or to_add == 0 or to_add == added:
        return 0
    fraction = _fraction(rs, d)
    allowed = to_add - added
    return min(fraction, allowed) if to_add > 0 else max(fraction, allowed)


def _fraction(rs: dict, d: dict) -> int:
    if replicas(d) == 0:
        return -replicas(rs)
    deployment_max = replicas(d) + max_surge(d)
    annotated = annotation_int(rs, MAX_REPLICAS)
    if not annotated:
        # the annotation was removed by hand: fall back to the Deployment's current size
        annotated = status_of(d, "replicas")
        if annotated == 0:
            return 0
    size = replicas(rs) * deployment_max / annotated
    return _round_half_away(size) - replicas(rs)


def _round_half_away(x: float) -> int:
    return int(math.floor(x + 0.5)) if x >= 0 else -int(math.floor(-x + 0.5))


# -- annotations --------------------------------------------------------------
def annotations(obj: dict) -> dict:
    return obj.get("metadata", {}).get("annotations") or {}


def annotation_int(obj: dict, key: str) -> int | None:
    value = annotations(obj).get(key)
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def revision(obj: dict) -> int:
    return annotation_int(obj, REVISION) or 0


def max_revision(rss: Iterable[dict]) -> int:
    return max((revision(rs) for rs in rss), default=0)


def set_replicas_annotations(rs: dict, desired: int, max_replicas: int) -> bool:
    ann = rs["metadata"].setdefault("annotations", {})
    changed = False
    for key, value in ((DESIRED_REPLICAS, str(desired)), (MAX_REPLICAS, str(max_replicas))):
        if ann.get(key) != value:
            ann[key] = value
            changed = True
    return changed


def replicas_annotations_need_update(rs: dict, desired: int, max_replicas: int) -> bool:
    ann = annotations(rs)
    return ann.get(DESIRED_REPLICAS) != str(desired) or ann.get(MAX_REPLICAS) != str(max_replicas)


def copy_annotations_to_rs(d: dict, rs: dict) -> bool:
    ann = rs["metadata"].setdefault("annotations", {})
    changed = False
    for key, value in sorted(annotations(d).items()):
        if key in ANNOTATIONS_TO_SKIP or ann.get(key) == value:
            continue
        ann[key] = value
        changed = True
    return changed


def set_new_rs_annotations(d: dict, rs: dict, new_revision: int, exists: bool) -> bool:
    """SetNewReplicaSetAnnotations: copy the Deployment's annotations, move the revision forward."""
    changed = copy_annotations_to_rs(d, rs)
    ann = rs["metadata"]["annotations"]
    old_text = ann.get(REVISION)
    try:
        old = int(old_text) if old_text is not None else 0
    except ValueError:
        return False
    if old < new_revision:
        ann[REVISION] = str(new_revision)
        changed = True
        if old_text is not None:  # rolling back to this ReplicaSet: keep its old revision numbers
            history = ann.get(REVISION_HISTORY, "")
            ann[REVISION_HISTORY] = _append_history(history, old_text)
    if not exists and set_replicas_annotations(rs, replicas(d), replicas(d) + max_surge(d)):
        changed = True
    return changed


def _append_history(history: str, old: str) -> str:
    if not history:
        return old
    parts = history.split(",")
    total, start = len(history) + len(old) + 1, 0
    while total > MAX_REV_HISTORY_CHARS and start < len(parts):
        total -= len(parts[start]) + 1
        start += 1
    return ",".join(parts[start:] + [old]) if total <= MAX_REV_HISTORY_CHARS else history


# -- templates ----------------------------------------------------------------
def template_without_hash(template: dict) -> dict:
    t = copy.deepcopy(template or {})
    labels = (t.get("metadata") or {}).get("labels")
    if labels is not None:
        labels.pop(HASH_LABEL, None)
    return t


def equal_ignore_hash(a: dict, b: dict) -> bool:
    """EqualIgnoreHash: templates equal once the pod-template-hash label and defaults are set aside."""
    return _normal(a) == _normal(b)


def _normal(template: dict) -> object:
    from ..api.registry.apps_deployment import default_template

    t = template_without_hash(template)
    default_template(t)
    if t["spec"].get("enableServiceLinks") is True:  # a Pod default some template paths pick up
        del t["spec"]["enableServiceLinks"]
    return _strip(t)


def _strip(t: object) -> object:
    """Drop empty values the way a round trip through the apiserver's protobuf would."""
    if isinstance(t, dict):
        return {k: _strip(v) for k, v in t.items() if v not in (None, {}, []) or k == "securityContext"}
    if isinstance(t, list):
        return [_strip(v) for v in t]
    return t


# -- sorting ------------------------------------------------------------------
def _created(obj: dict) -> tuple[str, str]:
    return (obj["metadata"].get("creationTimestamp", ""), obj["metadata"]["name"])


def by_creation(rss: list[dict]) -> list[dict]:
    return sorted(rss, key=_created)


def by_size_older(rss: list[dict]) -> list[dict]:
    """ReplicaSetsBySizeOlder: largest first, older first among equals."""
    return sorted(rss, key=lambda rs: (-replicas(rs), _created(rs)))


def by_size_newer(rss: list[dict]) -> list[dict]:
    """ReplicaSetsBySizeNewer: largest first, newer first among equals."""
    older = sorted(rss, key=_created, reverse=True)
    return sorted(older, key=lambda rs: -replicas(rs))


def by_revision(rss: list[dict]) -> list[dict]:
    return sorted(rss, key=lambda rs: (revision(rs), _created(rs)))


def active(rss: Iterable[dict | None]) -> list[dict]:
    return [rs for rs in rss if rs is not None and replicas(rs) > 0]


def find_active_or_latest(new_rs: dict | None, old_rss: list[dict]) -> dict | None:
    """FindActiveOrLatest: the only active ReplicaSet, or the newest when none is active."""
    if new_rs is None and not old_rss:
        return None
    newest_first = sorted(old_rss, key=_created, reverse=True)
    act = active([*newest_first, new_rs])
    if not act:
        return new_rs if new_rs is not None else newest_first[0]
    return act[0] if len(act) == 1 else None


# -- conditions ---------------------------------------------------------------
def condition(status: dict, type_: str) -> dict | None:
    for c in status.get("conditions") or []:
        if c["type"] == type_:
            return c
    return None


def new_condition(type_: str, status: str, reason: str, message: str, now: str) -> dict:
    return {
        "type": type_,
        "status": status,
        "lastUpdateTime": now,
        "lastTransitionTime": now,
        "reason": reason,
        "message": message,
    }


def set_condition(status: dict, cond: dict) -> None:
    """SetDeploymentCondition: same status and reason changes nothing; a new one goes last."""
    current = condition(status, cond["type"])
    if current and current["status"] == cond["status"] and current["reason"] == cond["reason"]:
        return
    if current and current["status"] == cond["status"]:
        cond["lastTransitionTime"] = current["lastTransitionTime"]
    status["conditions"] = [c for c in status.get("conditions") or [] if c["type"] != cond["type"]] + [cond]


def remove_condition(status: dict, type_: str) -> None:
    conds = [c for c in status.get("conditions") or [] if c["type"] != type_]
    if conds:
        status["conditions"] = conds
    else:
        status.pop("conditions", None)


def has_progress_deadline(d: dict) -> bool:
    pds = (d.get("spec") or {}).get("progressDeadlineSeconds")
    return pds is not None and pds != MAX_INT32


def deployment_complete(d: dict, status: dict) -> bool:
    want = replicas(d)
    return (
        status.get("updatedReplicas", 0) == want
        and status.get("replicas", 0) == want
        and status.get("availableReplicas", 0) == want
        and status.get("observedGeneration", 0) >= d["metadata"].get("generation", 0)
    )


def deployment_progressing(d: dict, new: dict) -> bool:
    old = d.get("status") or {}
    old_old = old.get("replicas", 0) - old.get("updatedReplicas", 0)
    new_old = new.get("replicas", 0) - new.get("updatedReplicas", 0)
    return (
        new.get("updatedReplicas", 0) > old.get("updatedReplicas", 0)
        or new_old < old_old
        or new.get("readyReplicas", 0) > old.get("readyReplicas", 0)
        or new.get("availableReplicas", 0) > old.get("availableReplicas", 0)
    )
