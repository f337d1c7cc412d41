"""The ReplicaSet controller: seed the store, sync, look at the creates, deletes, events and status.

Behaviour follows pkg/controller/replicaset/replica_set.go (syncReplicaSet, manageReplicas),
replica_set_utils.go (calculateStatus) and pkg/controller/controller_utils.go (CreatePods events
"Created pod: x", DeletePod events "Deleted pod: x", ActivePodsWithRanks).
"""

from __future__ import annotations

import copy
import random
import re

from hypothesis import given, settings
from hypothesis import strategies as st
from test_controller_replicaset_helpers import (
    MiniCluster,
    StandInKubelet,
    bare_pod,
    events_of,
    replica_set,
    run_pod,
    scale,
)

from k8stutor import Cluster
from k8stutor.api import selectors
from k8stutor.api.store import NAME_ALPHABET, Store
from k8stutor.clock import Clock
from k8stutor.controllers import podcontrol
from k8stutor.controllers.garbagecollector import GarbageCollector
from k8stutor.controllers.replicaset import ReplicaSetController

POD_NAME = re.compile(rf"^frontend-[{NAME_ALPHABET}]{{5}}$")


def pods(cluster, ns: str = "default") -> list[dict]:
    return cluster.store.list("Pod", ns)


def test_one_sync_creates_the_pods_with_owner_references_and_events() -> None:
    c = MiniCluster(ReplicaSetController)
    rs = c.store.create(replica_set(replicas=3))
    c.controllers[0].sync(c)
    created = pods(c)
    assert len(created) == 3
    for pod in created:
        assert POD_NAME.match(pod["metadata"]["name"])
        assert pod["metadata"]["generateName"] == "frontend-"
        assert pod["metadata"]["labels"] == {"tier": "frontend"}
        assert pod["metadata"]["ownerReferences"] == [{
            "apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "frontend", "uid": rs["metadata"]["uid"],
            "controller": True, "blockOwnerDeletion": True,
        }]
    names = sorted(e[2] for e in events_of(c, rs))
    assert names == sorted(f"Created pod: {p['metadata']['name']}" for p in created)
    assert {e[:2] for e in events_of(c, rs)} == {("Normal", "SuccessfulCreate")}


def test_status_counts_and_observed_generation() -> None:
    c = MiniCluster(ReplicaSetController)
    c.store.create(replica_set(replicas=2))
    c.settle()
    assert c.store.get("ReplicaSet", "frontend")["status"] == {
        "replicas": 2, "fullyLabeledReplicas": 2, "observedGeneration": 1,
    }
    run_pod(c, pods(c)[0])
    c.settle()
    st = c.store.get("ReplicaSet", "frontend")["status"]
    assert (st["readyReplicas"], st["availableReplicas"]) == (1, 1)


def test_min_ready_seconds_delays_availability() -> None:
    c = MiniCluster(ReplicaSetController, StandInKubelet)
    c.store.create(replica_set(replicas=2, minReadySeconds=10))
    c.settle()
    st = c.store.get("ReplicaSet", "frontend")["status"]
    assert st["readyReplicas"] == 2 and "availableReplicas" not in st
    c.advance("10s")
    assert "availableReplicas" not in c.store.get("ReplicaSet", "frontend")["status"]
    c.advance("1s")  # upstream requeues minReadySeconds + 1s after a pod turns ready
    assert c.store.get("ReplicaSet", "frontend")["status"]["availableReplicas"] == 2


def test_deleted_pod_is_replaced() -> None:
    c = MiniCluster(ReplicaSetController, StandInKubelet)
    rs = c.store.create(replica_set(replicas=3))
    c.settle()
    victim = pods(c)[1]["metadata"]["name"]
    c.store.delete("Pod", victim)  # graceful: Terminating first, then gone
    c.settle()
    names = [p["metadata"]["name"] for p in pods(c)]
    assert victim not in names and len(names) == 3
    assert sum(1 for e in events_of(c, rs) if e[1] == "SuccessfulCreate") == 4


def test_replacement_is_created_while_the_old_pod_terminates() -> None:
    c = MiniCluster(ReplicaSetController)
    c.store.create(replica_set(replicas=1))
    c.settle()
    run_pod(c, pods(c)[0])
    c.store.delete("Pod", pods(c)[0]["metadata"]["name"])
    c.controllers[0].sync(c)
    terminating = [p for p in pods(c) if p["metadata"].get("deletionTimestamp")]
    assert len(pods(c)) == 2 and len(terminating) == 1


def test_scale_down_deletes_unready_and_unscheduled_pods_first() -> None:
    c = MiniCluster(ReplicaSetController)
    rs = c.store.create(replica_set(replicas=4))
    c.settle()
    p = pods(c)
    run_pod(c, p[0])
    run_pod(c, p[1], ready=False)
    c.advance("1m")
    scale(c, "ReplicaSet", "frontend", 1)
    c.settle()
    left = podcontrol.filter_active_pods(pods(c))  # p[1] is on a node: Terminating until a kubelet acts
    assert [x["metadata"]["name"] for x in left] == [p[0]["metadata"]["name"]]
    deleted = [e[2] for e in events_of(c, rs) if e[1] == "SuccessfulDelete"]
    assert sorted(deleted) == sorted(f"Deleted pod: {x['metadata']['name']}" for x in p[1:])


def test_scale_down_ranking_prefers_newer_and_restarting_pods() -> None:
    c = MiniCluster(ReplicaSetController)
    c.store.create(replica_set(replicas=3))
    c.settle()
    old, mid, new = pods(c)
    run_pod(c, old)
    c.advance("1h")
    run_pod(c, mid)
    c.advance("10s")
    run_pod(c, new)
    c.advance("1s")
    ranked = podcontrol.pods_to_delete(c, pods(c), pods(c), 2)
    # ready for 1s and 11s fall in different log2 buckets; both before the pod ready for an hour
    assert [p["metadata"]["name"] for p in ranked] == [new["metadata"]["name"], mid["metadata"]["name"]]
    crashy = copy.deepcopy(c.store.get("Pod", old["metadata"]["name"]))
    crashy["status"]["containerStatuses"][0]["restartCount"] = 3
    crashy["status"]["conditions"][0]["lastTransitionTime"] = c.store.get("Pod", new["metadata"]["name"])[
        "status"]["conditions"][0]["lastTransitionTime"]
    c.store.update_status(crashy)
    ranked = podcontrol.pods_to_delete(c, pods(c), pods(c), 1)
    assert ranked[0]["metadata"]["name"] == old["metadata"]["name"]  # same ready time: restarts decide


def test_pod_deletion_cost_annotation_wins_over_age() -> None:
    c = MiniCluster(ReplicaSetController, StandInKubelet)
    c.store.create(replica_set(replicas=2))
    c.settle()
    first, second = pods(c)
    cheap = copy.deepcopy(first)
    cheap["metadata"]["annotations"] = {"controller.kubernetes.io/pod-deletion-cost": "-5"}
    c.store.update(cheap)
    scale(c, "ReplicaSet", "frontend", 1)
    c.settle()
    assert [p["metadata"]["name"] for p in pods(c)] == [second["metadata"]["name"]]


def test_orphan_matching_the_selector_is_adopted() -> None:
    c = MiniCluster(ReplicaSetController)
    c.store.create(bare_pod("pod1", {"tier": "frontend"}))
    c.store.create(bare_pod("other", {"tier": "backend"}))
    rs = c.store.create(replica_set(replicas=2))
    c.settle()
    owned = [p for p in pods(c) if podcontrol.controller_uid(p) == rs["metadata"]["uid"]]
    assert "pod1" in [p["metadata"]["name"] for p in owned] and len(owned) == 2
    assert "ownerReferences" not in c.store.get("Pod", "other")["metadata"]
    assert len([e for e in events_of(c, rs) if e[1] == "SuccessfulCreate"]) == 1


def test_extra_orphans_are_adopted_then_the_surplus_deleted() -> None:
    # The ReplicaSet docs' "Non-Template Pod acquisitions": pod1/pod2 are acquired and deleted.
    c = MiniCluster(ReplicaSetController, StandInKubelet)
    rs = c.store.create(replica_set(replicas=3))
    c.settle()
    c.store.create(bare_pod("pod1", {"tier": "frontend"}))
    c.store.create(bare_pod("pod2", {"tier": "frontend"}))
    c.settle()
    names = [p["metadata"]["name"] for p in pods(c)]
    assert len(names) == 3 and "pod1" not in names and "pod2" not in names
    assert sorted(e[2] for e in events_of(c, rs) if e[1] == "SuccessfulDelete") == [
        "Deleted pod: pod1", "Deleted pod: pod2"]


def test_pod_of_another_controller_is_left_alone() -> None:
    c = MiniCluster(ReplicaSetController)
    other = c.store.create(replica_set(name="other", replicas=1, labels={"tier": "frontend"}))
    c.store.create(bare_pod("theirs", {"tier": "frontend"}, owner=other))
    rs = c.store.create(replica_set(replicas=1))
    c.settle()
    assert podcontrol.controller_uid(c.store.get("Pod", "theirs")) == other["metadata"]["uid"]
    assert [podcontrol.controller_uid(p) for p in pods(c)].count(rs["metadata"]["uid"]) == 1
    assert len(pods(c)) == 2


def test_relabelled_pod_is_released_and_replaced() -> None:
    c = MiniCluster(ReplicaSetController, StandInKubelet)
    c.store.create(replica_set(replicas=2))
    c.settle()
    pod = copy.deepcopy(pods(c)[0])
    pod["metadata"]["labels"] = {"tier": "debug"}
    c.store.update(pod)
    c.settle()
    released = c.store.get("Pod", pod["metadata"]["name"])
    assert "ownerReferences" not in released["metadata"]
    assert len(pods(c)) == 3  # the released pod stays, a new one replaces it


def test_matchexpressions_notin_selects_pods_without_the_key() -> None:
    c = MiniCluster(ReplicaSetController)
    sel = {"matchExpressions": [{"key": "env", "operator": "NotIn", "values": ["hello", "hi"]}]}
    c.store.create(bare_pod("no-env", {"tier": "frontend"}))
    c.store.create(bare_pod("hi", {"tier": "frontend", "env": "hi"}))
    rs = c.store.create(replica_set(replicas=1, selector=sel))
    c.settle()
    assert podcontrol.controller_uid(c.store.get("Pod", "no-env")) == rs["metadata"]["uid"]
    assert podcontrol.controller_uid(c.store.get("Pod", "hi")) is None


def test_burst_limits_one_sync_to_500_creations() -> None:
    c = MiniCluster(ReplicaSetController)
    c.store.create(replica_set(replicas=1200))
    c.controllers[0].sync(c)
    assert len(pods(c)) == 500
    c.settle()
    assert len(pods(c)) == 1200


def test_failed_creation_records_event_and_replica_failure_condition() -> None:
    c = MiniCluster(ReplicaSetController)
    spec_sa = replica_set(replicas=3)
    spec_sa["spec"]["template"]["spec"]["serviceAccountName"] = "missing"
    rs = c.store.create(spec_sa)
    c.settle()
    assert pods(c) == []
    evs = events_of(c, rs)
    # slowStartBatch: the first batch (1 pod) fails, so no more are attempted in that sync
    assert {e[:2] for e in evs} == {("Warning", "FailedCreate")}
    assert re.fullmatch(r'Error creating: pods "frontend-[a-z0-9]*" is forbidden: error looking up service '
                        r'account default/missing: serviceaccount "missing" not found', evs[0][2])
    cond = c.store.get("ReplicaSet", "frontend")["status"]["conditions"][0]
    assert (cond["type"], cond["status"], cond["reason"]) == ("ReplicaFailure", "True", "FailedCreate")
    # the sync is retried with backoff; once the ServiceAccount exists the pods come and the condition goes
    c.store.create({"apiVersion": "v1", "kind": "ServiceAccount",
                    "metadata": {"name": "missing", "namespace": "default"}})
    c.advance("2s")
    assert len(pods(c)) == 3
    assert "conditions" not in c.store.get("ReplicaSet", "frontend")["status"]


def test_replicaset_being_deleted_creates_nothing() -> None:
    c = MiniCluster(ReplicaSetController)
    rs = replica_set(replicas=2)
    rs["metadata"]["finalizers"] = ["example.com/hold"]
    c.store.create(rs)
    c.store.delete("ReplicaSet", "frontend")
    c.settle()
    assert pods(c) == []


def test_slow_start_batch_stops_after_a_failing_batch() -> None:
    calls: list[int] = []

    def fn() -> bool:
        calls.append(1)
        return len(calls) != 4  # the 4th call fails: batches 1, 2, then 4 (with the failure)

    assert podcontrol.slow_start_batch(10, 1, fn) == 6
    assert len(calls) == 7


def test_default_replicas_and_template_defaults() -> None:
    c = MiniCluster(ReplicaSetController)
    rs = replica_set()
    del rs["spec"]["replicas"]
    stored = c.store.create(rs)
    assert stored["spec"]["replicas"] == 1
    assert stored["status"] == {"replicas": 0}
    tmpl = stored["spec"]["template"]
    assert tmpl["metadata"]["creationTimestamp"] is None
    assert tmpl["spec"]["restartPolicy"] == "Always" and tmpl["spec"]["dnsPolicy"] == "ClusterFirst"
    assert tmpl["spec"]["containers"][0]["terminationMessagePath"] == "/dev/termination-log"
    assert "enableServiceLinks" not in tmpl["spec"]  # SetDefaults_Pod, not SetDefaults_PodSpec


def test_same_seed_same_pod_names() -> None:
    def run() -> list[str]:
        c = MiniCluster(ReplicaSetController, StandInKubelet, GarbageCollector)
        c.store.create(replica_set(replicas=5))
        c.settle()
        return [p["metadata"]["name"] for p in pods(c)]

    assert run() == run()


def test_pod_index_follows_ownership_changes() -> None:
    c = MiniCluster(ReplicaSetController)
    a = c.store.create(replica_set(name="a", replicas=1, labels={"tier": "a"}))
    b = c.store.create(replica_set(name="b", replicas=1, labels={"tier": "b"}))
    c.settle()
    index = podcontrol.pod_index(c)
    pod_a = index.controlled_by(a["metadata"]["uid"])[0]
    # hand a's pod over to b (new labels and controller): a must notice it lost a pod and replace it
    moved = copy.deepcopy(pod_a)
    moved["metadata"]["labels"] = {"tier": "b"}
    moved["metadata"]["ownerReferences"] = [podcontrol.controller_ref(b)]
    c.store.update(moved)
    c.settle()
    owned_by_a = [p["metadata"]["name"] for p in index.controlled_by(a["metadata"]["uid"])]
    assert pod_a["metadata"]["name"] not in owned_by_a and len(owned_by_a) == 1  # replaced
    assert len(podcontrol.filter_active_pods(index.controlled_by(b["metadata"]["uid"]))) == 1  # b dropped one
    assert index.orphans.get("default", {}) == {}


@given(seed=st.integers(min_value=0, max_value=2**32), n=st.integers(min_value=1, max_value=12))
@settings(max_examples=60, deadline=None)
def test_name_suffixes_draw_what_random_choice_draws(seed: int, n: int) -> None:
    """The store's suffix generator is random.choice over the alphabet, bit for bit: the same seed
    names pods the same on every Python that keeps choice()'s algorithm, and a change shows here."""
    store = Store(Clock(seed))
    expected = random.Random(seed)
    for _ in range(3):
        assert store.random_suffix(n) == "".join(expected.choice(NAME_ALPHABET) for _ in range(n))


def test_related_pod_counts_from_the_index_match_a_recount_through_a_rollout() -> None:
    """The deletion ranking's "related pods on the same node", summed from the ReplicaSets' views,
    equals counting every active pod their selectors match, at each step of a rolling update."""
    c = Cluster()
    c.write_file("d.yaml", """apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 12
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: nginx, image: "nginx:1.14.2"}]}
""")
    assert c.kubectl("apply -f d.yaml").ok
    c.advance("30s")
    assert c.kubectl("set image deploy/web nginx=nginx:1.16.1").ok
    index = podcontrol.pod_index(c)
    for _ in range(12):
        c.advance("1s")
        family = [(rs["metadata"]["uid"], selectors.from_label_selector(rs["spec"]["selector"]))
                  for rs in c.store.list("ReplicaSet")]
        assert len(family) == 2
        assert index.related_by_node("default", family) == index.active_by_node(
            "default", [sel for _uid, sel in family])
