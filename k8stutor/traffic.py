"""A load generator: requests through a Service over virtual time, counted by version and failure.

Each tick sends ``requests`` HTTP requests to the Service's ClusterIP from inside the cluster (the
path of any client pod: kube-proxy picks one ready endpoint per request, see
k8stutor/network/proxy.py), records which pod version answered or that the request failed, counts
the pods of each version (Ready or not), then lets ``step`` virtual seconds pass.  A pod's
version is its first container's image tag.  :func:`plot` draws RollingUpdate next to Recreate
(matplotlib, imported lazily) as a deterministic SVG, and :meth:`Trace.table` prints the plotted
numbers beside it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .api import selectors
from .network.http import ConnectionRefused, Request, Unreachable

if TYPE_CHECKING:
    from .cluster import Cluster

FAILED = "failed"


@dataclass
class Tick:
    t: float  # virtual seconds since the trace began
    ready: dict[str, int] = field(default_factory=dict)  # version -> Ready pods
    pods: dict[str, int] = field(default_factory=dict)  # version -> pods (any phase, terminating included)
    responses: dict[str, int] = field(default_factory=dict)  # version or "failed" -> count


@dataclass
class Trace:
    title: str
    ticks: list[Tick] = field(default_factory=list)

    def versions(self) -> list[str]:
        """Versions in order of appearance (at the same tick: the one with more pods first: the old one)."""
        seen: list[str] = []
        for tick in self.ticks:
            counts = {v: tick.pods.get(v, 0) for v in [*tick.pods, *tick.responses] if v != FAILED}
            seen += sorted((v for v in counts if v not in seen), key=lambda v: (-counts[v], v))
        return seen

    def failures(self) -> int:
        return sum(t.responses.get(FAILED, 0) for t in self.ticks)

    def served(self, version: str) -> int:
        return sum(t.responses.get(version, 0) for t in self.ticks)

    def table(self) -> str:
        """The plotted numbers: one line a tick (ready/all pods per version, responses per version)."""
        versions = self.versions()
        head = (
            ["t"]
            + [f"ready {v}" for v in versions]
            + [f"pods {v}" for v in versions]
            + [f"ok {v}" for v in versions]
            + [FAILED]
        )
        rows = [head]
        for tick in self.ticks:
            rows.append(
                [f"{tick.t:g}"]
                + [str(tick.ready.get(v, 0)) for v in versions]
                + [str(tick.pods.get(v, 0)) for v in versions]
                + [str(tick.responses.get(v, 0)) for v in versions]
                + [str(tick.responses.get(FAILED, 0))]
            )
        widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
        return "".join(
            "  ".join(c.rjust(w) for c, w in zip(r, widths, strict=True)).rstrip() + "\n" for r in rows
        )


def version_of(pod: dict) -> str:
    containers = (pod.get("spec") or {}).get("containers") or [{}]
    image = containers[0].get("image", "")
    last = image.rsplit("/", 1)[-1]
    return last.split(":", 1)[1] if ":" in last else "latest"


def _ready(pod: dict) -> bool:
    conds = (pod.get("status") or {}).get("conditions") or []
    return not pod["metadata"].get("deletionTimestamp") and any(
        c.get("type") == "Ready" and c.get("status") == "True" for c in conds
    )


def measure(
    cluster: Cluster,
    service: str,
    seconds: float,
    step: float = 1.0,
    requests: int = 10,
    namespace: str = "default",
    title: str = "",
    at_start: Callable[[], object] | None = None,
) -> Trace:
    """Send ``requests`` requests every ``step`` seconds for ``seconds``; ``at_start`` runs first
    (e.g. the ``kubectl set image`` that starts a rollout)."""
    svc = cluster.store.get("Service", service, namespace)
    ip, port = svc["spec"]["clusterIP"], int(svc["spec"]["ports"][0]["port"])
    sel = selectors.from_set(svc["spec"].get("selector") or {})
    trace = Trace(title or service)
    start = cluster.clock.now
    if at_start is not None:
        at_start()
    n = int(round(seconds / step))
    for i in range(n + 1):
        trace.ticks.append(_tick(cluster, ip, port, sel, namespace, requests, round(i * step, 6)))
        if i < n:
            cluster.advance(start + (i + 1) * step - cluster.clock.now)
    return trace


def _tick(
    cluster: Cluster, ip: str, port: int, sel: selectors.Selector, namespace: str, requests: int, t: float
) -> Tick:
    from .network import proxy

    tick = Tick(t)
    pods = cluster.store.list("Pod", namespace, selector=sel)
    by_name = {p["metadata"]["name"]: p for p in pods}
    for pod in pods:
        v = version_of(pod)
        tick.pods[v] = tick.pods.get(v, 0) + 1
        if _ready(pod):
            tick.ready[v] = tick.ready.get(v, 0) + 1
    for _ in range(requests):
        req = Request(host=ip, port=port, path="/", ip=ip, source="loadgen")
        try:
            resp = proxy.route(cluster, req)
        except (ConnectionRefused, Unreachable):
            key = FAILED
        else:
            pod = by_name.get(_answering_pod(resp.hops))
            key = version_of(pod) if pod is not None and resp.status < 500 else FAILED
        tick.responses[key] = tick.responses.get(key, 0) + 1
    return tick


def _answering_pod(hops: list[str]) -> str:
    for hop in hops:
        if "(pod " in hop:
            return hop.split("(pod ", 1)[1].split(",", 1)[0]
    return ""


def plot(traces: list[Trace]) -> str:
    """Pods by version (top) and responses by version and failure (bottom), one column a trace; SVG."""
    import io

    import matplotlib
    from matplotlib.figure import Figure

    versions: list[str] = []
    for tr in traces:
        versions += [v for v in tr.versions() if v not in versions]
    colors = {
        v: c for v, c in zip(versions, ["tab:blue", "tab:orange", "tab:green", "tab:purple"], strict=False)
    }
    # A bare Figure (no pyplot): no global backend or state is touched in the reader's kernel.
    fig = Figure(figsize=(5 * len(traces), 6))
    axes = fig.subplots(2, len(traces), sharex=True, squeeze=False)
    for col, tr in enumerate(traces):
        ts = [t.t for t in tr.ticks]
        top, bottom = axes[0][col], axes[1][col]
        for v in versions:
            top.step(
                ts,
                [t.ready.get(v, 0) for t in tr.ticks],
                where="post",
                color=colors.get(v),
                label=f"{v} ready",
            )
            bottom.step(
                ts,
                [t.responses.get(v, 0) for t in tr.ticks],
                where="post",
                color=colors.get(v),
                label=f"answered by {v}",
            )
        bottom.step(
            ts,
            [t.responses.get(FAILED, 0) for t in tr.ticks],
            where="post",
            color="tab:red",
            linestyle="--",
            label="failed",
        )
        top.set_title(tr.title)
        top.set_ylabel("Ready pods")
        bottom.set_ylabel("responses per tick")
        bottom.set_xlabel("virtual seconds")
        top.legend(loc="upper right", fontsize="small")
        bottom.legend(loc="upper right", fontsize="small")
    fig.tight_layout()
    buf = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": "k8stutor"}):  # fixed ids: the same SVG every run
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    return buf.getvalue()
