"""The ``minikube`` CLI (v1.35.0, docker driver on a Linux host) for the simulated cluster.

upstream: kubernetes/minikube cmd/minikube/cmd/{ip,service,service_list,tunnel,dashboard,status,version}.go,
pkg/minikube/service/service.go (URLs: http://<node IP>:<nodePort>), pkg/minikube/tunnel (the route
tunnel on Linux: route 10.96.0.0/12 -> 192.168.49.2, LoadBalancer ingress = the ClusterIP
(loadbalancer_patcher.go), status report every 5 s (reporter.go)).  On macOS/Windows the docker driver
uses an ssh tunnel instead (pkg/minikube/tunnel/kic): its output and 127.0.0.1 addresses are not
what this Linux host prints.
"""

from __future__ import annotations

import copy
import importlib
from typing import TYPE_CHECKING

from .node.runtime import NODE_IP
from .terminal.result import Result
from .version import MINIKUBE_VERSION

if TYPE_CHECKING:
    from .cluster import Cluster

COMMIT = "dd5d320e41b5451cdf3c01891bc4e13d189586ed-dirty"
TUNNEL_PID = 139214
CHECK_EVERY = 5.0  # tunnel_manager.go: Manager.delay


def run(cluster: Cluster, argv: list[str], stdin: str = "") -> Result:
    if not argv:
        return Result(
            "minikube provisions and manages local Kubernetes clusters optimized for development workflows.\n"
        )
    cmd, rest = argv[0], argv[1:]
    table = {
        "ip": _ip,
        "service": _service,
        "tunnel": _tunnel,
        "dashboard": _dashboard,
        "status": _status,
        "version": _version,
        "addons": _addons,
        "ssh": _ssh,
    }
    fn = table.get(cmd)
    if fn is None:
        if cmd in (
            "start",
            "stop",
            "delete",
            "kubectl",
            "logs",
            "mount",
            "docker-env",
            "image",
            "config",
            "profile",
            "node",
            "pause",
            "unpause",
            "update-context",
            "cp",
        ):
            return Result(
                "",
                f'k8stutor: "minikube {cmd}" is a real minikube command that this simulator does '
                "not cover.\n",
                1,
            )
        return Result(
            "", f'Error: unknown command "{cmd}" for "minikube"\nRun \'minikube --help\' for usage.\n', 1
        )
    return fn(cluster, rest)


def _ip(cluster: Cluster, _argv: list[str]) -> Result:
    return Result(NODE_IP + "\n")


def _version(cluster: Cluster, argv: list[str]) -> Result:
    if "--short" in argv:
        return Result(MINIKUBE_VERSION + "\n")
    return Result(f"minikube version: {MINIKUBE_VERSION}\ncommit: {COMMIT}\n")


def _status(cluster: Cluster, _argv: list[str]) -> Result:
    return Result(
        "minikube\ntype: Control Plane\nhost: Running\nkubelet: Running\napiserver: Running\n"
        "kubeconfig: Configured\n\n"
    )


def _dashboard(cluster: Cluster, argv: list[str]) -> Result:
    url = "http://127.0.0.1:36667/api/v1/namespaces/kubernetes-dashboard/services/http:kubernetes-dashboard:/proxy/"
    if "--url" in argv:
        return Result(
            url + "\n",
            "🤔  Verifying dashboard health ...\n🚀  Launching proxy ...\n🤔  Verifying proxy health ...\n",
        )
    return Result(
        "🔌  Enabling dashboard ...\n"
        "    ▪ Using image docker.io/kubernetesui/dashboard:v2.7.0\n"
        "    ▪ Using image docker.io/kubernetesui/metrics-scraper:v1.0.8\n"
        "💡  Some dashboard features require the metrics-server addon. To enable all features please run:\n"
        "\n\tminikube addons enable metrics-server\n\n"
        "🤔  Verifying dashboard health ...\n🚀  Launching proxy ...\n🤔  Verifying proxy health ...\n"
        f"🎉  Opening {url} in your default browser...\n"
        "k8stutor: the simulator has no web dashboard; `kubectl get` and `kubectl describe` show the same "
        "objects.\n"
    )


def _addons(cluster: Cluster, argv: list[str]) -> Result:
    try:
        mod = importlib.import_module("k8stutor.addons")
    except ModuleNotFoundError:
        return Result("", "k8stutor: minikube addons are not simulated yet.\n", 1)
    return mod.run(cluster, argv)


# -- service -----------------------------------------------------------------------
def _ns_flag(argv: list[str]) -> tuple[str, list[str], bool, bool]:
    ns, rest, url, all_ns = "default", [], False, False
    i = 0
    while i < len(argv):
        a = argv[i]
        if a in ("-n", "--namespace") and i + 1 < len(argv):
            ns = argv[i + 1]
            i += 2
            continue
        if a.startswith("--namespace="):
            ns = a.split("=", 1)[1]
        elif a == "--url":
            url = True
        elif a in ("-A", "--all-namespaces"):
            all_ns = True
        else:
            rest.append(a)
        i += 1
    return ns, rest, url, all_ns


def _urls(svc: dict) -> list[str]:
    spec = svc.get("spec") or {}
    if spec.get("type") not in ("NodePort", "LoadBalancer"):
        return []
    return [f"http://{NODE_IP}:{p['nodePort']}" for p in spec.get("ports") or [] if p.get("nodePort")]


def _target_ports(svc: dict) -> list[str]:
    out = []
    for p in (svc.get("spec") or {}).get("ports") or []:
        tp = str(p.get("targetPort", p.get("port")))
        out.append(f"{p['name']}/{tp}" if p.get("name") else tp)
    return out


def table(headers: list[str], rows: list[list[str]]) -> str:
    """olekukonko/tablewriter as minikube configures it: centred headers, numbers right-aligned."""
    lines_rows = [[cell.split("\n") for cell in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in lines_rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], *(len(x) for x in cell))
    sep = "|" + "|".join("-" * (w + 2) for w in widths) + "|\n"

    def center(text: str, w: int) -> str:
        gap = w - len(text)
        left = gap // 2
        return " " * left + text + " " * (gap - left)

    out = (
        sep + "|" + "|".join(f" {center(h, w)} " for h, w in zip(headers, widths, strict=True)) + "|\n" + sep
    )
    for row in lines_rows:
        height = max(len(c) for c in row)
        for k in range(height):
            cells = []
            for cell, w in zip(row, widths, strict=True):
                text = cell[k] if k < len(cell) else ""
                cells.append(f" {text.rjust(w) if text.isdigit() else text.ljust(w)} ")
            out += "|" + "|".join(cells) + "|\n"
    return out + sep


def _service(cluster: Cluster, argv: list[str]) -> Result:
    ns, rest, want_url, all_ns = _ns_flag(argv)
    if rest[:1] == ["list"]:
        rows = []
        for svc in cluster.store.list("Service", None if ns == "default" and "-n" not in argv else ns):
            urls = _urls(svc)
            rows.append(
                [
                    svc["metadata"]["namespace"],
                    svc["metadata"]["name"],
                    "\n".join(_target_ports(svc)) if urls else "No node port",
                    "\n".join(urls),
                ]
            )
        return Result(table(["NAMESPACE", "NAME", "TARGET PORT", "URL"], rows))
    if not rest:
        return Result("", "❌  Exiting due to MK_USAGE: You must specify service name(s) or --all\n", 64)
    name = rest[0]
    svc = cluster.store.find("Service", name, ns)
    if svc is None:
        return Result(
            "",
            f"\n❌  Exiting due to SVC_NOT_FOUND: Service '{name}' was not found in '{ns}' namespace.\n"
            f"You may select another namespace by using 'minikube service {name} -n <namespace>'. "
            "Or list out all the services using 'minikube service list'\n\n",
            85,
        )
    urls = _urls(svc)
    if not urls:
        return Result(
            "",
            f"😿  service {ns}/{name} has no node port\n"
            f'❗  Services [{ns}/{name}] have type "ClusterIP" not meant to be exposed, however for '
            "local development minikube allows you to access this !\n",
            0,
        )
    if want_url:
        return Result("".join(u + "\n" for u in urls))
    body = table(
        ["NAMESPACE", "NAME", "TARGET PORT", "URL"],
        [[ns, name, "\n".join(_target_ports(svc)), "\n".join(urls)]],
    )
    return Result(body + f"🎉  Opening service {ns}/{name} in default browser...\n")


# -- tunnel --------------------------------------------------------------------------
class Tunnel:
    """A running ``minikube tunnel``: a route to the service CIDR and LoadBalancer ingress IPs."""

    def __init__(self, cluster: Cluster) -> None:
        self.cluster = cluster
        self.running = False
        self.lines: list[str] = []
        self.events = 0
        self.patched: list[str] = []

    def start(self) -> None:
        self.running = True
        self.cluster._ext["tunnel"] = self
        self.check()

    def check(self) -> None:
        """upstream: tunnel.go updateTunnelStatus + loadbalancer_patcher.go PatchServices, then Report."""
        if not self.running:
            return
        names = []
        for svc in self.cluster.store.list("Service", None):
            spec = svc.get("spec") or {}
            if spec.get("type") != "LoadBalancer":
                continue
            names.append(svc["metadata"]["name"])
            ingress = ((svc.get("status") or {}).get("loadBalancer") or {}).get("ingress") or []
            if [i.get("ip") for i in ingress] != [spec.get("clusterIP")]:
                new = copy.deepcopy(svc)
                new.setdefault("status", {})["loadBalancer"] = {"ingress": [{"ip": spec["clusterIP"]}]}
                self.cluster.store.update_status(new)
                self.events += 1
        self.patched = names
        self.lines.append(
            "Status:\t\n"
            f"\tmachine: minikube\n\tpid: {TUNNEL_PID}\n\troute: 10.96.0.0/12 -> {NODE_IP}\n"
            "\tminikube: Running\n"
            f"\tservices: [{', '.join(names)}]\n"
            "    errors: \n\t\tminikube: no errors\n\t\trouter: no errors\n"
            "\t\tloadbalancer emulator: no errors\n"
        )
        self.cluster.clock.call_later(CHECK_EVERY, self.check)

    def take(self) -> str:
        out, self.lines = "".join(self.lines), []
        return out

    def stop(self) -> None:
        """Ctrl-C: remove the route and the ingress IPs it set (loadbalancer_patcher.go Cleanup)."""
        if not self.running:
            return
        self.running = False
        self.cluster._ext.pop("tunnel", None)
        for svc in self.cluster.store.list("Service", None):
            if ((svc.get("status") or {}).get("loadBalancer") or {}).get("ingress"):
                if (svc.get("spec") or {}).get("type") == "LoadBalancer":
                    new = copy.deepcopy(svc)
                    new["status"]["loadBalancer"] = {}
                    self.cluster.store.update_status(new)


def _tunnel(cluster: Cluster, argv: list[str]) -> Result:
    if cluster._ext.get("tunnel") is not None:
        return Result("", "❌  Exiting due to GUEST_TUNNEL: another tunnel is already running\n", 1)
    tunnel = Tunnel(cluster)
    tunnel.start()
    from .kubectl.watch import block

    block(cluster, activity=lambda: tunnel.events)
    out = tunnel.take()
    tunnel.stop()
    return Result(out)


def background(cluster: Cluster, argv: list[str]) -> tuple[Tunnel, Result] | None:
    """``minikube tunnel &`` in a ``%%terminal`` cell: it runs until the cell ends."""
    if argv[:1] != ["tunnel"] or cluster._ext.get("tunnel") is not None:
        return None
    tunnel = Tunnel(cluster)
    tunnel.start()
    return tunnel, Result(tunnel.take())


NODE_HOSTS = (
    "127.0.0.1\tlocalhost\n192.168.49.1\thost.minikube.internal\n"
    "192.168.49.2\tcontrol-plane.minikube.internal\n"
)


def _ssh(cluster: Cluster, argv: list[str]) -> Result:
    """``minikube ssh -- CMD``: a command on the node; only ``curl`` (7.81.0, Ubuntu 22.04's) is simulated.

    From the node, ClusterIPs and pod IPs are reachable (kube-proxy's rules and the bridge live there);
    names resolve through the node's /etc/hosts, not the cluster DNS.
    """
    import shlex

    from .network import curl
    from .node.filesystem import ContainerFS

    words = argv[1:] if argv[:1] == ["--"] else argv
    if len(words) == 1:
        words = shlex.split(words[0])
    if not words:
        return Result(
            "", "k8stutor: an interactive `minikube ssh` session is not simulated; pass a command.\n", 1
        )
    if words[0] != "curl":
        return Result("", f"k8stutor: only curl is simulated inside `minikube ssh` (not {words[0]!r}).\n", 1)
    source = {
        "namespace": "default",
        "pod_ip": NODE_IP,
        "name": "minikube",
        "node": True,
        "fs": ContainerFS(files={"/etc/hosts": NODE_HOSTS.encode()}),
    }
    saved = curl.VERSION
    curl.VERSION = "7.81.0"
    try:
        return curl.run(cluster, words[1:], "", source=source)
    finally:
        curl.VERSION = saved
