"""kube-proxy (iptables mode) and the pod network: where a packet to (ip, port) ends up.

upstream: pkg/proxy/iptables/proxier.go: a Service's ClusterIP:port, each NodePort on the node IP
and each LoadBalancer ingress IP jump to KUBE-SVC-*, which picks one ready endpoint with
``-m statistic --mode random --probability 1/n`` (here: the cluster's seeded RNG), or REJECTs when
there is none (a client sees "Connection refused").  ``sessionAffinity: ClientIP`` keeps a client on
one endpoint (``-m recent``).  Pod IPs are reachable only from inside the cluster; the host reaches
the node (192.168.49.2, the docker network of minikube's docker driver) but not 10.96.0.0/12 or
10.244.0.0/16 unless ``minikube tunnel`` adds a route.
"""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING

from ..node import webapps
from ..node.runtime import NODE_IP, POD_CIDR, runtime
from .allocators import SERVICE_CIDR
from .http import ConnectionRefused, Request, Response, Unreachable

if TYPE_CHECKING:
    from ..cluster import Cluster


class _State:
    def __init__(self, _cluster: Cluster) -> None:
        self.affinity: dict[tuple[str, str, str], str] = {}  # (svc uid, port, client) -> endpoint ip


def in_cluster(source: str) -> bool:
    return source != "host"


def tunnel_routes(cluster: Cluster) -> bool:
    """``minikube tunnel`` adds a host route 10.96.0.0/12 -> 192.168.49.2 (pkg/minikube/tunnel/route.go)."""
    tunnel = cluster._ext.get("tunnel")
    return bool(tunnel is not None and getattr(tunnel, "running", False))


def _service_for(cluster: Cluster, ip: str, port: int, source: str) -> tuple[dict, dict] | None:
    for svc in cluster.store.list("Service", None):
        spec = svc.get("spec") or {}
        kind = spec.get("type", "ClusterIP")
        ingress = [
            i.get("ip") for i in ((svc.get("status") or {}).get("loadBalancer") or {}).get("ingress") or []
        ]
        for p in spec.get("ports") or []:
            if p.get("protocol", "TCP") != "TCP":
                continue
            if ip == NODE_IP and kind in ("NodePort", "LoadBalancer") and p.get("nodePort") == port:
                return svc, p
            if spec.get("clusterIP") == ip and p.get("port") == port and spec["clusterIP"] != "None":
                return svc, p
            if ip in ingress and p.get("port") == port and kind == "LoadBalancer":
                return svc, p
    return None


def ready_endpoints(cluster: Cluster, svc: dict, port: dict) -> list[tuple[str, int, str]]:
    """(ip, port, pod name) of each ready endpoint for the Service port (from its Endpoints)."""
    meta = svc["metadata"]
    ep = cluster.store.find("Endpoints", meta["name"], meta.get("namespace", "default"))
    out = []
    for subset in (ep or {}).get("subsets") or []:
        ports = subset.get("ports") or []
        match = [p for p in ports if p.get("name", "") == port.get("name", "")] or ports[:1]
        if not match:
            continue
        for a in subset.get("addresses") or []:
            out.append((a["ip"], int(match[0]["port"]), (a.get("targetRef") or {}).get("name", "")))
    return out


def route(cluster: Cluster, req: Request) -> Response:
    """Deliver ``req`` to ``req.ip:req.port`` as the network would, or raise ConnectionRefused/Unreachable."""
    ip, port = req.ip, req.port
    addr = ipaddress.ip_address(ip)
    if addr.is_loopback:
        raise ConnectionRefused(ip)  # the host's own loopback: nothing listens there
    from_inside = in_cluster(req.source)
    hit = None
    if ip == NODE_IP or from_inside or tunnel_routes(cluster):
        hit = _service_for(cluster, ip, port, req.source)
    if hit is not None:
        svc, sport = hit
        if addr in SERVICE_CIDR and not (from_inside or tunnel_routes(cluster)):
            raise Unreachable(ip)
        return _to_service(cluster, req, svc, sport)
    if ip == NODE_IP:
        raise ConnectionRefused(ip)
    if addr in SERVICE_CIDR:
        raise Unreachable(ip)  # no Service port there (or no route from the host): the SYN goes nowhere
    if addr in POD_CIDR:
        if not from_inside:
            raise Unreachable(ip)
        return deliver_to_pod(cluster, req, ip, port)
    raise Unreachable(ip)


def _to_service(cluster: Cluster, req: Request, svc: dict, sport: dict) -> Response:
    meta = svc["metadata"]
    name = f"{meta.get('namespace', 'default')}/{meta['name']}"
    eps = ready_endpoints(cluster, svc, sport)
    how = f"NodePort {sport.get('nodePort')}" if req.ip == NODE_IP else f"{req.ip}:{req.port}"
    if not eps:
        # upstream: proxier.go: a Service with no ready endpoints gets a REJECT rule
        raise ConnectionRefused(req.ip)
    state = cluster.part("kube-proxy", _State)
    key = (meta.get("uid", ""), str(sport.get("port")), req.source)
    chosen = None
    if (svc.get("spec") or {}).get("sessionAffinity") == "ClientIP":
        prev = state.affinity.get(key)
        chosen = next((e for e in eps if e[0] == prev), None)
    if chosen is None:
        chosen = eps[cluster.clock.random.randrange(len(eps))] if len(eps) > 1 else eps[0]
        state.affinity[key] = chosen[0]
    ep_ip, ep_port, pod_name = chosen
    resp = deliver_to_pod(cluster, req, ep_ip, ep_port)
    resp.hops.insert(
        0,
        f"kube-proxy: {how} -> service {name} -> endpoint {ep_ip}:{ep_port} "
        f"(pod {pod_name}, 1 of {len(eps)} ready)",
    )
    return resp


def deliver_to_pod(cluster: Cluster, req: Request, ip: str, port: int) -> Response:
    rt = runtime(cluster).pod_by_ip(ip)
    if rt is None:
        raise Unreachable(ip)
    for ct in rt.containers.values():
        if ct.state == "running" and port in ct.listen:
            resp = webapps.serve(cluster, ct, req)
            resp.hops.append(
                f"pod {rt.namespace}/{rt.name} ({ip}), container {ct.name} on port {port}: HTTP {resp.status}"
            )
            return resp
    raise ConnectionRefused(ip)


class NoEndpoints(Exception):
    """The Service does not exist or has no ready endpoint (ingress-nginx answers 503)."""


def service_backend(cluster: Cluster, namespace: str, service_name: str, port, request: Request) -> Response:
    """ingress-nginx's upstream: one ready endpoint of the Service, reached directly (not via the ClusterIP).

    upstream: kubernetes/ingress-nginx internal/ingress/controller/endpoints.go (getEndpointsFromSlices).
    ``port`` is the backend's Service port: a number (``port``) or a port name.
    """
    svc = cluster.store.find("Service", service_name, namespace)
    if svc is None:
        raise NoEndpoints(f"service {namespace}/{service_name} not found")
    sport = next(
        (
            p
            for p in (svc.get("spec") or {}).get("ports") or []
            if p.get("port") == port or (isinstance(port, str) and p.get("name") == port)
        ),
        None,
    )
    if sport is None:
        raise NoEndpoints(f"service {namespace}/{service_name} has no port {port}")
    eps = ready_endpoints(cluster, svc, sport)
    if not eps:
        raise NoEndpoints(f"service {namespace}/{service_name} has no ready endpoints")
    ep_ip, ep_port, pod_name = eps[cluster.clock.random.randrange(len(eps))] if len(eps) > 1 else eps[0]
    request.source = request.source if request.source != "host" else "ingress-nginx"
    resp = deliver_to_pod(cluster, request, ep_ip, ep_port)
    resp.hops.insert(
        0,
        f"ingress-nginx: service {namespace}/{service_name} port {port} -> endpoint "
        f"{ep_ip}:{ep_port} (pod {pod_name}, 1 of {len(eps)} ready)",
    )
    return resp
