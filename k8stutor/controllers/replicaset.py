"""The ReplicaSet controller: keep ``spec.replicas`` pods matching the selector, report status.

upstream: pkg/controller/replicaset/replica_set.go (syncReplicaSet, manageReplicas,
getIndirectlyRelatedPods, addPod/updatePod/deletePod enqueueing) and replica_set_utils.go
(calculateStatus, updateReplicaSetStatus).  The ReplicationController controller
(:mod:`k8stutor.controllers.replication`) is this class with a map selector, as upstream's
pkg/controller/replication wraps this controller.

Like the real controller, a sync handles the owners its watch queued (an object changed, one of
its pods changed, or a minReadySeconds timer fired) rather than every object on every pass.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..api import selectors
from . import podcontrol, register

if TYPE_CHECKING:
    from ..cluster import Cluster

Key = tuple[str, str]  # (namespace, name)


class ReplicaSetLikeController:
    """One sync step of upstream's ReplicaSetController, for a kind given by the subclass."""

    name = "replicaset"
    order = 20
    kind = "ReplicaSet"
    component = "replicaset-controller"

    def __init__(self, cluster: Cluster) -> None:
        self.cluster = cluster
        self.queue: set[Key] = set()
        self._uid_to_key: dict[str, Key] = {}
        self._ready: set[tuple[str, str]] = set()  # pods seen ready (for the minReadySeconds requeue)
        self._timers: set[tuple[Key, float]] = set()
        self._failures: dict[Key, int] = {}  # the work queue's per-item rate limiter
        self.index = podcontrol.pod_index(cluster)
        for obj in cluster.store.list(self.kind, namespace=None):
            self._on_object("ADDED", obj)
        cluster.store.watch(self._on_object, kinds=(self.kind,))
        self.index.listeners.append(self._on_pod)

    # -- what the subclass decides ---------------------------------------------------------------
    def selector(self, obj: dict) -> selectors.Selector:
        return selectors.from_label_selector(obj["spec"].get("selector"))

    # -- the work queue (informer event handlers) -----------------------------------------------------
    def _on_object(self, event: str, obj: dict) -> None:
        if obj.get("kind") != self.kind:
            return
        meta = obj["metadata"]
        key = (meta.get("namespace", "default"), meta["name"])
        if event == "DELETED":
            self._uid_to_key.pop(meta.get("uid"), None)
            self.index.untrack(meta.get("uid"))
        else:
            self._uid_to_key[meta["uid"]] = key
        self.queue.add(key)

    def _on_pod(self, event: str, pod: podcontrol.PodFacts, old_uid: str | None) -> None:
        uid = pod.owner
        key = self._uid_to_key.get(uid) if uid is not None else None
        if key is not None:
            self.queue.add(key)
        if old_uid is not None and old_uid != uid and old_uid in self._uid_to_key:
            self.queue.add(self._uid_to_key[old_uid])
        ns = pod.key[0]
        if uid is None and event != "DELETED":
            # an orphan: every owner whose selector matches may adopt it (upstream: getPodReplicaSets)
            for owner in self.cluster.store.list(self.kind, ns):
                if self._selects(owner, pod.pod):
                    self.queue.add((ns, owner["metadata"]["name"]))
        self._watch_readiness(event, pod)

    def _watch_readiness(self, event: str, pod: podcontrol.PodFacts) -> None:
        """upstream updatePod: a pod turning ready requeues its owner after minReadySeconds + 1s."""
        key, uid = pod.key, pod.owner
        if event == "DELETED" or not pod.ready:
            self._ready.discard(key)
            return
        if key in self._ready or uid not in self._uid_to_key:
            return
        self._ready.add(key)
        owner_key = self._uid_to_key[uid]
        owner = self.cluster.store.find(self.kind, owner_key[1], owner_key[0])
        min_ready = int((owner or {}).get("spec", {}).get("minReadySeconds") or 0)
        if min_ready > 0:
            self._requeue_after(owner_key, min_ready + 1)

    def _requeue_after(self, key: Key, seconds: float) -> None:
        at = self.cluster.clock.now + seconds
        if (key, at) in self._timers:
            return
        self._timers.add((key, at))

        def fire() -> None:
            self._timers.discard((key, at))
            self.queue.add(key)

        self.cluster.clock.call_at(at, fire)

    def _selects(self, owner: dict, pod: dict) -> bool:
        try:
            return self.selector(owner).matches(pod["metadata"].get("labels"))
        except selectors.SelectorError:
            return False

    # -- the sync ------------------------------------------------------------------------------------
    def sync(self, cluster: Cluster) -> None:
        keys, self.queue = sorted(self.queue), set()
        for ns, name in keys:
            obj = cluster.store.find(self.kind, name, ns)
            if obj is not None:
                self.sync_one(obj)

    def sync_one(self, rs: dict) -> None:
        """upstream: syncReplicaSet."""
        try:
            selector = self.selector(rs)
        except selectors.SelectorError:
            return  # an invalid selector matches nothing; the apiserver normally refuses it
        deleting = bool(rs["metadata"].get("deletionTimestamp"))
        view = self.index.track(rs, selector, _template_labels(rs))
        if view.strays or (not deleting and self.index.adoptable(rs, selector)):
            # ownership changes: claim over the candidates, then count what was claimed
            claimed = podcontrol.claim(
                self.cluster, rs, selector, [f for f in self.index.candidates(rs) if f.active]
            )
            counts = Counts.of(self.cluster, rs, claimed)
            pods = lambda: claimed  # noqa: E731
        else:
            # nothing to adopt or release: the claimed pods are exactly the owned active ones, and the
            # index has counted them (the counts are taken before this sync creates or deletes any)
            counts = Counts(view.active, view.labeled, view.ready, view.ready)
            pods = lambda: self.index.owned_active(rs)  # noqa: E731
            if int(rs["spec"].get("minReadySeconds") or 0):
                counts = Counts.of(self.cluster, rs, pods())
        error = None
        if not deleting:
            error = self.manage_replicas(counts.replicas, pods, rs)
        status = calculate_status(self.cluster, rs, counts, error)
        updated = update_status(self.cluster, rs, status)
        self._retry_on_error(self._key(rs), error)
        spec = updated["spec"]
        replicas = int(spec.get("replicas", 1))
        min_ready = int(spec.get("minReadySeconds") or 0)
        st = updated.get("status") or {}
        if (
            error is None
            and min_ready > 0
            and st.get("readyReplicas", 0) == replicas
            and st.get("availableReplicas", 0) != replicas
        ):
            self._requeue_after(self._key(updated), min_ready)

    def _retry_on_error(self, key: Key, error: str | None) -> None:
        """A failed sync is retried with the queue's backoff (5ms doubling, at most 1000s).

        upstream: client-go/util/workqueue DefaultControllerRateLimiter (ItemExponentialFailure...)."""
        if error is None:
            self._failures.pop(key, None)
            return
        n = self._failures.get(key, 0)
        self._failures[key] = n + 1
        self._requeue_after(key, min(0.005 * 2**n, 1000.0))

    def manage_replicas(
        self, active: int, pods: Callable[[], list[podcontrol.PodFacts]], rs: dict
    ) -> str | None:
        """Create or delete pods to reach spec.replicas, at most 500 a sync. upstream: manageReplicas.

        ``active``: how many pods the sync claimed; ``pods()``: those pods (listed only to delete)."""
        diff = active - int(rs["spec"].get("replicas", 1))
        if diff < 0:
            count = min(-diff, podcontrol.BURST_REPLICAS)
            template = rs["spec"].get("template") or {}
            _created, error = podcontrol.create_pods(self.cluster, rs, template, count, self.component)
            return error
        if diff > 0:
            count = min(diff, podcontrol.BURST_REPLICAS)
            ordered = sorted(pods(), key=lambda f: f.key)  # ranking ties keep (namespace, name) order
            related = lambda: self.related_pods(rs)  # noqa: E731
            victims = podcontrol.rank_for_deletion(self.cluster, ordered, related, count)
            return podcontrol.delete_pods(self.cluster, rs, [f.pod for f in victims], self.component)
        return None

    def related_pods(self, rs: dict) -> dict[str, int]:
        """Active pods of every ReplicaSet with the same controller (a Deployment's old and new ones),
        by node: what the deletion ranking counts.

        upstream: getIndirectlyRelatedPods / getReplicaSetsWithSameController."""
        ns = rs["metadata"].get("namespace", "default")
        owner = podcontrol.controller_uid(rs)
        family = (
            [rs]
            if owner is None
            else [o for o in self.cluster.store.list(self.kind, ns) if podcontrol.controller_uid(o) == owner]
        )
        members = []
        for member in family:
            try:
                members.append((member["metadata"]["uid"], self.selector(member)))
            except selectors.SelectorError:
                continue
        return self.index.related_by_node(ns, members)

    @staticmethod
    def _key(obj: dict) -> Key:
        return (obj["metadata"].get("namespace", "default"), obj["metadata"]["name"])


def _template_labels(rs: dict) -> dict:
    return ((rs["spec"].get("template") or {}).get("metadata") or {}).get("labels") or {}


@dataclass(frozen=True)
class Counts:
    """What calculateStatus counts over the claimed active pods."""

    replicas: int
    fully_labeled: int
    ready: int
    available: int

    @classmethod
    def of(cls, cluster: Cluster, rs: dict, pods: list[podcontrol.PodFacts]) -> Counts:
        # SelectorFromSet(template labels): every label present with its value, a dict-view subset test
        template_labels = _template_labels(rs).items()
        min_ready = int(rs["spec"].get("minReadySeconds") or 0)
        ready = [f for f in pods if f.ready]
        # with minReadySeconds 0 a ready pod is available (is_pod_available): skip the second look
        available = len(ready)
        if min_ready:
            available = sum(1 for f in ready if podcontrol.is_pod_available(cluster, f.pod, min_ready))
        labeled = sum(1 for f in pods if template_labels <= f.labels.items())
        return cls(len(pods), labeled, len(ready), available)


def calculate_status(cluster: Cluster, rs: dict, counts: Counts, error: str | None) -> dict:
    """upstream: replica_set_utils.go calculateStatus."""
    spec = rs["spec"]
    old = rs.get("status") or {}
    conditions = [copy.deepcopy(c) for c in old.get("conditions") or []]
    failure = next((c for c in conditions if c.get("type") == "ReplicaFailure"), None)
    if error is not None and failure is None:
        diff = counts.replicas - int(spec.get("replicas", 1))
        reason = "FailedCreate" if diff < 0 else "FailedDelete" if diff > 0 else ""
        conditions.append(
            {
                "lastTransitionTime": cluster.clock.timestamp(),
                "message": error,
                "reason": reason,
                "status": "True",
                "type": "ReplicaFailure",
            }
        )
    elif error is None and failure is not None:
        conditions.remove(failure)
    status: dict = {"replicas": counts.replicas}
    # int32 fields with omitempty vanish at zero, as the apiserver serialises them
    for field, value in (
        ("fullyLabeledReplicas", counts.fully_labeled),
        ("readyReplicas", counts.ready),
        ("availableReplicas", counts.available),
        ("observedGeneration", old.get("observedGeneration", 0)),
    ):
        if value:
            status[field] = value
    if conditions:
        status["conditions"] = conditions
    return status


def update_status(cluster: Cluster, rs: dict, status: dict) -> dict:
    """Write the status only if it changed. upstream: updateReplicaSetStatus."""
    generation = rs["metadata"].get("generation", 0)
    old = rs.get("status") or {}
    if old == status and old.get("observedGeneration", 0) == generation:
        return rs
    status = dict(status)
    if generation:
        status["observedGeneration"] = generation
    new = copy.deepcopy(rs)
    new["status"] = status
    return cluster.store.update_status(new)


@register
class ReplicaSetController(ReplicaSetLikeController):
    pass
