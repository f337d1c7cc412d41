"""The Progressing condition and progressDeadlineSeconds.

upstream: pkg/controller/deployment/progress.go (syncRolloutStatus, getReplicaFailures,
requeueStuckDeployment) and util.DeploymentTimedOut.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import deployment_util as util
from .deployment_sync import _compact, calculate_status, update_status

if TYPE_CHECKING:
    from .deployment import DeploymentController


def sync_rollout_status(
    dc: DeploymentController, all_rss: list[dict | None], new_rs: dict | None, d: dict
) -> dict:
    now = dc.now()
    status = calculate_status(all_rss, new_rs, d, now)
    if not util.has_progress_deadline(d):
        util.remove_condition(status, "Progressing")
    current = util.condition(d.get("status") or {}, "Progressing")
    complete_before = (
        status["replicas"] == status["updatedReplicas"]
        and current is not None
        and current["reason"] == util.NEW_RS_AVAILABLE_REASON
    )
    name = d["metadata"]["name"]
    rs_name = new_rs["metadata"]["name"] if new_rs is not None else None
    if util.has_progress_deadline(d) and not complete_before:
        if util.deployment_complete(d, status):
            msg = (
                f'ReplicaSet "{rs_name}" has successfully progressed.'
                if rs_name
                else f'Deployment "{name}" has successfully progressed.'
            )
            util.set_condition(
                status, util.new_condition("Progressing", "True", util.NEW_RS_AVAILABLE_REASON, msg, now)
            )
        elif util.deployment_progressing(d, status):
            msg = (
                f'ReplicaSet "{rs_name}" is progressing.'
                if rs_name
                else f'Deployment "{name}" is progressing.'
            )
            cond = util.new_condition("Progressing", "True", util.RS_UPDATED_REASON, msg, now)
            if current is not None:
                if current["status"] == "True":
                    cond["lastTransitionTime"] = current["lastTransitionTime"]
                util.remove_condition(status, "Progressing")
            util.set_condition(status, cond)
        elif timed_out(dc, d, status):
            msg = (
                f'ReplicaSet "{rs_name}" has timed out progressing.'
                if rs_name
                else f'Deployment "{name}" has timed out progressing.'
            )
            util.set_condition(
                status, util.new_condition("Progressing", "False", util.TIMED_OUT_REASON, msg, now)
            )
    failure = replica_failure(all_rss, new_rs)
    if failure is not None:
        util.set_condition(status, failure)
    else:
        util.remove_condition(status, "ReplicaFailure")
    status = _compact(status)
    if status == _compact(d.get("status") or {}):
        requeue_stuck_deployment(dc, d, status)
        return d
    d["status"] = status
    return update_status(dc, d)


def timed_out(dc: DeploymentController, d: dict, status: dict) -> bool:
    cond = util.condition(status, "Progressing")
    if cond is None or cond["reason"] == util.NEW_RS_AVAILABLE_REASON:
        return False
    if cond["reason"] == util.TIMED_OUT_REASON:
        return True
    since = dc.clock.seconds_since(cond["lastUpdateTime"])
    return since > int(d["spec"]["progressDeadlineSeconds"])


def replica_failure(all_rss: list[dict | None], new_rs: dict | None) -> dict | None:
    """The ReplicaFailure condition of the new ReplicaSet, else of an old one (getReplicaFailures)."""
    ordered = [new_rs] + [rs for rs in all_rss if rs is not new_rs]
    for rs in ordered:
        if rs is None:
            continue
        for cond in (rs.get("status") or {}).get("conditions") or []:
            if cond.get("type") == "ReplicaFailure":
                return {
                    "type": "ReplicaFailure",
                    "status": cond["status"],
                    "lastUpdateTime": cond.get("lastTransitionTime"),
                    "lastTransitionTime": cond.get("lastTransitionTime"),
                    "reason": cond.get("reason"),
                    "message": cond.get("message"),
                }
    return None


def requeue_stuck_deployment(dc: DeploymentController, d: dict, status: dict) -> None:
    """Wake the controller when the progress deadline will have passed."""
    cond = util.condition(status, "Progressing")
    if not util.has_progress_deadline(d) or cond is None:
        return
    if cond["reason"] in (util.NEW_RS_AVAILABLE_REASON, util.TIMED_OUT_REASON):
        return
    if util.deployment_complete(d, status):
        return
    since = dc.clock.seconds_since(cond["lastUpdateTime"])
    remaining = int(d["spec"]["progressDeadlineSeconds"]) - since
    key = (d["metadata"].get("namespace", "default"), d["metadata"]["name"])
    dc.wake_at(key, dc.clock.now + max(remaining, 0) + 1)
