"""``kubectl port-forward``: a listener on 127.0.0.1:PORT and [::1]:PORT that reaches a pod's port.

upstream: staging/src/k8s.io/kubectl/pkg/cmd/portforward/portforward.go (argument rules, "unable to
forward port because pod is not running"), client-go tools/portforward/portforward.go ("Forwarding
from %s -> %d", "Handling connection for %d", the listener errors).
A real port-forward blocks its terminal.  In the foreground it follows the blocking rule of
k8stutor.kubectl.watch (then stops, as Ctrl-C would); ``&`` in a ``%%terminal`` cell keeps it running
for the rest of the cell, printing ``Handling connection for PORT`` as connections arrive.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...api import errors
from ...network.http import ConnectionRefused, Request, Response, listeners
from ...node.runtime import runtime
from ...terminal.result import Result, fail

if TYPE_CHECKING:
    from ...cluster import Cluster

NAMES = ["port-forward"]
USAGE = (
    "error: TYPE/NAME and list of ports are required for port-forward\n"
    "See 'kubectl port-forward -h' for help and examples"
)


class Forward:
    """One running ``kubectl port-forward``; a Watch-like object for the shell (take/events/stop)."""

    def __init__(
        self, cluster: Cluster, pod: dict, ports: list[tuple[int, int]], addresses: list[str]
    ) -> None:
        self.cluster, self.ports, self.addresses = cluster, ports, addresses
        self.uid = pod["metadata"]["uid"]
        self.pod_name, self.namespace = pod["metadata"]["name"], pod["metadata"].get("namespace", "default")
        self.lines: list[str] = []
        self.events = 0
        self.open = True

    def listen(self) -> str:
        table = listeners(self.cluster)
        out = []
        for local, remote in self.ports:
            for addr in self.addresses:
                table.listen(addr, local, "port-forward", self._handler(local, remote))
                shown = f"[{addr}]" if ":" in addr else addr
                out.append(f"Forwarding from {shown}:{local} -> {remote}\n")
        return "".join(out)

    def _handler(self, local: int, remote: int):
        def handle(cluster: Cluster, req: Request) -> Response:
            rt = runtime(cluster).pods.get(self.uid)
            if rt is None or cluster.store.find("Pod", self.pod_name, self.namespace) is None:
                self.lines.append("error: lost connection to pod\n")
                self.events += 1
                self.stop()
                raise ConnectionRefused(req.ip)
            self.lines.append(f"Handling connection for {local}\n")
            self.events += 1
            for ct in rt.containers.values():
                if ct.state == "running" and remote in ct.listen:
                    from ...node import webapps

                    req.client_ip = "127.0.0.1"  # type: ignore[attr-defined]  # socat inside the pod
                    resp = webapps.serve(cluster, ct, req)
                    resp.hops.append(
                        f"pod {self.namespace}/{self.pod_name}, container {ct.name} on port {remote} "
                        f"(through the apiserver and the kubelet): HTTP {resp.status}"
                    )
                    return resp
            stamp = cluster.clock.datetime()
            self.lines.append(
                f'E{stamp:%m%d %H:%M:%S}.000000   12345 portforward.go:424] "Unhandled Error" err="an error '
                f"occurred forwarding {local} -> {remote}: error forwarding port {remote} to pod "
                f"{self.uid}, uid : "
                f"exit status 1: {stamp:%Y/%m/%d %H:%M:%S} socat[4321] E connect(5, AF=2 "
                f"127.0.0.1:{remote}, 16): "
                'Connection refused"\n'
            )
            raise EmptyReply(req.ip)

        return handle

    def take(self) -> str:
        out, self.lines = "".join(self.lines), []
        return out

    def stop(self) -> None:
        if not self.open:
            return
        self.open = False
        table = listeners(self.cluster)
        for local, _remote in self.ports:
            for addr in self.addresses:
                table.close(addr, local)


class EmptyReply(ConnectionRefused):
    """The tunnel accepted the connection but the pod side refused it: curl's (52) Empty reply."""


def _parse(cluster: Cluster, argv: list[str]) -> tuple[Forward | None, str]:
    namespace, addresses, rest = "default", ["127.0.0.1", "::1"], []
    i = 0
    while i < len(argv):
        a = argv[i]
        if a in ("-n", "--namespace") and i + 1 < len(argv):
            namespace, i = argv[i + 1], i + 2
            continue
        if a.startswith("--namespace="):
            namespace = a.split("=", 1)[1]
        elif a == "--address" and i + 1 < len(argv):
            addresses, i = _addresses(argv[i + 1]), i + 2
            continue
        elif a.startswith("--address="):
            addresses = _addresses(a.split("=", 1)[1])
        elif a.startswith("--pod-running-timeout"):
            if "=" not in a:
                i += 1
        elif a.startswith("-"):
            return None, f"error: unknown flag: {a}\nSee 'kubectl port-forward --help' for usage."
        else:
            rest.append(a)
        i += 1
    if len(rest) < 2:
        return None, USAGE
    target, specs = rest[0], rest[1:]
    try:
        pod = _pod_for(cluster, target, namespace)
    except errors.ApiError as exc:
        return None, exc.kubectl_text()
    except LookupError as exc:
        return None, str(exc)
    ports = []
    for spec in specs:
        local, _, remote = spec.partition(":") if ":" in spec else (spec, "", spec)
        remote = remote or local
        if not local:
            local = str(30000 + cluster.clock.random.randrange(30000))
        if not (local.isdigit() and remote.isdigit()):
            named = _named_port(pod, remote)
            if named is None or not local.isdigit():
                return None, f"error: Pod '{pod['metadata']['name']}' does not have a named port '{remote}'"
            remote = str(named)
        ports.append((int(local), int(remote)))
    phase = (pod.get("status") or {}).get("phase")
    if phase != "Running":
        return None, f"error: unable to forward port because pod is not running. Current status={phase}"
    table = listeners(cluster)
    for local, _remote in ports:
        if any(table.lookup(a, local) for a in addresses):
            errs = " ".join(
                f"unable to create listener: Error listen tcp{'6' if ':' in a else '4'} "
                f"{'[' + a + ']' if ':' in a else a}:{local}: bind: address already in use"
                for a in addresses
            )
            return None, (
                f"Unable to listen on port {local}: Listeners failed to create with the following "
                f"errors: [{errs}]\nerror: unable to listen on any of the requested ports: "
                f"[{{{local} {ports[0][1]}}}]"
            )
    return Forward(cluster, pod, ports, addresses), ""


def _addresses(text: str) -> list[str]:
    out = []
    for a in text.split(","):
        out += ["127.0.0.1", "::1"] if a == "localhost" else [a]
    return out


def _named_port(pod: dict, name: str) -> int | None:
    for c in pod["spec"].get("containers") or []:
        for p in c.get("ports") or []:
            if p.get("name") == name:
                return int(p["containerPort"])
    return None


def _pod_for(cluster: Cluster, target: str, namespace: str) -> dict:
    """TYPE/NAME -> a pod (upstream: polymorphichelpers/attachablepodforobject.go)."""
    kind, _, name = target.rpartition("/")
    kind = kind.lower() or "pod"
    store = cluster.store
    if kind in ("pod", "pods", "po"):
        return store.get("Pod", name, namespace)
    from ...controllers.endpoints import pod_ready, selects

    if kind in ("svc", "service", "services"):
        svc = store.get("Service", name, namespace)
        selector = (svc.get("spec") or {}).get("selector") or {}
    elif kind in (
        "deploy",
        "deployment",
        "deployments",
        "rs",
        "replicaset",
        "replicasets",
        "rc",
        "replicationcontroller",
        "sts",
        "statefulset",
        "statefulsets",
    ):
        full = {
            "deploy": "Deployment",
            "deployment": "Deployment",
            "deployments": "Deployment",
            "rs": "ReplicaSet",
            "replicaset": "ReplicaSet",
            "replicasets": "ReplicaSet",
            "rc": "ReplicationController",
            "replicationcontroller": "ReplicationController",
            "sts": "StatefulSet",
            "statefulset": "StatefulSet",
            "statefulsets": "StatefulSet",
        }[kind]
        obj = store.get(full, name, namespace)
        sel = (obj.get("spec") or {}).get("selector") or {}
        selector = sel.get("matchLabels", sel) if isinstance(sel, dict) else {}
    else:
        raise LookupError(f'error: the server doesn\'t have a resource type "{kind}"')
    pods = [p for p in store.list("Pod", namespace) if selects(selector, p["metadata"].get("labels") or {})]
    if not pods:
        raise LookupError(
            "error: no matching resources found"
            if kind.startswith(("svc", "service"))
            else "error: timed out waiting for the condition"
        )
    pods.sort(key=lambda p: (not pod_ready(p), p["metadata"]["name"]))
    return pods[0]


def _help(argv: list[str]) -> Result | None:
    if "-h" in argv or "--help" in argv:
        from ..help import text

        return Result(text("port-forward"), "", 0)
    return None


def run(cluster: Cluster, argv: list[str], stdin: str = "") -> Result:
    shown = _help(argv)
    if shown is not None:
        return shown
    fwd, err = _parse(cluster, argv)
    if fwd is None:
        return fail(err)
    out = fwd.listen()
    from ..watch import block

    block(cluster, activity=lambda: fwd.events)
    fwd.stop()
    return Result(out + fwd.take(), "", 0)


def background(cluster: Cluster, argv: list[str]) -> tuple[Forward, Result] | None:
    """``kubectl port-forward ... &``: keep forwarding while the cell runs (see the shell)."""
    fwd, _err = _parse(cluster, argv)
    if fwd is None:
        return None
    return fwd, Result(fwd.listen(), "", 0)
