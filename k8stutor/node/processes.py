"""What a container's main process is: a server that runs until stopped, or a command that exits.

The image gives the entrypoint (Docker's ENTRYPOINT/CMD); ``command``/``args`` replace them as
Kubernetes documents (kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container).
A shell command line that ends in a long wait (``sleep 3600``, ``tail -f``, ``while true``) keeps
running; any other command runs once through node/exec.py, and its output becomes the log.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import webapps
from .images import Image
from .runtime import CLUSTER_DNS, Container, PodRuntime

if TYPE_CHECKING:
    from ..cluster import Cluster
    from ..terminal.result import Result

_ENTRYPOINTS = {
    "nginx": (["/docker-entrypoint.sh"], ["nginx", "-g", "daemon off;"]),
    "busybox": ([], ["sh"]),
    "http-echo": (["/http-echo"], []),
    "demo-shiba": (["docker-entrypoint.sh"], ["npm", "start"]),
    "demo-logo": (["docker-entrypoint.sh"], ["npm", "start"]),
}
_WAITS = re.compile(
    r"\bsleep\s+(infinity|\d{3,}|[1-9]\d*[hmd])|\btail\s+-f\b|\bwhile\s+(true|:)\b|\bsleep\s+\d+\s*;?\s*done"
)


_UNTIL = re.compile(
    r"^\s*until\s+(?P<cond>.+?);\s*do\s+(?P<body>.*?);?\s*sleep\s+(?P<n>\d+(?:\.\d+)?)\s*;\s*done\s*;?\s*$",
    re.S,
)


_LEADING = re.compile(r"^(.*?)(?:&&|;)\s*(?:sleep\s+\S+|tail\s+-f\b.*|while\s+(?:true|:)\b.*)\s*$", re.S)


@dataclass
class Until:
    """``until COND; do BODY; sleep N; done``: run COND every N seconds until it succeeds."""

    condition: str
    body: str
    period: float


def argv_for(spec: dict, image: Image) -> list[str]:
    entry, cmd = _ENTRYPOINTS.get(image.app.name, ([], []))
    command = spec.get("command")
    args = spec.get("args")
    if command is not None:
        return list(command) + list(args or [])
    return list(entry) + (list(args) if args is not None else list(cmd))


def main_process(
    cluster: Cluster, pod: dict, spec: dict, ct: Container, image: Image
) -> Result | Until | None:
    """None while the process keeps running (and sets ``ct.listen``); else the finished run."""
    argv = argv_for(spec, image)
    ct.argv = argv
    ct.listen = ()
    default = spec.get("command") is None and spec.get("args") is None
    if image.app.name in ("certgen", "system"):
        from ..terminal.result import Result

        return Result(returncode=0) if image.app.name == "certgen" else None
    if image.app.kind == "server" and (default or _is_server(argv, image)):
        ct.listen = webapps.ports(image, argv)
        if image.app.name == "http-echo" and not webapps.echo_text(argv):
            from ..terminal.result import Result

            return Result(stdout="[ERR] Missing -text option!\n", returncode=127)
        return None
    if len(argv) == 3 and argv[0] in ("sh", "/bin/sh", "bash") and argv[1] == "-c":
        m = _UNTIL.match(argv[2])
        if m:
            return Until(m.group("cond").strip(), m.group("body").strip().rstrip(";"), float(m.group("n")))
    line = " ".join(argv)
    if len(argv) == 3 and argv[1] == "-c" and _WAITS.search(argv[2]):
        prefix = _LEADING.match(argv[2])
        if prefix and prefix.group(1).strip():
            from . import exec as node_exec

            done = node_exec.run_in(cluster, pod, ct, [argv[0], "-c", prefix.group(1)])
            ct.logs.append(done.stdout + done.stderr)  # what the script printed before it began to wait
        return None
    if _WAITS.search(line) or argv[:1] in (["nginx"], ["/docker-entrypoint.sh"]):
        if "nginx" in argv[:2] or argv[:1] == ["/docker-entrypoint.sh"]:
            ct.listen = webapps.ports(image, argv)
        return None
    if not argv or argv in (["sh"], ["/bin/sh"], ["bash"], ["/bin/bash"]):
        from ..terminal.result import Result

        return Result(returncode=0)  # a shell with no terminal reads EOF and exits 0
    from . import exec as node_exec

    return node_exec.run_in(cluster, pod, ct, argv)


def _is_server(argv: list[str], image: Image) -> bool:
    name = image.app.name
    if name == "http-echo":
        return bool(argv) and argv[0].endswith("http-echo")
    if name == "ingress-nginx":
        return bool(argv) and argv[0].endswith("nginx-ingress-controller")
    if name == "nginx":
        return bool(argv) and ("nginx" in argv[0] or argv[0] == "/docker-entrypoint.sh")
    return bool(argv) and argv[0] in ("npm", "node", "docker-entrypoint.sh")


def etc_hosts(pod: dict, rt: PodRuntime) -> bytes:
    """upstream: pkg/kubelet/kubelet_pods.go managedHostsFileContent."""
    spec = pod["spec"]
    lines = [
        "# Kubernetes-managed hosts file.",
        "127.0.0.1\tlocalhost",
        "::1\tlocalhost ip6-localhost ip6-loopback",
        "fe00::0\tip6-localnet",
        "fe00::0\tip6-mcastprefix",
        "fe00::1\tip6-allnodes",
        "fe00::2\tip6-allrouters",
    ]
    hostname = spec.get("hostname") or pod["metadata"]["name"]
    if spec.get("subdomain"):
        ns = pod["metadata"].get("namespace", "default")
        lines.append(f"{rt.ip}\t{hostname}.{spec['subdomain']}.{ns}.svc.cluster.local\t{hostname}")
    else:
        lines.append(f"{rt.ip}\t{hostname}")
    for alias in spec.get("hostAliases") or []:
        lines.append("# Entries added by HostAliases.")
        lines.append(f"{alias.get('ip')}\t" + "\t".join(alias.get("hostnames") or []))
    return ("\n".join(lines) + "\n").encode()


def resolv_conf(pod: dict) -> bytes:
    """upstream: pkg/kubelet/network/dns/dns.go (ClusterFirst: search <ns>.svc, svc, cluster.local)."""
    ns = pod["metadata"].get("namespace", "default")
    return (
        f"nameserver {CLUSTER_DNS}\nsearch {ns}.svc.cluster.local svc.cluster.local cluster.local\n"
        "options ndots:5\n"
    ).encode()


def hostname(pod: dict) -> str:
    return (pod["spec"].get("hostname") or pod["metadata"]["name"])[:63]


def image_files(image: Image, pod: dict, rt: PodRuntime) -> dict[str, bytes]:
    files = dict(webapps.files_of(image))
    files["/etc/hosts"] = etc_hosts(pod, rt)
    files["/etc/hostname"] = (hostname(pod) + "\n").encode()
    files["/etc/resolv.conf"] = resolv_conf(pod)
    return files
