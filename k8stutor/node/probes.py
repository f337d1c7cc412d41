"""The kubelet's prober: httpGet, tcpSocket and exec probes against a running container.

upstream: pkg/kubelet/prober/prober.go (runProbe), pkg/probe/http/http.go (success: 200 <= code < 400;
"HTTP probe failed with statuscode: %d"), pkg/probe/tcp/tcp.go ("dial tcp %s: connect: connection refused").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..controllers.endpoints import find_port
from ..network.http import ConnectionRefused, Request, Unreachable
from ..network.proxy import deliver_to_pod

if TYPE_CHECKING:
    from ..cluster import Cluster
    from .runtime import PodRuntime


def run(cluster: Cluster, pod: dict, rt: PodRuntime, spec: dict, probe: dict) -> tuple[bool, str]:
    if "httpGet" in probe:
        hg = probe["httpGet"]
        port = find_port(pod, hg.get("port"))
        if port is None:
            return False, f'strconv.Atoi: parsing "{hg.get("port")}": invalid syntax'
        req = Request(
            "GET",
            hg.get("scheme", "HTTP").lower(),
            rt.ip,
            port,
            hg.get("path", "/"),
            {"User-Agent": "kube-probe/1.32", "Accept": "*/*"},
            ip=rt.ip,
            source=rt.name,
        )
        try:
            resp = deliver_to_pod(cluster, req, rt.ip, port)
        except (ConnectionRefused, Unreachable):
            return (
                False,
                f'Get "http://{rt.ip}:{port}{hg.get("path", "/")}": dial tcp {rt.ip}:{port}: '
                "connect: connection refused",
            )
        if 200 <= resp.status < 400:
            return True, ""
        return False, f"HTTP probe failed with statuscode: {resp.status}"
    if "tcpSocket" in probe:
        port = find_port(pod, probe["tcpSocket"].get("port"))
        listening = any(c.state == "running" and port in c.listen for c in rt.containers.values())
        return (True, "") if listening else (False, f"dial tcp {rt.ip}:{port}: connect: connection refused")
    if "exec" in probe:
        from . import exec as node_exec

        result = node_exec.run(cluster, pod, spec["name"], list(probe["exec"].get("command") or []))
        return (result.returncode == 0), (result.stdout + result.stderr).strip()
    return True, ""
