"""Recreate: scale every old ReplicaSet to zero, wait until their pods are gone, then the new one.

upstream: pkg/controller/deployment/recreate.go (rolloutRecreate, oldPodsRunning).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import deployment_util as util
from .deployment_progress import sync_rollout_status
from .deployment_sync import (
    _fresh,
    _fresh_one,
    cleanup_deployment,
    get_all_replica_sets_and_sync_revision,
    scale_replica_set_and_record_event,
)

if TYPE_CHECKING:
    from .deployment import DeploymentController


def rollout_recreate(
    dc: DeploymentController, d: dict, rs_list: list[dict], pod_map: dict[str, list[dict]]
) -> None:
    # No new ReplicaSet yet: creating it now would scale up before the old pods are down.
    new_rs, old_rss, d = get_all_replica_sets_and_sync_revision(dc, d, rs_list, False)
    scaled_down = False
    for rs in util.active(old_rss):
        scaled_down |= scale_replica_set_and_record_event(dc, rs, 0, d)[0]
    if scaled_down:
        sync_rollout_status(dc, _fresh(dc, [*old_rss, new_rs]), _fresh_one(dc, new_rs), d)
        return
    if old_pods_running(new_rs, _fresh(dc, old_rss), pod_map):
        sync_rollout_status(dc, _fresh(dc, [*old_rss, new_rs]), _fresh_one(dc, new_rs), d)
        return
    if new_rs is None:
        new_rs, old_rss, d = get_all_replica_sets_and_sync_revision(dc, d, rs_list, True)
        if new_rs is None:
            return
    scale_replica_set_and_record_event(dc, _fresh_one(dc, new_rs) or new_rs, util.replicas(d), d)
    if util.deployment_complete(d, d.get("status") or {}):
        cleanup_deployment(dc, old_rss, d)
    sync_rollout_status(dc, _fresh(dc, [*old_rss, new_rs]), _fresh_one(dc, new_rs), d)


def old_pods_running(new_rs: dict | None, old_rss: list[dict | None], pod_map: dict[str, list[dict]]) -> bool:
    if util.actual_count(old_rss) > 0:
        return True
    new_uid = new_rs["metadata"]["uid"] if new_rs is not None else None
    for uid, pods in pod_map.items():
        if uid == new_uid:
            continue
        for pod in pods:
            if (pod.get("status") or {}).get("phase") not in ("Failed", "Succeeded"):
                return True
    return False
