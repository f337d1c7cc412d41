"""The container runtime's state on node ``minikube`` (cri-dockerd + the bridge CNI), per cluster.

What the kubelet knows about each pod it runs: the sandbox's IP, each container's state, its
filesystem and logs.  The API objects stay in the store; this is the node's private view, as the
real container runtime's is.  Pod IPs come from the bridge CNI's host-local IPAM over 10.244.0.0/16:
sequential from the last one handed out, skipping ones in use
(upstream: containernetworking/plugins plugins/ipam/host-local/backend/allocator/allocator.go).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .filesystem import ContainerFS
from .images import PRELOADED, Image

if TYPE_CHECKING:
    from ..cluster import Cluster

NODE_NAME = "minikube"
NODE_IP = "192.168.49.2"
POD_CIDR = ipaddress.ip_network("10.244.0.0/16")
CLUSTER_DNS = "10.96.0.10"
CLUSTER_DOMAIN = "cluster.local"


@dataclass
class Container:
    name: str
    image: Image | None = None
    state: str = "waiting"  # waiting | running | terminated
    reason: str = "ContainerCreating"
    message: str = ""
    started_at: float | None = None
    finished_at: float | None = None
    exit_code: int = 0
    restart_count: int = 0
    last_state: dict = field(default_factory=dict)
    container_id: str = ""
    ready: bool = False
    ever_started: bool = False
    fs: ContainerFS | None = None
    env: dict[str, str] = field(default_factory=dict)
    logs: list[str] = field(default_factory=list)
    previous_logs: list[str] | None = None  # the last terminated instance's (kubectl logs --previous)
    backoff: float = 0.0  # current back-off (image pull or crash loop), seconds
    init: bool = False  # an init container (spec.initContainers)
    spec_image: str = ""  # the spec's image the running instance was started from
    listen: tuple[int, ...] = ()  # ports the main process serves HTTP on
    argv: list[str] = field(default_factory=list)  # the main process's command line


@dataclass
class PodRuntime:
    uid: str
    namespace: str
    name: str
    ip: str
    started: float
    containers: dict[str, Container] = field(default_factory=dict)
    init_done: bool = True
    sandbox_ready: bool = False
    killing: bool = False
    conditions: dict[str, tuple[str, float]] = field(default_factory=dict)  # type -> (status, since)
    volumes: dict = field(default_factory=dict)  # name -> Backend
    phase_override: str | None = None


class Runtime:
    """``cluster.part("runtime", Runtime)``: pods by uid, images present, IPAM."""

    def __init__(self, _cluster: Cluster | None = None) -> None:
        self.pods: dict[str, PodRuntime] = {}
        self.by_ip: dict[str, str] = {}  # pod IP -> uid
        self.images: set[str] = set(PRELOADED)  # repo:tag present on the node (minikube's preload)
        self._last_ip = int(POD_CIDR.network_address) + 1  # .1 is the bridge's gateway (cni0)

    def allocate_ip(self) -> str:
        """upstream: host-local allocator.go Get (round-robin from the last reserved address)."""
        lo, hi = int(POD_CIDR.network_address) + 2, int(POD_CIDR.broadcast_address) - 1
        span = hi - lo + 1
        for i in range(1, span + 1):
            cand = lo + (self._last_ip - lo + i) % span
            ip = str(ipaddress.ip_address(cand))
            if ip not in self.by_ip:
                self._last_ip = cand
                return ip
        raise RuntimeError("no IP addresses available in range set: 10.244.0.1-10.244.255.254")

    def pod_by_ip(self, ip: str) -> PodRuntime | None:
        uid = self.by_ip.get(ip)
        return self.pods.get(uid) if uid else None

    def add(self, rt: PodRuntime) -> None:
        self.pods[rt.uid] = rt
        if rt.ip != NODE_IP:
            self.by_ip[rt.ip] = rt.uid

    def remove(self, uid: str) -> None:
        rt = self.pods.pop(uid, None)
        if rt and self.by_ip.get(rt.ip) == uid:
            del self.by_ip[rt.ip]


def runtime(cluster: Cluster) -> Runtime:
    return cluster.part("runtime", Runtime)


def container_logs(cluster: Cluster, pod: dict, container: str, previous: bool = False) -> str | None:
    """What ``kubectl logs [--previous]`` shows for a container (None: no such container instance)."""
    rt = runtime(cluster).pods.get(pod["metadata"].get("uid", ""))
    if rt is None or container not in rt.containers:
        return None
    ct = rt.containers[container]
    if previous:
        return None if ct.previous_logs is None else "".join(ct.previous_logs)
    return "".join(ct.logs)
