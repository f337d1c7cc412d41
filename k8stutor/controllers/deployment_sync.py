"""Revisions, the new ReplicaSet, scaling (proportional during a rollout), clean-up and status.

upstream: pkg/controller/deployment/sync.go (sync, getAllReplicaSetsAndSyncRevision,
getNewReplicaSet, scale, scaleReplicaSet, cleanupDeployment, syncDeploymentStatus,
calculateStatus, isScalingEvent, checkPausedConditions).
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from ..api import errors
from . import deployment_util as util
from .deployment_hash import compute_hash

if TYPE_CHECKING:
    from .deployment import DeploymentController


def sync(dc: DeploymentController, d: dict, rs_list: list[dict]) -> None:
    """Reconcile a scaling event or a paused Deployment: no new ReplicaSet is made."""
    new_rs, old_rss, d = get_all_replica_sets_and_sync_revision(dc, d, rs_list, False)
    scale(dc, d, new_rs, old_rss)
    if d["spec"].get("paused"):
        cleanup_deployment(dc, old_rss, d)
    all_rss = _fresh(dc, [*old_rss, new_rs])
    sync_deployment_status(dc, all_rss, _fresh_one(dc, new_rs), d)


def sync_status_only(dc: DeploymentController, d: dict, rs_list: list[dict]) -> None:
    new_rs, old_rss, d = get_all_replica_sets_and_sync_revision(dc, d, rs_list, False)
    sync_deployment_status(dc, [*old_rss, new_rs], new_rs, d)


def check_paused_conditions(dc: DeploymentController, d: dict) -> dict:
    if not util.has_progress_deadline(d):
        return d
    status = d.setdefault("status", {})
    cond = util.condition(status, "Progressing")
    if cond is not None and cond["reason"] == util.TIMED_OUT_REASON:
        return d
    paused_exists = cond is not None and cond["reason"] == util.PAUSED_REASON
    if d["spec"].get("paused") and not paused_exists:
        util.set_condition(
            status,
            util.new_condition(
                "Progressing", "Unknown", util.PAUSED_REASON, "Deployment is paused", dc.now()
            ),
        )
    elif not d["spec"].get("paused") and paused_exists:
        util.set_condition(
            status,
            util.new_condition(
                "Progressing", "Unknown", util.RESUMED_REASON, "Deployment is resumed", dc.now()
            ),
        )
    else:
        return d
    return update_status(dc, d)


def get_all_replica_sets_and_sync_revision(
    dc: DeploymentController, d: dict, rs_list: list[dict], create: bool
) -> tuple[dict | None, list[dict], dict]:
    """The new ReplicaSet (made when ``create``), all old ones, and the Deployment as now stored."""
    new_rs = find_new_replica_set(d, rs_list)
    old_rss = [rs for rs in rs_list if rs is not new_rs]
    new_rs, d = get_new_replica_set(dc, d, new_rs, old_rss, create)
    return new_rs, old_rss, d


def find_new_replica_set(d: dict, rs_list: list[dict]) -> dict | None:
    """FindNewReplicaSet: the oldest ReplicaSet whose template equals the Deployment's (hash aside)."""
    template = d["spec"]["template"]
    for rs in util.by_creation(rs_list):
        if util.equal_ignore_hash(rs["spec"]["template"], template):
            return rs
    return None


def get_new_replica_set(
    dc: DeploymentController, d: dict, existing: dict | None, old_rss: list[dict], create: bool
) -> tuple[dict | None, dict]:
    new_revision = util.max_revision(old_rss) + 1
    if existing is not None:
        rs = copy.deepcopy(existing)
        rs["metadata"].pop("resourceVersion", None)
        changed = util.set_new_rs_annotations(d, rs, new_revision, True)
        if changed or rs["spec"].get("minReadySeconds", 0) != d["spec"].get("minReadySeconds", 0):
            _set_min_ready(rs, d)
            return dc.store.update(rs), d
        needs_update = set_deployment_revision(d, util.annotations(rs).get(util.REVISION, ""))
        status = d.setdefault("status", {})
        if util.has_progress_deadline(d) and util.condition(status, "Progressing") is None:
            msg = f'Found new replica set "{rs["metadata"]["name"]}"'
            util.set_condition(
                status, util.new_condition("Progressing", "True", util.FOUND_NEW_RS_REASON, msg, dc.now())
            )
            needs_update = True
        if needs_update:
            d = update_status(dc, d)
        return existing, d
    if not create:
        return None, d
    return _create_new_replica_set(dc, d, old_rss, new_revision)


def _create_new_replica_set(
    dc: DeploymentController, d: dict, old_rss: list[dict], new_revision: int
) -> tuple[dict | None, dict]:
    from .deployment import controller_ref

    template = copy.deepcopy(d["spec"]["template"])
    collision = (d.get("status") or {}).get("collisionCount")
    pod_hash = compute_hash(template, collision)
    labels = {**(template.get("metadata", {}).get("labels") or {}), util.HASH_LABEL: pod_hash}
    template.setdefault("metadata", {})["labels"] = labels
    selector = copy.deepcopy(d["spec"]["selector"])
    selector.setdefault("matchLabels", {})[util.HASH_LABEL] = pod_hash
    ns = d["metadata"].get("namespace", "default")
    rs = {
        "apiVersion": "apps/v1",
        "kind": "ReplicaSet",
        "metadata": {
            "name": f"{d['metadata']['name']}-{pod_hash}",
            "namespace": ns,
            "labels": dict(labels),
            "ownerReferences": [controller_ref(d)],
        },
        "spec": {
            "replicas": 0,
            "selector": selector,
            "template": template,
        },
    }
    _set_min_ready(rs, d)
    count = util.new_rs_new_replicas(d, [*old_rss, rs], rs)
    rs["spec"]["replicas"] = count
    util.set_new_rs_annotations(d, rs, new_revision, False)
    try:
        created = dc.store.create(rs)
    except errors.AlreadyExists:
        found = dc.store.get("ReplicaSet", rs["metadata"]["name"], ns)
        ref = next((r for r in found["metadata"].get("ownerReferences") or [] if r.get("controller")), None)
        if (
            ref is not None
            and ref.get("uid") == d["metadata"]["uid"]
            and util.equal_ignore_hash(d["spec"]["template"], found["spec"]["template"])
        ):
            return found, d
        # A hash collision: bump collisionCount and let the next sync pick another name.
        d.setdefault("status", {})["collisionCount"] = (collision or 0) + 1
        update_status(dc, d)
        raise
    except errors.ApiError as exc:
        msg = f'Failed to create new replica set "{rs["metadata"]["name"]}": {exc}'
        if util.has_progress_deadline(d):
            util.set_condition(
                d.setdefault("status", {}),
                util.new_condition("Progressing", "False", util.FAILED_RS_CREATE_REASON, msg, dc.now()),
            )
            update_status(dc, d)
        dc.event(d, util.FAILED_RS_CREATE_REASON, msg, "Warning")
        raise
    if count > 0:
        dc.event(
            d, "ScalingReplicaSet", f"Scaled up replica set {created['metadata']['name']} from 0 to {count}"
        )
    set_deployment_revision(d, str(new_revision))
    if util.has_progress_deadline(d):
        msg = f'Created new replica set "{created["metadata"]["name"]}"'
        util.set_condition(
            d.setdefault("status", {}),
            util.new_condition("Progressing", "True", util.NEW_RS_REASON, msg, dc.now()),
        )
    return created, update_status(dc, d)


def _set_min_ready(rs: dict, d: dict) -> None:
    """spec.minReadySeconds follows the Deployment's (omitempty: 0 is not written)."""
    if d["spec"].get("minReadySeconds"):
        rs["spec"]["minReadySeconds"] = d["spec"]["minReadySeconds"]
    else:
        rs["spec"].pop("minReadySeconds", None)


def set_deployment_revision(d: dict, revision: str) -> bool:
    ann = d["metadata"].setdefault("annotations", {})
    if ann.get(util.REVISION) != revision:
        ann[util.REVISION] = revision
        return True
    return False


def update_status(dc: DeploymentController, d: dict) -> dict:
    """UpdateStatus; the revision annotation travels with it as with the apps/v1 status strategy."""
    ns, name = d["metadata"].get("namespace", "default"), d["metadata"]["name"]
    stored = dc.store.get("Deployment", name, ns)
    if (d["metadata"].get("annotations") or {}) != (stored["metadata"].get("annotations") or {}):
        meta = copy.deepcopy(stored)
        meta["metadata"]["annotations"] = copy.deepcopy(d["metadata"].get("annotations"))
        meta["metadata"].pop("resourceVersion", None)
        stored = dc.store.update(meta)
    new = copy.deepcopy(stored)
    new["status"] = _compact(copy.deepcopy(d.get("status") or {}))
    new["metadata"].pop("resourceVersion", None)
    result = copy.deepcopy(dc.store.update_status(new))
    result["metadata"].pop("resourceVersion", None)
    return result


def _compact(status: dict) -> dict:
    """Go's omitempty: zero counts are not serialised."""
    return {k: v for k, v in status.items() if v not in (0, None, []) or k == "collisionCount" and v == 0}


# -- scaling -----------------------------------------------------------------------------------
def is_scaling_event(dc: DeploymentController, d: dict, rs_list: list[dict]) -> bool:
    new_rs = find_new_replica_set(d, rs_list)
    old_rss = [rs for rs in rs_list if rs is not new_rs]
    for rs in util.active([*old_rss, new_rs]):
        desired = util.annotation_int(rs, util.DESIRED_REPLICAS)
        if desired is not None and desired != util.replicas(d):
            return True
    return False


def scale(dc: DeploymentController, d: dict, new_rs: dict | None, old_rss: list[dict]) -> None:
    """upstream: scale — proportional scaling when several ReplicaSets are active."""
    want = util.replicas(d)
    target = util.find_active_or_latest(new_rs, old_rss)
    if target is not None:
        if util.replicas(target) != want:
            scale_replica_set_and_record_event(dc, target, want, d)
        return
    if util.is_saturated(d, new_rs):
        for old in util.active(old_rss):
            scale_replica_set_and_record_event(dc, old, 0, d)
        return
    if not util.is_rolling_update(d):
        return
    all_rss = util.active([*old_rss, new_rs])
    allowed = want + util.max_surge(d) if want > 0 else 0
    to_add = allowed - util.replica_count(all_rss)
    if to_add > 0:
        all_rss = util.by_size_newer(all_rss)
    elif to_add < 0:
        all_rss = util.by_size_older(all_rss)
    added, sizes = 0, []
    for rs in all_rss:
        proportion = util.replica_set_proportion(rs, d, to_add, added) if to_add else 0
        sizes.append(util.replicas(rs) + proportion)
        added += proportion
    for i, rs in enumerate(all_rss):
        size = sizes[i]
        if i == 0 and to_add != 0:
            size = max(size + to_add - added, 0)  # leftovers go to the largest ReplicaSet
        scale_replica_set(dc, rs, size, d)


def scale_replica_set_and_record_event(
    dc: DeploymentController, rs: dict, new_scale: int, d: dict
) -> tuple[bool, dict]:
    if util.replicas(rs) == new_scale:
        return False, rs
    return scale_replica_set(dc, rs, new_scale, d)


def scale_replica_set(dc: DeploymentController, rs: dict, new_scale: int, d: dict) -> tuple[bool, dict]:
    """Write the new size and the replicas annotations; record ScalingReplicaSet when the size moved."""
    want, max_total = util.replicas(d), util.replicas(d) + util.max_surge(d)
    size_changed = util.replicas(rs) != new_scale
    if not size_changed and not util.replicas_annotations_need_update(rs, want, max_total):
        return False, rs
    old_scale = util.replicas(rs)
    new = copy.deepcopy(dc.store.get("ReplicaSet", rs["metadata"]["name"], rs["metadata"]["namespace"]))
    new["spec"]["replicas"] = new_scale
    util.set_replicas_annotations(new, want, max_total)
    new["metadata"].pop("resourceVersion", None)
    updated = dc.store.update(new)
    if size_changed:
        direction = "up" if old_scale < new_scale else "down"
        dc.event(
            d,
            "ScalingReplicaSet",
            f"Scaled {direction} replica set {updated['metadata']['name']} from {old_scale} to {new_scale}",
        )
    return size_changed, updated


# -- clean-up and status -----------------------------------------------------------------------
def cleanup_deployment(dc: DeploymentController, old_rss: list[dict], d: dict) -> None:
    """Delete the oldest empty ReplicaSets beyond revisionHistoryLimit."""
    limit = d["spec"].get("revisionHistoryLimit")
    if limit is None:
        return
    alive = [
        rs for rs in _fresh(dc, old_rss) if rs is not None and not rs["metadata"].get("deletionTimestamp")
    ]
    diff = len(alive) - int(limit)
    if diff <= 0:
        return
    for rs in util.by_revision(alive)[:diff]:
        meta = rs["metadata"]
        if (
            util.status_of(rs, "replicas") != 0
            or util.replicas(rs) != 0
            or meta.get("generation", 0) > util.status_of(rs, "observedGeneration")
        ):
            continue
        try:
            dc.store.delete("ReplicaSet", meta["name"], meta["namespace"])
        except errors.NotFound:
            pass


def calculate_status(all_rss: list[dict | None], new_rs: dict | None, d: dict, now: str) -> dict:
    available = util.available_count(all_rss)
    total = util.replica_count(all_rss)
    status = {
        "observedGeneration": d["metadata"].get("generation", 0),
        "replicas": util.actual_count(all_rss),
        "updatedReplicas": util.actual_count([new_rs]),
        "readyReplicas": util.ready_count(all_rss),
        "availableReplicas": available,
        "unavailableReplicas": max(total - available, 0),
        "collisionCount": (d.get("status") or {}).get("collisionCount"),
        "conditions": copy.deepcopy((d.get("status") or {}).get("conditions") or []),
    }
    if available >= util.replicas(d) - util.max_unavailable(d):
        cond = util.new_condition(
            "Available", "True", util.MIN_AVAILABLE, "Deployment has minimum availability.", now
        )
    else:
        cond = util.new_condition(
            "Available", "False", util.MIN_UNAVAILABLE, "Deployment does not have minimum availability.", now
        )
    util.set_condition(status, cond)
    return status


def sync_deployment_status(
    dc: DeploymentController, all_rss: list[dict | None], new_rs: dict | None, d: dict
) -> dict:
    status = _compact(calculate_status(all_rss, new_rs, d, dc.now()))
    if status == _compact(d.get("status") or {}):
        return d
    d["status"] = status
    return update_status(dc, d)


def _fresh(dc: DeploymentController, rss: list[dict | None]) -> list[dict | None]:
    return [_fresh_one(dc, rs) for rs in rss]


def _fresh_one(dc: DeploymentController, rs: dict | None) -> dict | None:
    if rs is None:
        return None
    return dc.store.find("ReplicaSet", rs["metadata"]["name"], rs["metadata"]["namespace"])
