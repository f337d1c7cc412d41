"""The Deployment controller: one sync step a Deployment, as kube-controller-manager runs it.

upstream: pkg/controller/deployment/deployment_controller.go (syncDeployment,
getReplicaSetsForDeployment, getPodMapForDeployment).  The other steps live beside
this file, split as upstream splits them: deployment_sync.py (sync.go), deployment_rolling.py
(rolling.go), deployment_recreate.py (recreate.go), deployment_progress.py (progress.go),
deployment_util.py (util/deployment_util.go), deployment_hash.py (ComputeHash).

Instead of informers and a work queue, a store watch marks the Deployments whose objects
changed (the Deployment, its ReplicaSets, their Pods) and ``sync`` handles those.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from ..api import events, selectors
from ..api.errors import ApiError
from . import deployment_util as util
from . import register

if TYPE_CHECKING:
    from ..cluster import Cluster

COMPONENT = "deployment-controller"
Key = tuple[str, str]


@register
class DeploymentController:
    name = "deployment"
    order = 30

    def __init__(self, cluster: Cluster) -> None:
        self.cluster = cluster
        self.store = cluster.store
        self.clock = cluster.clock
        self.dirty: set[Key] = set()
        self._timers: dict[tuple[Key, float], object] = {}
        self.store.watch(self._on_change, kinds=("Deployment", "ReplicaSet", "Pod"))

    # -- event handlers (upstream: addDeployment, addReplicaSet, deletePod ...) -----------------
    def _on_change(self, _event: str, obj: dict) -> None:
        kind = obj.get("kind")
        meta = obj["metadata"]
        ns = meta.get("namespace", "default")
        if kind == "Deployment":
            self.dirty.add((ns, meta["name"]))
        elif kind == "ReplicaSet":
            owner = _controller_ref(obj)
            if owner is None:
                self.dirty.update((ns, d["metadata"]["name"]) for d in self.store.list("Deployment", ns))
            elif owner.get("kind") == "Deployment":
                self.dirty.add((ns, owner["name"]))
        elif kind == "Pod":
            owner = _controller_ref(obj)
            if owner is not None and owner.get("kind") == "ReplicaSet":
                rs = self.store.find("ReplicaSet", owner["name"], ns)
                rs_owner = _controller_ref(rs) if rs is not None else None
                if rs_owner is not None and rs_owner.get("kind") == "Deployment":
                    self.dirty.add((ns, rs_owner["name"]))

    def wake_at(self, key: Key, at: float) -> None:
        """Requeue ``key`` at virtual time ``at`` (upstream: enqueueAfter / requeueStuckDeployment)."""
        slot = (key, round(at, 3))
        if slot in self._timers or at <= self.clock.now:
            return

        def fire() -> None:
            self._timers.pop(slot, None)
            self.dirty.add(key)

        self._timers[slot] = self.clock.call_at(at, fire)

    # -- the sync loop ------------------------------------------------------------------------
    def sync(self, cluster: Cluster) -> None:
        while self.dirty:
            key = min(self.dirty)
            self.dirty.discard(key)
            try:
                sync_deployment(self, key)
            except ApiError:
                self.dirty.add(key)  # upstream requeues with backoff; the next pass retries
                return

    # -- helpers for the step modules ---------------------------------------------------------
    def event(self, d: dict, reason: str, message: str, type_: str = "Normal") -> None:
        events.record(self.store, d, type_, reason, message, COMPONENT)

    def now(self) -> str:
        return self.clock.timestamp()


def _controller_ref(obj: dict | None) -> dict | None:
    for ref in (obj or {}).get("metadata", {}).get("ownerReferences") or []:
        if ref.get("controller"):
            return ref
    return None


def sync_deployment(dc: DeploymentController, key: Key) -> None:
    """upstream: syncDeployment."""
    from . import deployment_recreate, deployment_rolling, deployment_sync

    ns, name = key
    stored = dc.store.find("Deployment", name, ns)
    if stored is None:
        return
    d = copy.deepcopy(stored)
    d["metadata"].pop("resourceVersion", None)
    if d["spec"].get("selector") == {}:
        dc.event(
            d,
            "SelectingAll",
            "This deployment is selecting all pods. A non-empty selector is required.",
            "Warning",
        )
        return
    rs_list = get_replica_sets_for_deployment(dc, d)
    if d["metadata"].get("deletionTimestamp"):
        deployment_sync.sync_status_only(dc, d, rs_list)
        return
    d = deployment_sync.check_paused_conditions(dc, d)
    if d["spec"].get("paused"):
        deployment_sync.sync(dc, d, rs_list)
        return
    if deployment_sync.is_scaling_event(dc, d, rs_list):
        deployment_sync.sync(dc, d, rs_list)
        return
    if d["spec"]["strategy"].get("type") == "Recreate":
        deployment_recreate.rollout_recreate(dc, d, rs_list, get_pod_map(dc, d, rs_list))
    else:
        deployment_rolling.rollout_rolling(dc, d, rs_list)


def _selector(d: dict) -> selectors.Selector | None:
    try:
        return selectors.from_label_selector(d["spec"].get("selector"))
    except selectors.SelectorError:
        return None


def get_replica_sets_for_deployment(dc: DeploymentController, d: dict) -> list[dict]:
    """Adopt matching orphans, release owned ReplicaSets that stopped matching (ClaimReplicaSets)."""
    ns = d["metadata"].get("namespace", "default")
    uid = d["metadata"]["uid"]
    sel = _selector(d)
    owned: list[dict] = []
    for rs in dc.store.list("ReplicaSet", ns):
        ref = _controller_ref(rs)
        labels = rs["metadata"].get("labels") or {}
        matches = sel is not None and sel.matches(labels)
        if ref is not None and ref.get("uid") == uid:
            if matches or d["metadata"].get("deletionTimestamp"):
                owned.append(rs)
            else:
                owned_release(dc, rs, uid)
        elif (
            ref is None
            and matches
            and not d["metadata"].get("deletionTimestamp")
            and not rs["metadata"].get("deletionTimestamp")
        ):
            owned.append(_adopt(dc, d, rs))
    return owned


def owned_release(dc: DeploymentController, rs: dict, uid: str) -> None:
    new = copy.deepcopy(rs)
    refs = [r for r in new["metadata"].get("ownerReferences") or [] if r.get("uid") != uid]
    if refs:
        new["metadata"]["ownerReferences"] = refs
    else:
        new["metadata"].pop("ownerReferences", None)
    dc.store.update(new)


def _adopt(dc: DeploymentController, d: dict, rs: dict) -> dict:
    new = copy.deepcopy(rs)
    new["metadata"].setdefault("ownerReferences", []).append(controller_ref(d))
    return dc.store.update(new)


def controller_ref(d: dict) -> dict:
    """metav1.NewControllerRef."""
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "name": d["metadata"]["name"],
        "uid": d["metadata"]["uid"],
        "controller": True,
        "blockOwnerDeletion": True,
    }


def get_pod_map(dc: DeploymentController, d: dict, rs_list: list[dict]) -> dict[str, list[dict]]:
    """Pods matching the Deployment's selector, grouped by the uid of their owning ReplicaSet."""
    sel = _selector(d)
    by_uid: dict[str, list[dict]] = {rs["metadata"]["uid"]: [] for rs in rs_list}
    if sel is None:
        return by_uid
    for pod in dc.store.list("Pod", d["metadata"].get("namespace", "default"), selector=sel):
        ref = _controller_ref(pod)
        if ref is not None and ref.get("uid") in by_uid:
            by_uid[ref["uid"]].append(pod)
    return by_uid


__all__ = ["DeploymentController", "sync_deployment", "util"]
