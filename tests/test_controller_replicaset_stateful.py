"""Hypothesis state machine: random scale / pod deletion / relabelling / orphans / time on a ReplicaSet.

Invariants after every step (once the controllers settle), as upstream guarantees them:
deleting the ReplicaSet (background, foreground, orphan) and creating it again leaves no Pod pointing
at the old owner;
the active pods the ReplicaSet controls equal spec.replicas, every one matches its selector, no pod
has two controller references, status.replicas counts them and observedGeneration catches up.
"""

from __future__ import annotations

import copy

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule
from test_controller_replicaset_helpers import MiniCluster, StandInKubelet, bare_pod, replica_set, scale

from k8stutor.api import selectors
from k8stutor.controllers import podcontrol
from k8stutor.controllers.garbagecollector import GarbageCollector
from k8stutor.controllers.replicaset import ReplicaSetController

SELECTOR = {"matchLabels": {"tier": "frontend"},
            "matchExpressions": [{"key": "env", "operator": "NotIn", "values": ["debug"]}]}


class ReplicaSetMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.c = MiniCluster(ReplicaSetController, GarbageCollector, StandInKubelet)
        self.c.store.create(replica_set(replicas=2, selector=SELECTOR, minReadySeconds=5))
        self.c.settle()
        self.orphans = 0

    def rs(self) -> dict:
        return self.c.store.get("ReplicaSet", "frontend")

    def pods(self) -> list[dict]:
        return self.c.store.list("Pod")

    @rule(n=st.integers(0, 6))
    def scale(self, n: int) -> None:
        scale(self.c, "ReplicaSet", "frontend", n)
        self.c.settle()

    @rule(i=st.integers(0, 10), grace=st.booleans())
    def delete_pod(self, i: int, grace: bool) -> None:
        pods = self.pods()
        if pods:
            p = pods[i % len(pods)]
            self.c.store.delete("Pod", p["metadata"]["name"], grace_period=None if grace else 0)
            self.c.settle()

    @rule(i=st.integers(0, 10), labels=st.sampled_from([
        {"tier": "frontend"}, {"tier": "frontend", "env": "debug"}, {"tier": "backend"},
        {"tier": "frontend", "env": "prod"}]))
    def relabel(self, i: int, labels: dict) -> None:
        pods = self.pods()
        if pods:
            p = copy.deepcopy(pods[i % len(pods)])
            if not p["metadata"].get("deletionTimestamp"):
                p["metadata"]["labels"] = dict(labels)
                self.c.store.update(p)
                self.c.settle()

    @rule(labels=st.sampled_from([{"tier": "frontend"}, {"tier": "frontend", "env": "debug"}]))
    def add_orphan(self, labels: dict) -> None:
        self.orphans += 1
        self.c.store.create(bare_pod(f"orphan-{self.orphans}", labels))
        self.c.settle()

    @rule(policy=st.sampled_from(["Background", "Foreground", "Orphan"]), replicas=st.integers(0, 4))
    def recreate(self, policy: str, replicas: int) -> None:
        """Delete the ReplicaSet with a propagation policy, then create it again (a new uid)."""
        self.c.store.delete("ReplicaSet", "frontend", propagation=policy)
        self.c.settle()
        assert self.c.store.find("ReplicaSet", "frontend") is None  # the kubelet finishes every Pod
        self.c.store.create(replica_set(replicas=replicas, selector=SELECTOR, minReadySeconds=5))
        self.c.settle()

    @rule(seconds=st.sampled_from([1, 5, 30]))
    def wait(self, seconds: int) -> None:
        self.c.advance(seconds)
        if seconds > 5:  # every Pod has been ready for more than minReadySeconds (5): all available
            rs = self.rs()
            assert rs["status"].get("availableReplicas", 0) == rs["spec"]["replicas"]

    @invariant()
    def controlled_pods_equal_replicas(self) -> None:
        rs = self.rs()
        uid = rs["metadata"]["uid"]
        sel = selectors.from_label_selector(rs["spec"]["selector"])
        mine = [p for p in podcontrol.filter_active_pods(self.pods()) if podcontrol.controller_uid(p) == uid]
        assert len(mine) == rs["spec"]["replicas"]
        assert all(sel.matches(p["metadata"]["labels"]) for p in mine)
        assert rs["status"]["replicas"] == len(mine)
        assert rs["status"].get("observedGeneration") == rs["metadata"]["generation"]
        assert rs["status"].get("availableReplicas", 0) <= rs["status"].get("readyReplicas", 0) <= len(mine)

    @invariant()
    def no_pod_has_two_controllers(self) -> None:
        for p in self.pods():
            refs = p["metadata"].get("ownerReferences") or []
            assert sum(1 for r in refs if r.get("controller")) <= 1

    @invariant()
    def no_reference_to_a_missing_owner(self) -> None:
        live = {rs["metadata"]["uid"] for rs in self.c.store.list("ReplicaSet")}
        for p in self.pods():
            for ref in p["metadata"].get("ownerReferences") or []:
                assert ref["uid"] in live or p["metadata"].get("deletionTimestamp")

    @invariant()
    def matching_orphans_do_not_linger(self) -> None:
        sel = selectors.from_label_selector(SELECTOR)
        for p in podcontrol.filter_active_pods(self.pods()):
            if podcontrol.controller_of(p) is None:
                assert not sel.matches(p["metadata"]["labels"])

    @invariant()
    def index_counts_agree_with_a_recount(self) -> None:
        """The counts the pod index keeps from watch events are what counting the store gives."""
        index = podcontrol.pod_index(self.c)
        for rs in self.c.store.list("ReplicaSet"):
            view = index.views.get(rs["metadata"]["uid"])
            if view is None:
                continue
            sel = view.selector
            active = podcontrol.filter_active_pods(self.pods())
            mine = [p for p in active if podcontrol.controller_uid(p) == rs["metadata"]["uid"]]
            assert view.active == len(mine)
            assert view.strays == sum(1 for p in mine if not sel.matches(p["metadata"].get("labels")))
            assert view.ready == sum(1 for p in mine if podcontrol.is_pod_ready(p))
            matching = [p for p in active if sel.matches(p["metadata"].get("labels"))]
            assert sum(view.matching.values()) == len(matching)
            assert index.related_by_node("default", [(rs["metadata"]["uid"], sel)]) == (
                index.active_by_node("default", [sel]))


ReplicaSetMachine.TestCase.settings = settings(max_examples=40, stateful_step_count=15, deadline=None)
TestReplicaSetMachine = ReplicaSetMachine.TestCase
