"""The garbage collector: background, foreground and orphan cascades.

Behaviour as pkg/controller/garbagecollector/garbagecollector.go and the kubernetes.io page
"Garbage Collection" / "Use Cascading Deletion" describe it.
"""

from __future__ import annotations

import copy

from test_controller_replicaset_helpers import MiniCluster, StandInKubelet, bare_pod, replica_set, run_pod

from k8stutor.controllers import podcontrol
from k8stutor.controllers.garbagecollector import GarbageCollector
from k8stutor.controllers.replicaset import ReplicaSetController


def setup(kubelet: bool = True) -> tuple[MiniCluster, dict]:
    controllers = [ReplicaSetController, GarbageCollector] + ([StandInKubelet] if kubelet else [])
    c = MiniCluster(*controllers)
    rs = c.store.create(replica_set(replicas=3))
    c.settle()
    return c, rs


def test_background_deletion_removes_the_owner_then_its_pods() -> None:
    c, _rs = setup(kubelet=False)
    for pod in c.store.list("Pod"):
        run_pod(c, pod)
    c.store.delete("ReplicaSet", "frontend", propagation="Background")
    assert c.store.find("ReplicaSet", "frontend") is None  # gone at once
    c.settle()
    pods = c.store.list("Pod")
    assert len(pods) == 3 and all(p["metadata"].get("deletionTimestamp") for p in pods)  # Terminating


def test_background_deletion_with_a_kubelet_leaves_nothing() -> None:
    c, _rs = setup()
    c.store.delete("ReplicaSet", "frontend")
    c.settle()
    assert c.store.list("Pod") == []


def test_foreground_deletion_waits_for_the_pods() -> None:
    c, rs = setup(kubelet=False)
    for pod in c.store.list("Pod"):
        run_pod(c, pod)
    c.store.delete("ReplicaSet", "frontend", propagation="Foreground")
    c.settle()
    held = c.store.get("ReplicaSet", "frontend")
    assert held["metadata"]["finalizers"] == ["foregroundDeletion"] and held["metadata"]["deletionTimestamp"]
    pods = c.store.list("Pod")
    assert len(pods) == 3 and all(p["metadata"].get("deletionTimestamp") for p in pods)
    for pod in pods:  # the kubelet finishes the graceful deletions
        c.store.delete("Pod", pod["metadata"]["name"], grace_period=0)
    c.settle()
    assert c.store.find("ReplicaSet", "frontend") is None
    assert c.store.list("Pod") == []


def test_foreground_does_not_wait_for_non_blocking_dependents() -> None:
    c, rs = setup(kubelet=False)
    for pod in c.store.list("Pod"):
        new = copy.deepcopy(pod)
        new["metadata"]["ownerReferences"][0]["blockOwnerDeletion"] = False
        c.store.update(new)
        run_pod(c, c.store.get("Pod", pod["metadata"]["name"]))
    c.store.delete("ReplicaSet", "frontend", propagation="Foreground")
    c.settle()
    assert c.store.find("ReplicaSet", "frontend") is None
    assert all(p["metadata"].get("deletionTimestamp") for p in c.store.list("Pod"))


def test_orphan_deletion_keeps_the_pods_without_owner_references() -> None:
    c, rs = setup()
    names = sorted(p["metadata"]["name"] for p in c.store.list("Pod"))
    c.store.delete("ReplicaSet", "frontend", propagation="Orphan")
    c.settle()
    assert c.store.find("ReplicaSet", "frontend") is None
    pods = c.store.list("Pod")
    assert sorted(p["metadata"]["name"] for p in pods) == names
    assert all("ownerReferences" not in p["metadata"] for p in pods)
    assert not any(p["metadata"].get("deletionTimestamp") for p in pods)


def test_orphans_are_adopted_by_a_new_replicaset() -> None:
    c, _ = setup()
    names = sorted(p["metadata"]["name"] for p in c.store.list("Pod"))
    c.store.delete("ReplicaSet", "frontend", propagation="Orphan")
    c.settle()
    new = c.store.create(replica_set(replicas=3))
    c.settle()
    pods = c.store.list("Pod")
    assert sorted(p["metadata"]["name"] for p in pods) == names
    assert {podcontrol.controller_uid(p) for p in pods} == {new["metadata"]["uid"]}


def test_dependent_with_a_missing_owner_is_collected() -> None:
    c = MiniCluster(GarbageCollector)
    ghost = {"apiVersion": "apps/v1", "kind": "ReplicaSet", "metadata": {"name": "ghost", "uid": "1234"}}
    c.store.create(bare_pod("dangling", {"a": "b"}, owner=ghost))
    c.settle()
    assert c.store.find("Pod", "dangling") is None


def test_owner_recreated_with_the_same_name_is_not_the_owner() -> None:
    c, rs = setup(kubelet=False)
    pod_names = [p["metadata"]["name"] for p in c.store.list("Pod")]
    c.store.delete("ReplicaSet", "frontend", propagation="Orphan")
    c.settle()
    stale = bare_pod("stale", {"x": "y"}, owner=rs)  # points at the old uid
    c.store.create(stale)
    c.store.create(replica_set(replicas=0, labels={"other": "z"}))
    c.settle()
    assert c.store.find("Pod", "stale") is None
    assert all(c.store.find("Pod", n) for n in pod_names)


def test_dependent_with_one_living_owner_only_loses_the_dead_reference() -> None:
    c = MiniCluster(GarbageCollector)
    alive = c.store.create(replica_set(name="alive", replicas=0, labels={"x": "1"}))
    pod = bare_pod("shared", {"a": "b"})
    pod["metadata"]["ownerReferences"] = [
        {"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "gone", "uid": "dead"},
        {"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "alive", "uid": alive["metadata"]["uid"]},
    ]
    c.store.create(pod)
    c.settle()
    refs = c.store.get("Pod", "shared")["metadata"]["ownerReferences"]
    assert [r["name"] for r in refs] == ["alive"]


def _deployment_chain(c: MiniCluster) -> dict:
    """A Deployment object owning a ReplicaSet owning Pods (no Deployment controller runs here)."""
    deploy = c.store.create({
        "apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "default"},
        "spec": {"replicas": 2, "selector": {"matchLabels": {"tier": "frontend"}},
                 "template": replica_set()["spec"]["template"]},
    })
    rs = replica_set(name="web-5d8f7c7b9b", replicas=2)
    rs["metadata"]["ownerReferences"] = [podcontrol.controller_ref(deploy)]
    c.store.create(rs)
    c.settle()
    return deploy


def test_foreground_cascades_through_two_levels() -> None:
    c = MiniCluster(ReplicaSetController, GarbageCollector)
    _deployment_chain(c)
    pods = c.store.list("Pod")
    for pod in pods:
        run_pod(c, pod)
    c.store.delete("Deployment", "web", propagation="Foreground")
    c.settle()
    # the ReplicaSet is deleted in the foreground too, because it has dependents of its own
    rs = c.store.get("ReplicaSet", "web-5d8f7c7b9b")
    assert rs["metadata"]["finalizers"] == ["foregroundDeletion"]
    assert c.store.get("Deployment", "web")["metadata"]["finalizers"] == ["foregroundDeletion"]
    for pod in c.store.list("Pod"):
        c.store.delete("Pod", pod["metadata"]["name"], grace_period=0)
    c.settle()
    assert c.store.find("ReplicaSet", "web-5d8f7c7b9b") is None
    assert c.store.find("Deployment", "web") is None


def test_background_cascades_through_two_levels() -> None:
    c = MiniCluster(ReplicaSetController, GarbageCollector, StandInKubelet)
    _deployment_chain(c)
    c.store.delete("Deployment", "web")
    c.settle()
    assert c.store.list("ReplicaSet") == [] and c.store.list("Pod") == []
