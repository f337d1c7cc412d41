"""CoreDNS with the kubernetes plugin: the cluster's DNS at 10.96.0.10.

upstream: github.com/coredns/coredns plugin/kubernetes (kubernetes.go Records, xfr, reverse.go),
kubernetes.io/docs/concepts/services-networking/dns-pod-service/:
- ``<svc>.<ns>.svc.cluster.local``: A = the ClusterIP; headless: the ready endpoints' IPs;
  ExternalName: a CNAME to ``spec.externalName``.
- ``<hostname>.<svc>.<ns>.svc.cluster.local``: a headless Service's endpoint that has a hostname
  (a pod with ``hostname`` + ``subdomain`` = the Service's name, e.g. StatefulSet pods).
- ``_<port>._<proto>.<svc>.<ns>.svc.cluster.local``: SRV for named ports.
- ``a-b-c-d.<ns>.pod.cluster.local``: pod A records.
Names with fewer than 5 dots go through the pod's search path (resolv.conf ``ndots:5``).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..node.runtime import CLUSTER_DNS, CLUSTER_DOMAIN

if TYPE_CHECKING:
    from ..cluster import Cluster

SUFFIX = "svc." + CLUSTER_DOMAIN


@dataclass
class Answer:
    name: str  # the fully qualified name that answered
    ips: list[str] = field(default_factory=list)
    cname: str | None = None  # ExternalName target


def search_path(namespace: str) -> list[str]:
    return [f"{namespace}.{SUFFIX}", SUFFIX, CLUSTER_DOMAIN]


def _endpoints_ips(cluster: Cluster, svc: dict) -> list[tuple[str, str | None]]:
    ep = cluster.store.find("Endpoints", svc["metadata"]["name"], svc["metadata"].get("namespace", "default"))
    out = []
    publish = (svc.get("spec") or {}).get("publishNotReadyAddresses")
    for subset in (ep or {}).get("subsets") or []:
        addrs = list(subset.get("addresses") or [])
        if publish:
            addrs += subset.get("notReadyAddresses") or []
        for a in addrs:
            out.append((a["ip"], a.get("hostname")))
    seen, uniq = set(), []
    for ip, host in out:
        if ip not in seen:
            seen.add(ip)
            uniq.append((ip, host))
    return uniq


def lookup_fqdn(cluster: Cluster, fqdn: str) -> Answer | None:
    """The records of one fully qualified name, or None (NXDOMAIN)."""
    name = fqdn.rstrip(".").lower()
    if name.endswith("." + SUFFIX):
        parts = name[: -len(SUFFIX) - 1].split(".")
        if len(parts) == 2:
            svc = cluster.store.find("Service", parts[0], parts[1])
            if svc is None:
                return None
            spec = svc.get("spec") or {}
            if spec.get("type") == "ExternalName":
                return Answer(name, cname=spec.get("externalName", "").rstrip("."))
            if spec.get("clusterIP") == "None":
                ips = [ip for ip, _h in _endpoints_ips(cluster, svc)]
                return Answer(name, ips) if ips else None
            return Answer(name, [spec["clusterIP"]])
        if len(parts) == 3:
            svc = cluster.store.find("Service", parts[1], parts[2])
            if svc is None or (svc.get("spec") or {}).get("clusterIP") != "None":
                return None
            for ip, host in _endpoints_ips(cluster, svc):
                if host == parts[0] or ip.replace(".", "-") == parts[0]:
                    return Answer(name, [ip])
        return None
    pod_suffix = "." + "pod." + CLUSTER_DOMAIN
    if name.endswith(pod_suffix):
        parts = name[: -len(pod_suffix)].split(".")
        if len(parts) == 2:
            ip = parts[0].replace("-", ".")
            try:
                ipaddress.ip_address(ip)
            except ValueError:
                return None
            return Answer(name, [ip])
    return None


def resolve(cluster: Cluster, name: str, namespace: str = "default") -> Answer | None:
    """A name as a pod in ``namespace`` resolves it (search path, ndots:5), CNAMEs followed."""
    name = name.rstrip(".") if name.endswith(".") else name
    candidates = (
        [name]
        if name.count(".") >= 5 or name.endswith(".")
        else ([f"{name}.{d}" for d in search_path(namespace)] + [name])
    )
    for cand in candidates:
        ans = lookup_fqdn(cluster, cand)
        if ans is None:
            continue
        if ans.cname:
            target = lookup_fqdn(cluster, ans.cname)
            return Answer(ans.name, target.ips if target else [], ans.cname)
        return ans
    try:
        ipaddress.ip_address(name)
        return Answer(name, [name])
    except ValueError:
        return None


def reverse(cluster: Cluster, ip: str) -> str | None:
    """PTR: a Service's ClusterIP, or a headless Service's endpoint (upstream: reverse.go)."""
    if ip == CLUSTER_DNS:
        return "kube-dns.kube-system.svc.cluster.local"
    for svc in cluster.store.list("Service", None):
        spec = svc.get("spec") or {}
        meta = svc["metadata"]
        if spec.get("clusterIP") == ip:
            return f"{meta['name']}.{meta.get('namespace', 'default')}.{SUFFIX}"
        if spec.get("clusterIP") == "None":
            for eip, host in _endpoints_ips(cluster, svc):
                if eip == ip:
                    label = host or ip.replace(".", "-")
                    return f"{label}.{meta['name']}.{meta.get('namespace', 'default')}.{SUFFIX}"
    return None


def srv(cluster: Cluster, name: str, namespace: str = "default") -> list[tuple[int, str]]:
    """SRV ``_port._proto.svc...``: (port, target) per endpoint (headless: per pod hostname)."""
    labels = name.rstrip(".").split(".")
    if len(labels) < 3 or not labels[0].startswith("_") or not labels[1].startswith("_"):
        return []
    port_name, proto = labels[0][1:], labels[1][1:].upper()
    rest = ".".join(labels[2:])
    for cand in [rest] if rest.endswith(SUFFIX) else [f"{rest}.{d}" for d in search_path(namespace)]:
        parts = cand[: -len(SUFFIX) - 1].split(".")
        if len(parts) != 2:
            continue
        svc = cluster.store.find("Service", parts[0], parts[1])
        if svc is None:
            continue
        for p in (svc.get("spec") or {}).get("ports") or []:
            if p.get("name") == port_name and p.get("protocol", "TCP") == proto:
                if svc["spec"].get("clusterIP") == "None":
                    return [
                        (int(p["port"]), f"{h or ip.replace('.', '-')}.{cand}")
                        for ip, h in _endpoints_ips(cluster, svc)
                    ]
                return [(int(p["port"]), cand)]
    return []
