"""``kubectl cluster-info``: the control plane's address and the kube-system services marked as
cluster services (label ``kubernetes.io/cluster-service=true``; kube-dns shows as CoreDNS).

upstream: staging/src/k8s.io/kubectl/pkg/cmd/clusterinfo/clusterinfo.go (no colours: not a terminal).
"""

from __future__ import annotations

from ...terminal.result import Result
from ..args import ArgError, flags, parse
from ..cmdutil import guard

NAMES = ["cluster-info"]
SERVER = "https://192.168.49.2:8443"  # minikube's apiserver on the docker driver


@guard
def run(cluster, argv: list[str], stdin: str = "") -> Result:
    p = parse("cluster-info", argv, flags())
    if p.args:
        if p.args[0] == "dump":
            return Result("", 'k8stutor: "kubectl cluster-info dump" is not simulated.\n', 1)
        raise ArgError(f'error: unknown command "{p.args[0]}" for "kubectl cluster-info"')
    lines = [f"Kubernetes control plane is running at {SERVER}"]
    for svc in cluster.store.list("Service", "kube-system"):
        labels = svc["metadata"].get("labels") or {}
        if labels.get("kubernetes.io/cluster-service") != "true":
            continue
        name = labels.get("kubernetes.io/name") or svc["metadata"]["name"]
        ports = svc["spec"].get("ports") or []
        ref = svc["metadata"]["name"] + (f":{ports[0]['name']}" if ports and ports[0].get("name") else "")
        lines.append(f"{name} is running at {SERVER}/api/v1/namespaces/kube-system/services/{ref}/proxy")
    text = (
        "\n".join(lines)
        + "\n\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n"
    )
    return Result(text)
