"""Service strategy: defaulting, ClusterIP and NodePort allocation, release on delete.

upstream: pkg/apis/core/v1/defaults.go (SetDefaults_Service),
pkg/registry/core/service/storage/alloc.go (allocServiceClusterIPs, allocServiceNodePorts,
initIPFamilyFields), pkg/registry/core/service/storage/storage.go (patchAllocatedValues),
pkg/registry/core/service/strategy.go (status reset).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...network import allocators
from .. import errors
from . import Strategy, register

if TYPE_CHECKING:
    from ..store import Store


def _set_defaults(svc: dict) -> None:
    spec = svc.setdefault("spec", {})
    spec.setdefault("type", "ClusterIP")
    spec.setdefault("sessionAffinity", "None")
    if spec["sessionAffinity"] == "ClientIP":
        cfg = spec.setdefault("sessionAffinityConfig", {}).setdefault("clientIP", {})
        cfg.setdefault("timeoutSeconds", 10800)
    for port in spec.get("ports") or []:
        port.setdefault("protocol", "TCP")
        if port.get("targetPort") in (None, 0, ""):
            if "port" in port:
                port["targetPort"] = port["port"]
    kind = spec["type"]
    if kind in ("NodePort", "LoadBalancer"):
        spec.setdefault("externalTrafficPolicy", "Cluster")
    if kind != "ExternalName":
        spec.setdefault("internalTrafficPolicy", "Cluster")
    if kind == "LoadBalancer":
        spec.setdefault("allocateLoadBalancerNodePorts", True)


def _needs_cluster_ip(spec: dict) -> bool:
    return spec.get("type") != "ExternalName" and spec.get("clusterIP") != "None"


def _needs_node_ports(spec: dict) -> bool:
    if spec.get("type") == "NodePort":
        return True
    return spec.get("type") == "LoadBalancer" and spec.get("allocateLoadBalancerNodePorts", True)


def _invalid(svc: dict, path: str, value: str, detail: str) -> errors.Invalid:
    return errors.Invalid.of(
        "Service", svc["metadata"].get("name", ""), [f"{path}: Invalid value: {value}: {detail}"]
    )


def _alloc_cluster_ip(store: Store, svc: dict) -> None:
    spec = svc["spec"]
    if spec.get("type") == "ExternalName":
        return
    ip = spec.get("clusterIP") or ((spec.get("clusterIPs") or [None])[0])
    # upstream: alloc.go initIPFamilyFields: one IPv4 family on a single-stack cluster.
    spec.setdefault("ipFamilyPolicy", "SingleStack")
    spec.setdefault("ipFamilies", ["IPv4"])
    if ip == "None":
        spec["clusterIP"], spec["clusterIPs"] = "None", ["None"]
        return
    try:
        got = allocators.allocate_ip(store, ip)
    except allocators.AllocationError as exc:
        shown = f'[]string{{"{ip}"}}'
        raise _invalid(svc, "spec.clusterIPs", shown, f"failed to allocate IP {ip}: {exc}") from None
    spec["clusterIP"], spec["clusterIPs"] = got, [got]


def _alloc_node_ports(store: Store, svc: dict, skip_uid: str | None = None) -> None:
    spec = svc["spec"]
    if not _needs_node_ports(spec):
        return  # a nodePort here is the validator's to refuse ("may not be used when `type` is 'ClusterIP'")
    used = allocators.used_node_ports(store, skip_uid)
    ports = spec.get("ports") or []
    # A second port of the same Service with the same nodePort is "already allocated" on create, even
    # for another protocol (kubernetes/kubernetes#135439, seen on v1.32.2).
    for i, port in enumerate(ports):  # explicit ports first, as alloc.go's initNodePorts
        if port.get("nodePort"):
            try:
                allocators.check_node_port(int(port["nodePort"]), used)
            except allocators.AllocationError as exc:
                raise _invalid(svc, f"spec.ports[{i}].nodePort", str(port["nodePort"]), str(exc)) from None
            used.add(int(port["nodePort"]))
    for port in ports:
        if not port.get("nodePort"):
            try:
                port["nodePort"] = allocators.next_node_port(store, used)
            except allocators.AllocationError as exc:
                raise errors.ApiError(f"failed to allocate a nodePort: {exc}") from None
            used.add(port["nodePort"])


def prepare_for_create(store: Store, svc: dict) -> None:
    _set_defaults(svc)
    svc["status"] = {"loadBalancer": {}}
    _alloc_cluster_ip(store, svc)
    _alloc_node_ports(store, svc)


def _drop_type_dependent_fields(ospec: dict, spec: dict) -> None:
    """upstream: pkg/registry/core/service/strategy.go dropTypeDependentFields: fields the old type needed
    and the new one does not are cleared when the client left them as the server set them."""
    same_ip = spec.get("clusterIP") == ospec.get("clusterIP")
    if _needs_cluster_ip(ospec) and not _needs_cluster_ip(spec) and same_ip:
        for f in ("clusterIP", "clusterIPs"):
            spec.pop(f, None)
        if spec.get("type") == "ExternalName":
            for f in ("ipFamilies", "ipFamilyPolicy"):
                spec.pop(f, None)
    if _needs_node_ports(ospec) and not _needs_node_ports(spec):
        old_ports = {(p.get("port"), p.get("nodePort")) for p in ospec.get("ports") or []}
        for port in spec.get("ports") or []:
            if (port.get("port"), port.get("nodePort")) in old_ports:
                port.pop("nodePort", None)
    if spec.get("type") not in ("NodePort", "LoadBalancer"):
        if spec.get("externalTrafficPolicy") == ospec.get("externalTrafficPolicy"):
            spec.pop("externalTrafficPolicy", None)
    if spec.get("type") != "LoadBalancer":
        for f in ("allocateLoadBalancerNodePorts", "loadBalancerClass"):
            if spec.get(f) == ospec.get(f):
                spec.pop(f, None)
    if spec.get("type") == "ExternalName":
        spec.pop("internalTrafficPolicy", None)


def prepare_for_update(store: Store, old: dict, new: dict) -> None:
    spec, ospec = new.setdefault("spec", {}), old.get("spec") or {}
    spec.setdefault("type", "ClusterIP")
    _drop_type_dependent_fields(ospec, spec)
    _set_defaults(new)
    if ospec.get("type") == "LoadBalancer" and spec.get("type") != "LoadBalancer":
        new["status"] = {"loadBalancer": {}}
    # upstream: storage.go patchAllocatedValues: a client that omits allocated values keeps them.
    if _needs_cluster_ip(spec) and _needs_cluster_ip(ospec) and not spec.get("clusterIP"):
        spec["clusterIP"] = ospec.get("clusterIP")
        spec["clusterIPs"] = ospec.get("clusterIPs")
    if _needs_node_ports(spec) and _needs_node_ports(ospec):
        old_ports = {
            (p.get("port"), p.get("protocol", "TCP")): p.get("nodePort") for p in ospec.get("ports") or []
        }
        for port in spec.get("ports") or []:
            if not port.get("nodePort"):
                prev = old_ports.get((port.get("port"), port.get("protocol", "TCP")))
                if prev:
                    port["nodePort"] = prev
    if _needs_cluster_ip(spec):
        if spec.get("clusterIP") and ospec.get("clusterIP") and spec["clusterIP"] != ospec["clusterIP"]:
            if _needs_cluster_ip(ospec):
                raise _invalid(new, "spec.clusterIPs[0]", f'"{spec["clusterIP"]}"', "may not change once set")
        if spec.get("clusterIP") != ospec.get("clusterIP") or not spec.get("clusterIP"):
            spec.pop("clusterIPs", None)
            _alloc_cluster_ip(_Without(store, old), new)
    _alloc_node_ports(store, new, skip_uid=old["metadata"].get("uid"))


class _Without:
    """A view of the store that hides one Service (its own IP is not "already allocated")."""

    def __init__(self, store: Store, svc: dict) -> None:
        self._store, self._uid = store, svc["metadata"].get("uid")
        self.clock = store.clock

    def list(self, kind: str, namespace=None, selector=None):
        return [
            s for s in self._store.list(kind, namespace, selector) if s["metadata"].get("uid") != self._uid
        ]


register(Strategy("Service", prepare_for_create, prepare_for_update))
