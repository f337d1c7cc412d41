"""RollingUpdate: grow the new ReplicaSet within maxSurge, shrink old ones within maxUnavailable.

upstream: pkg/controller/deployment/rolling.go (rolloutRolling, reconcileNewReplicaSet,
reconcileOldReplicaSets, cleanupUnhealthyReplicas, scaleDownOldReplicaSetsForRollingUpdate).
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


def rollout_rolling(dc: DeploymentController, d: dict, rs_list: list[dict]) -> None:
    new_rs, old_rss, d = get_all_replica_sets_and_sync_revision(dc, d, rs_list, True)
    if new_rs is None:
        return
    if reconcile_new_replica_set(dc, [*old_rss, new_rs], new_rs, d):
        sync_rollout_status(dc, _fresh(dc, [*old_rss, new_rs]), _fresh_one(dc, new_rs), d)
        return
    new_rs = _fresh_one(dc, new_rs)
    if reconcile_old_replica_sets(dc, [*old_rss, new_rs], util.active(old_rss), new_rs, d):
        sync_rollout_status(dc, _fresh(dc, [*old_rss, new_rs]), _fresh_one(dc, new_rs), d)
        return
    if util.deployment_complete(d, d.get("status") or {}):
        cleanup_deployment(dc, old_rss, d)
    sync_rollout_status(dc, _fresh(dc, [*old_rss, new_rs]), _fresh_one(dc, new_rs), d)


def reconcile_new_replica_set(dc: DeploymentController, all_rss: list[dict], new_rs: dict, d: dict) -> bool:
    want = util.replicas(d)
    if util.replicas(new_rs) == want:
        return False
    if util.replicas(new_rs) > want:
        return scale_replica_set_and_record_event(dc, new_rs, want, d)[0]
    count = util.new_rs_new_replicas(d, all_rss, new_rs)
    return scale_replica_set_and_record_event(dc, new_rs, count, d)[0]


def reconcile_old_replica_sets(
    dc: DeploymentController, all_rss: list[dict], old_rss: list[dict], new_rs: dict, d: dict
) -> bool:
    if util.replica_count(old_rss) == 0:
        return False
    all_pods = util.replica_count(all_rss)
    min_available = util.replicas(d) - util.max_unavailable(d)
    new_unavailable = util.replicas(new_rs) - util.status_of(new_rs, "availableReplicas")
    # upstream's worked example: replicas 10, maxUnavailable 2, maxSurge 3; old has 10 pods and the new
    # ReplicaSet 3 unhealthy pods: 13 - 8 - 3 = 2 old pods may go, the unhealthy ones first.
    max_scaled_down = all_pods - min_available - new_unavailable
    if max_scaled_down <= 0:
        return False
    old_rss, cleaned = cleanup_unhealthy_replicas(dc, old_rss, d, max_scaled_down)
    scaled = scale_down_old_replica_sets_for_rolling_update(dc, [*old_rss, new_rs], old_rss, d)
    return cleaned + scaled > 0


def cleanup_unhealthy_replicas(
    dc: DeploymentController, old_rss: list[dict], d: dict, max_cleanup: int
) -> tuple[list[dict], int]:
    """Scale down old ReplicaSets' unavailable pods first: they serve nobody."""
    old_rss = util.by_creation(old_rss)
    total = 0
    for i, rs in enumerate(old_rss):
        if total >= max_cleanup:
            break
        want, available = util.replicas(rs), util.status_of(rs, "availableReplicas")
        if want == 0 or want == available:
            continue
        count = min(max_cleanup - total, want - available)
        _, old_rss[i] = scale_replica_set_and_record_event(dc, rs, want - count, d)
        total += count
    return old_rss, total


def scale_down_old_replica_sets_for_rolling_update(
    dc: DeploymentController, all_rss: list[dict], old_rss: list[dict], d: dict
) -> int:
    min_available = util.replicas(d) - util.max_unavailable(d)
    available = util.available_count(all_rss)
    if available <= min_available:
        return 0
    total, to_scale = 0, available - min_available
    for rs in util.by_creation(old_rss):
        if total >= to_scale:
            break
        if util.replicas(rs) == 0:
            continue
        count = min(util.replicas(rs), to_scale - total)
        scale_replica_set_and_record_event(dc, rs, util.replicas(rs) - count, d)
        total += count
    return total
