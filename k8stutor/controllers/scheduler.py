"""kube-scheduler: binds each pending pod to the one node, ``minikube``.

upstream: pkg/scheduler/schedule_one.go (bind; the ``Scheduled`` event
"Successfully assigned %v/%v to %v"; FailedScheduling "0/1 nodes are available: ..."),
pkg/registry/core/pod/storage/storage.go (the binding sets spec.nodeName and the PodScheduled condition).
Pods with ``schedulerName`` other than default-scheduler wait for their own scheduler, as on a real cluster.
"""

from __future__ import annotations

import copy
import importlib
from typing import TYPE_CHECKING

from ..api.events import record
from ..node.runtime import NODE_NAME
from . import register

if TYPE_CHECKING:
    from ..cluster import Cluster

PREEMPTION = "preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling."


def _volume_reason(cluster: Cluster, pod: dict) -> str | None:
    try:
        pv = importlib.import_module("k8stutor.controllers.persistentvolume")
    except ModuleNotFoundError:
        return None
    fn = getattr(pv, "unschedulable_reason", None)
    return fn(cluster, pod) if fn else None


@register
class Scheduler:
    name = "scheduler"
    order = 10

    def __init__(self, cluster: Cluster) -> None:
        self.pending: dict[tuple[str, str], None] = {}  # arrival order
        self.failed: dict[tuple[str, str], str] = {}
        cluster.store.watch(self._on_change, kinds=("Pod", "PersistentVolumeClaim", "PersistentVolume"))

    def _on_change(self, event: str, obj: dict) -> None:
        if obj.get("kind") == "Pod" and event != "DELETED" and not (obj.get("spec") or {}).get("nodeName"):
            self.pending.setdefault((obj["metadata"].get("namespace", "default"), obj["metadata"]["name"]))
        elif obj.get("kind") in ("PersistentVolumeClaim", "PersistentVolume") and self.failed:
            self.pending.update(dict.fromkeys(self.failed))

    def sync(self, cluster: Cluster) -> None:
        keys = list(self.pending)
        self.pending.clear()
        for ns, name in keys:
            pod = cluster.store.find("Pod", name, ns)
            if pod is None or pod["spec"].get("nodeName") or pod["metadata"].get("deletionTimestamp"):
                self.failed.pop((ns, name), None)
                continue
            if pod["spec"].get("schedulerName", "default-scheduler") != "default-scheduler":
                continue
            self.schedule_one(cluster, pod)

    def schedule_one(self, cluster: Cluster, pod: dict) -> None:
        key = (pod["metadata"].get("namespace", "default"), pod["metadata"]["name"])
        reason = _volume_reason(cluster, pod)
        if reason is None and pod["spec"].get("nodeSelector"):
            node = cluster.store.find("Node", NODE_NAME)
            labels = (node or {}).get("metadata", {}).get("labels") or {}
            if any(labels.get(k) != v for k, v in pod["spec"]["nodeSelector"].items()):
                reason = "1 node(s) didn't match Pod's node affinity/selector"
        if reason is not None:
            message = f"0/1 nodes are available: {reason}. {PREEMPTION}"
            if self.failed.get(key) != message:
                self.failed[key] = message
                self._unschedulable(cluster, pod, reason, message)
            return
        self.failed.pop(key, None)
        self.bind(cluster, pod)

    def _unschedulable(self, cluster: Cluster, pod: dict, reason: str, message: str) -> None:
        record(cluster.store, pod, "Warning", "FailedScheduling", message, "default-scheduler")
        new = copy.deepcopy(pod)
        status = new.setdefault("status", {})
        status["conditions"] = [c for c in status.get("conditions") or [] if c["type"] != "PodScheduled"] + [
            {
                "lastProbeTime": None,
                "lastTransitionTime": cluster.clock.timestamp(),
                "message": message,
                "reason": "Unschedulable",
                "status": "False",
                "type": "PodScheduled",
            }
        ]
        cluster.store.update_status(new)

    def bind(self, cluster: Cluster, pod: dict) -> None:
        # shallow copies: the store clones what it keeps
        new = {**pod, "spec": {**pod["spec"], "nodeName": NODE_NAME}, "status": dict(pod.get("status") or {})}
        status = new["status"]
        status["conditions"] = [c for c in status.get("conditions") or [] if c["type"] != "PodScheduled"] + [
            {
                "lastProbeTime": None,
                "lastTransitionTime": cluster.clock.timestamp(),
                "status": "True",
                "type": "PodScheduled",
            }
        ]
        stored = _bind(cluster, new)
        ns = pod["metadata"].get("namespace", "default")
        record(
            cluster.store,
            stored,
            "Normal",
            "Scheduled",
            f"Successfully assigned {ns}/{pod['metadata']['name']} to {NODE_NAME}",
            "default-scheduler",
        )


def _bind(cluster: Cluster, pod: dict) -> dict:
    """The pods/binding subresource: spec.nodeName and the condition in one write."""
    bind = getattr(cluster.store, "bind", None)
    if bind is not None:
        return bind(pod)
    stored = cluster.store.update(pod)
    if stored.get("status") != pod["status"]:
        fixed = copy.deepcopy(stored)
        fixed["status"] = pod["status"]
        stored = cluster.store.update_status(fixed)
    return stored
