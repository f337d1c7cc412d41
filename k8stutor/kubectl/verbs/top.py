"""``kubectl top pod|node``: resource usage needs the metrics-server addon, which minikube does not start.

upstream: staging/src/k8s.io/kubectl/pkg/cmd/top/top_pod.go and top_node.go ("error: Metrics API not
available" when the metrics.k8s.io API is not served).
"""

from __future__ import annotations

from ...terminal.result import Result, fail
from ..args import ArgError, Flag, flags, parse
from ..cmdutil import guard

NAME = "top"
SPEC = flags(
    Flag("selector", "l", default=""),
    Flag("all-namespaces", "A", kind="bool", default=False),
    Flag("containers", kind="bool", default=False),
    Flag("no-headers", kind="bool", default=False),
    Flag("sort-by", default=""),
    Flag("sum", kind="bool", default=False),
)


@guard
def run(cluster, argv: list[str], stdin: str = "") -> Result:
    p = parse(NAME, argv, SPEC)
    if not p.args or p.args[0] not in ("pod", "pods", "po", "node", "nodes", "no"):
        raise ArgError(
            "error: Display resource (CPU/memory) usage: kubectl top pod|node (k8stutor knows these two)"
        )
    if not cluster.addons.get("metrics-server"):
        return fail("error: Metrics API not available")
    return fail("k8stutor: the metrics-server addon's numbers are not simulated.")
