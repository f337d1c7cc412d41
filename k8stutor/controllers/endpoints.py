"""The endpoints controller: an Endpoints object per Service with a selector.

upstream: pkg/controller/endpoint/endpoints_controller.go (syncService), pkg/api/v1/endpoints/util.go
(RepackSubsets: addresses sorted by IP), pkg/controller/util/endpoint/controller_utils.go
(ShouldPodBeInEndpoints, podToEndpointAddressForService), pkg/api/v1/pod/util.go (FindPort).
Ready pods go to ``addresses``, the others to ``notReadyAddresses``; terminating and finished pods
are left out.  Work is driven by watch events, so one changed pod costs one Service's resync.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import register

if TYPE_CHECKING:
    from ..cluster import Cluster

TRIGGER = "endpoints.kubernetes.io/last-change-trigger-time"


def selects(selector: dict, labels: dict) -> bool:
    return bool(selector) and all(labels.get(k) == v for k, v in selector.items())


def pod_ready(pod: dict) -> bool:
    for c in (pod.get("status") or {}).get("conditions") or []:
        if c.get("type") == "Ready":
            return c.get("status") == "True"
    return False


def find_port(pod: dict, target) -> int | None:
    """upstream: pkg/api/v1/pod/util.go FindPort (a number, or a named container port)."""
    if isinstance(target, int):
        return target
    if isinstance(target, str) and target.isdigit():
        return int(target)
    for c in pod["spec"].get("containers") or []:
        for p in c.get("ports") or []:
            if p.get("name") == target:
                return int(p["containerPort"])
    return None


def endpoint_subsets(svc: dict, pods: list[dict]) -> list[dict]:
    spec = svc.get("spec") or {}
    publish = bool(spec.get("publishNotReadyAddresses"))
    groups: dict[tuple, dict[str, list[dict]]] = {}
    for pod in pods:
        meta, status = pod["metadata"], pod.get("status") or {}
        if not status.get("podIP") or status.get("phase") in ("Succeeded", "Failed"):
            continue
        if meta.get("deletionTimestamp") and not publish:
            continue
        addr = {
            "ip": status["podIP"],
            "nodeName": pod["spec"].get("nodeName"),
            "targetRef": {
                "kind": "Pod",
                "name": meta["name"],
                "namespace": meta.get("namespace", "default"),
                "uid": meta["uid"],
            },
        }
        ps = pod["spec"]
        if ps.get("hostname") and ps.get("subdomain") == svc["metadata"]["name"]:
            addr["hostname"] = ps["hostname"]
        if not addr["nodeName"]:
            del addr["nodeName"]
        ports = []
        for sp in spec.get("ports") or []:
            num = find_port(pod, sp.get("targetPort", sp.get("port")))
            if num is None:
                continue
            ep_port = {"port": num, "protocol": sp.get("protocol", "TCP")}
            if sp.get("name"):
                ep_port["name"] = sp["name"]
            ports.append(ep_port)
        if not ports and spec.get("ports"):
            continue
        key = tuple(sorted((p.get("name", ""), p["port"], p["protocol"]) for p in ports))
        bucket = groups.setdefault(key, {"addresses": [], "notReadyAddresses": [], "ports": ports})
        ready = publish or pod_ready(pod)
        bucket["addresses" if ready else "notReadyAddresses"].append(addr)
    subsets = []
    for _key, b in sorted(groups.items()):
        sub: dict = {}
        for field in ("addresses", "notReadyAddresses"):
            if b[field]:
                sub[field] = sorted(b[field], key=lambda a: (a["ip"], a["targetRef"]["uid"]))
        sub["ports"] = sorted(b["ports"], key=lambda p: (p.get("name", ""), p["port"]))
        if not sub["ports"]:
            del sub["ports"]
        subsets.append(sub)
    return subsets


@register
class EndpointsController:
    name = "endpoints"
    order = 50

    def __init__(self, cluster: Cluster) -> None:
        self.dirty: set[tuple[str, str]] = set()
        self.members: dict[tuple[str, str], set[str]] = {}  # (ns, pod) -> services it was matched to
        self._selectors: dict[str, list[tuple[str, dict]]] = {}  # ns -> its Services' selectors (a cache)
        self.cluster = cluster
        cluster.store.watch(self._on_change, kinds=("Service", "Pod"))

    def _on_change(self, event: str, obj: dict) -> None:
        kind = obj.get("kind")
        meta = obj.get("metadata") or {}
        ns = meta.get("namespace", "default")
        if kind == "Service":
            self.dirty.add((ns, meta["name"]))
            self._selectors.pop(ns, None)
        elif kind == "Pod":
            key = (ns, meta["name"])
            old = self.members.get(key, set())
            new = set()
            if event != "DELETED":
                labels = meta.get("labels") or {}
                for name, selector in self._service_selectors(ns):
                    if selects(selector, labels):
                        new.add(name)
                self.members[key] = new
            else:
                self.members.pop(key, None)
            for name in old | new:
                self.dirty.add((ns, name))

    def _service_selectors(self, ns: str) -> list[tuple[str, dict]]:
        """(name, spec.selector) of the namespace's Services, kept until one of them changes."""
        found = self._selectors.get(ns)
        if found is None:
            found = self._selectors[ns] = [
                (svc["metadata"]["name"], (svc.get("spec") or {}).get("selector") or {})
                for svc in self.cluster.store.list("Service", ns)
            ]
        return found

    def sync(self, cluster: Cluster) -> None:
        keys = sorted(self.dirty)
        self.dirty.clear()
        for ns, name in keys:
            self.sync_service(cluster, ns, name)

    def sync_service(self, cluster: Cluster, ns: str, name: str) -> None:
        store = cluster.store
        svc = store.find("Service", name, ns)
        current = store.find("Endpoints", name, ns)
        if svc is None:
            if current is not None:  # the Service is gone: so are its Endpoints
                store.delete("Endpoints", name, ns)
            return
        selector = (svc.get("spec") or {}).get("selector")
        if not selector:
            return  # a Service without a selector: its Endpoints are the user's to write
        pods = store.list("Pod", ns, selector=lambda labels: selects(selector, labels))
        subsets = endpoint_subsets(svc, pods)
        labels = dict(svc["metadata"].get("labels") or {})
        if svc["spec"].get("clusterIP") == "None":
            labels["service.kubernetes.io/headless"] = ""
        if current is None:
            obj = {
                "apiVersion": "v1",
                "kind": "Endpoints",
                "metadata": {
                    "name": name,
                    "namespace": ns,
                    "labels": labels or None,
                    "annotations": {TRIGGER: cluster.clock.timestamp()},
                },
            }
            if not labels:
                del obj["metadata"]["labels"]
            if subsets:
                obj["subsets"] = subsets
            store.create(obj)
            return
        if (current.get("subsets") or []) == subsets and (current["metadata"].get("labels") or {}) == labels:
            return
        new = {**current, "metadata": {**current["metadata"]}}  # shallow: the store clones what it keeps
        new["metadata"]["annotations"] = dict(current["metadata"].get("annotations") or {})
        new["metadata"]["labels"] = labels
        if not labels:
            new["metadata"].pop("labels", None)
        new["metadata"].setdefault("annotations", {})[TRIGGER] = cluster.clock.timestamp()
        if subsets:
            new["subsets"] = subsets
        else:
            new.pop("subsets", None)
        store.update(new)
