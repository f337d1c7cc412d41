"""A small stand-in for the ReplicaSet controller and the kubelet, for Deployment controller tests.

Like upstream's deployment controller tests (pkg/controller/deployment/*_test.go use fake clients),
these tests drive the Deployment controller against a store whose ReplicaSets get pods that turn
Ready ``start_delay`` virtual seconds after creation.  The real controllers are exercised by the
notebook and the integration tests; this keeps the invariant tests fast and independent of them.
"""

from __future__ import annotations

import copy

from k8stutor.api.store import Store
from k8stutor.clock import Clock, parse_duration
from k8stutor.controllers.deployment import DeploymentController


class FakeReplicaSets:
    """Pods for each ReplicaSet; Ready after ``start_delay``; available after minReadySeconds."""

    def __init__(self, harness: Harness, start_delay: float = 2.0, stop_delay: float = 2.0) -> None:
        self.h = harness
        self.start_delay = start_delay
        self.stop_delay = stop_delay  # a deleted pod terminates for this long (graceful deletion)
        self.seq = 0
        self.stopping: set[str] = set()

    def sync(self) -> None:
        store = self.h.store
        for pod in store.list("Pod", None):
            name = pod["metadata"]["name"]
            if pod["metadata"].get("deletionTimestamp") and name not in self.stopping:
                self.stopping.add(name)
                self.h.clock.call_later(self.stop_delay, lambda n=name: self.remove(n))
        for rs in store.list("ReplicaSet", None):
            pods = self.pods_of(rs)
            want = rs["spec"].get("replicas", 0)
            for _ in range(want - len(pods)):
                self.create_pod(rs)
            if len(pods) > want:
                # upstream ranking (controller_utils ActivePods): not ready first, then the newest
                doomed = sorted(
                    pods, key=lambda p: (_ready(p), p["metadata"]["creationTimestamp"], p["metadata"]["name"])
                )
                extra = len(pods) - want
                for pod in sorted(doomed[:extra], key=lambda p: (not _ready(p),))[:extra]:
                    store.delete(
                        "Pod",
                        pod["metadata"]["name"],
                        pod["metadata"]["namespace"],
                        grace_period=int(self.stop_delay),
                    )
            self.write_status(rs)

    def remove(self, name: str) -> None:
        self.stopping.discard(name)
        if self.h.store.find("Pod", name) is not None:
            self.h.store.delete("Pod", name, grace_period=0)

    def pods_of(self, rs: dict) -> list[dict]:
        """The ReplicaSet's active pods (terminating ones do not count, as FilterActivePods)."""
        uid = rs["metadata"]["uid"]
        return [
            p
            for p in self.h.store.list("Pod", rs["metadata"]["namespace"])
            if any(r.get("uid") == uid for r in p["metadata"].get("ownerReferences") or [])
            and not p["metadata"].get("deletionTimestamp")
        ]

    def create_pod(self, rs: dict) -> None:
        self.seq += 1
        template = copy.deepcopy(rs["spec"]["template"])
        pod = {
            "apiVersion": "v1",
            "kind": "Pod",
            "metadata": {
                "name": f"{rs['metadata']['name']}-{self.seq:05d}",
                "namespace": rs["metadata"]["namespace"],
                "labels": template.get("metadata", {}).get("labels", {}),
                "ownerReferences": [
                    {
                        "apiVersion": "apps/v1",
                        "kind": "ReplicaSet",
                        "name": rs["metadata"]["name"],
                        "uid": rs["metadata"]["uid"],
                        "controller": True,
                        "blockOwnerDeletion": True,
                    }
                ],
            },
            "spec": {**template.get("spec", {}), "nodeName": "minikube"},
            "status": {"phase": "Pending"},
        }
        created = self.h.store.create(pod)
        name, ns = created["metadata"]["name"], created["metadata"]["namespace"]
        if self.h.broken_image is not None and self.h.broken_image in _images(created):
            return
        self.h.clock.call_later(self.start_delay, lambda: self.start(name, ns))

    def start(self, name: str, ns: str) -> None:
        pod = self.h.store.find("Pod", name, ns)
        if pod is None:
            return
        if pod["metadata"].get("deletionTimestamp"):
            return
        new = copy.deepcopy(pod)
        now = self.h.clock.timestamp()
        new["status"] = {
            "phase": "Running",
            "conditions": [{"type": "Ready", "status": "True", "lastTransitionTime": now}],
        }
        self.h.store.update_status(new)

    def write_status(self, rs: dict) -> None:
        pods = self.pods_of(rs)
        min_ready = rs["spec"].get("minReadySeconds", 0)
        ready = [p for p in pods if _ready(p)]
        available = 0
        for p in ready:
            since = _ready_since(self.h.clock, p)
            if since >= min_ready:
                available += 1
            else:
                self.h.clock.call_later(min_ready - since, lambda: None)
        status = {
            k: v
            for k, v in {
                "replicas": len(pods),
                "fullyLabeledReplicas": len(pods),
                "readyReplicas": len(ready),
                "availableReplicas": available,
                "observedGeneration": rs["metadata"].get("generation", 1),
            }.items()
            if v
        }
        if (rs.get("status") or {}) != status:
            new = copy.deepcopy(rs)
            new["status"] = status
            self.h.store.update_status(new)


def _images(pod: dict) -> list[str]:
    return [c.get("image", "") for c in pod["spec"].get("containers") or []]


def _ready(pod: dict) -> bool:
    return any(c["type"] == "Ready" and c["status"] == "True" for c in pod["status"].get("conditions") or [])


def _ready_since(clock: Clock, pod: dict) -> float:
    cond = next(c for c in pod["status"]["conditions"] if c["type"] == "Ready")
    return clock.seconds_since(cond["lastTransitionTime"])


class Harness:
    """Clock + store + the Deployment controller + :class:`FakeReplicaSets`, settled like a Cluster."""

    def __init__(self, start_delay: float = 2.0) -> None:
        self.clock = Clock(0)
        self.store = Store(self.clock)
        self.broken_image: str | None = None
        self.store.create({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "default"}})
        self.store.create(
            {
                "apiVersion": "v1",
                "kind": "ServiceAccount",
                "metadata": {"name": "default", "namespace": "default"},
            }
        )
        self.deployments = DeploymentController(self)  # type: ignore[arg-type]
        self.replicasets = FakeReplicaSets(self, start_delay)

    def settle(self) -> None:
        for _ in range(10_000):
            before = self.store.revision
            self.replicasets.sync()
            self.deployments.sync(self)  # type: ignore[arg-type]
            if self.store.revision == before:
                return
        raise RuntimeError("did not settle")

    def advance(self, duration: str | float) -> None:
        self.settle()
        self.clock.run(self.clock.now + parse_duration(duration), after_each=self.settle)
        self.settle()
