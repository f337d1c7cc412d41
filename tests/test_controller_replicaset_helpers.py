"""A cluster with only the controllers under test, and a stand-in kubelet.

Controller tests seed the store, run a sync and look at what it wrote, so they do not depend on
the scheduler, kubelet or network.  ``MiniCluster`` borrows Cluster's own settle/advance/part.
"""

from __future__ import annotations

import copy

from k8stutor.api.store import Store
from k8stutor.clock import Clock
from k8stutor.cluster import Cluster
from k8stutor.controllers import podcontrol


class MiniCluster:
    part = Cluster.part
    settle = Cluster.settle
    advance = Cluster.advance

    def __init__(self, *controllers: type, seed: int = 0) -> None:
        self.seed = seed
        self.clock = Clock(seed)
        self.store = Store(self.clock)
        self._ext: dict[str, object] = {}
        for ns in ("default", "other"):
            self.store.create({"apiVersion": "v1", "kind": "ServiceAccount",
                               "metadata": {"name": "default", "namespace": ns}})
        self.controllers = [cls(self) for cls in controllers]


class StandInKubelet:
    """Binds new pods to ``minikube`` and makes them Running and Ready at once (or after
    ``ready_after`` seconds); removes pods whose graceful deletion started."""

    name = "zz-standin-kubelet"
    order = 90
    ready_after = 0.0

    def __init__(self, cluster) -> None:
        self.pending: set[tuple[str, str]] = set()

    def sync(self, cluster) -> None:
        for pod in cluster.store.list("Pod", namespace=None):
            meta = pod["metadata"]
            key = (meta["namespace"], meta["name"])
            if meta.get("deletionTimestamp"):
                cluster.store.delete("Pod", meta["name"], meta["namespace"], grace_period=0)
            elif not pod["spec"].get("nodeName") and key not in self.pending:
                if self.ready_after:
                    self.pending.add(key)
                    cluster.clock.call_later(self.ready_after, lambda k=key: self._start(cluster, k))
                else:
                    run_pod(cluster, pod)

    def _start(self, cluster, key) -> None:
        self.pending.discard(key)
        pod = cluster.store.find("Pod", key[1], key[0])
        if pod is not None and not pod["metadata"].get("deletionTimestamp"):
            run_pod(cluster, pod)


def run_pod(cluster, pod: dict, ready: bool = True) -> dict:
    """What scheduler + kubelet would write: node, phase Running, the Ready condition."""
    new = copy.deepcopy(pod)
    new["spec"]["nodeName"] = "minikube"
    cluster.store.update(new)
    new = copy.deepcopy(cluster.store.get("Pod", pod["metadata"]["name"], pod["metadata"]["namespace"]))
    now = cluster.clock.timestamp()
    new["status"] = {
        "phase": "Running",
        "conditions": [{"type": "Ready", "status": "True" if ready else "False", "lastTransitionTime": now}],
        "containerStatuses": [{"name": c["name"], "restartCount": 0, "ready": ready}
                              for c in new["spec"]["containers"]],
    }
    return cluster.store.update_status(new)


def replica_set(name: str = "frontend", replicas: int = 3, labels: dict | None = None,
                selector: dict | None = None, **spec: object) -> dict:
    labels = labels or {"tier": "frontend"}
    return {
        "apiVersion": "apps/v1",
        "kind": "ReplicaSet",
        "metadata": {"name": name, "namespace": "default"},
        "spec": {
            "replicas": replicas,
            "selector": selector if selector is not None else {"matchLabels": dict(labels)},
            "template": {
                "metadata": {"labels": dict(labels)},
                "spec": {"containers": [{"name": "php-redis", "image": "us-docker.pkg.dev/google-samples/"
                                         "containers/gke/gb-frontend:v5"}]},
            },
            **spec,
        },
    }


def bare_pod(name: str, labels: dict, owner: dict | None = None) -> dict:
    meta: dict = {"name": name, "namespace": "default", "labels": dict(labels)}
    if owner is not None:
        meta["ownerReferences"] = [podcontrol.controller_ref(owner)]
    return {"apiVersion": "v1", "kind": "Pod", "metadata": meta,
            "spec": {"containers": [{"name": "c", "image": "nginx"}]}}


def events_of(cluster, obj: dict) -> list[tuple[str, str, str]]:
    from k8stutor.api import events

    return [(e["type"], e["reason"], e["message"]) for e in events.for_object(cluster.store, obj)]


def scale(cluster, kind: str, name: str, replicas: int) -> None:
    obj = copy.deepcopy(cluster.store.get(kind, name))
    obj["spec"]["replicas"] = replicas
    cluster.store.update(obj)
