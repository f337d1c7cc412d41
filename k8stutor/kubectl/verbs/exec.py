"""``kubectl exec [-it] POD|TYPE/NAME [-c CONTAINER] -- COMMAND [ARGS...]``.

upstream: staging/src/k8s.io/kubectl/pkg/cmd/exec/exec.go (Complete/Validate texts, the completed-pod
error, "Defaulted container" notice) and util/podcmd (default container).  The command itself runs in
the simulated container through ``k8stutor.node.exec.run`` (the node's part); a non-zero exit prints
"command terminated with exit code N" as kubectl does.
"""

from __future__ import annotations

import importlib

from ...api import kinds
from ...terminal.result import Result, fail
from ..args import ArgError, Flag, flags, namespace_of, parse
from ..cmdutil import guard

NAME = "exec"

SPEC = flags(
    Flag("container", "c", default=""),
    Flag("stdin", "i", kind="bool", default=False),
    Flag("tty", "t", kind="bool", default=False),
    Flag("quiet", "q", kind="bool", default=False),
    Flag("filename", "f", kind="array", default=[]),
    Flag("pod-running-timeout", default="1m0s"),
)

DEFAULT_CONTAINER_ANNOTATION = "kubectl.kubernetes.io/default-container"


@guard
def run(cluster, argv: list[str], stdin: str = "") -> Result:
    p = parse(NAME, argv, SPEC)
    before = p.args[: p.args_before_dash]
    if not before:
        raise ArgError("error: pod, type/name or --filename must be specified")
    if p.dash is None:
        if len(before) > 1:
            raise ArgError(
                "Error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] "
                "instead\nSee 'kubectl exec -h' for help and examples"
            )
        raise ArgError("error: you must specify at least one command for the container")
    if not p.dash:
        raise ArgError("error: you must specify at least one command for the container")
    pod = find_pod(cluster, before[0], namespace_of(p))
    notice, container = pick_container(pod, p["container"], quiet=p["quiet"])
    return notice_join(notice, exec_in(cluster, pod, container, p.dash, stdin if p["stdin"] else ""))


def find_pod(cluster, ref: str, ns: str) -> dict:
    """A pod by name, ``pod/x``, or the first pod of a workload (``deploy/x``), as exec/logs accept."""
    if "/" not in ref:
        return cluster.store.get("Pod", ref, ns)
    typ, _, name = ref.partition("/")
    k = kinds.resolve(typ)
    if k.kind == "Pod":
        return cluster.store.get("Pod", name, ns)
    owner = cluster.store.get(k.kind, name, ns)
    selector = _selector_of(owner)
    pods = [po for po in cluster.store.list("Pod", ns) if selector(po["metadata"].get("labels") or {})]
    if not pods:
        raise ArgError(f"error: cannot find a pod for {ref}")  # polymorphichelpers: no pods found
    # upstream: polymorphichelpers/attachablepodforobject.go sorts by ActivePods (ready, running first)
    return sorted(pods, key=_pod_rank)[0]


def _selector_of(obj: dict):
    sel = (obj.get("spec") or {}).get("selector") or {}
    try:
        from ...api import selectors

        if "matchLabels" in sel or "matchExpressions" in sel:
            return selectors.from_label_selector(sel)
        return selectors.from_set(sel)
    except ImportError:
        want = sel.get("matchLabels", sel)
        return lambda labels: all(labels.get(k) == v for k, v in want.items())


def _pod_rank(pod: dict) -> tuple:
    st = pod.get("status") or {}
    ready = any(c.get("type") == "Ready" and c.get("status") == "True" for c in st.get("conditions") or [])
    phase_rank = {"Running": 0, "Pending": 1}.get(st.get("phase", ""), 2)
    return (not pod["spec"].get("nodeName"), phase_rank, not ready, pod["metadata"]["name"])


def pick_container(pod: dict, name: str, quiet: bool = False) -> tuple[str, str]:
    """(stderr notice, container name); the default container as util/podcmd picks it."""
    containers = [c["name"] for c in (pod.get("spec") or {}).get("containers") or []]
    if name:
        return "", name
    annotated = ((pod["metadata"].get("annotations")) or {}).get(DEFAULT_CONTAINER_ANNOTATION)
    if annotated and annotated in containers:
        return "", annotated
    if len(containers) > 1 and not quiet:
        return f'Defaulted container "{containers[0]}" out of: {", ".join(containers)}\n', containers[0]
    return "", containers[0] if containers else ""


def notice_join(notice: str, result: Result) -> Result:
    return Result(result.stdout, notice + result.stderr, result.returncode)


def exec_in(cluster, pod: dict, container: str, command: list[str], stdin: str) -> Result:
    phase = (pod.get("status") or {}).get("phase")
    if phase in ("Succeeded", "Failed"):
        return fail(f"error: cannot exec into a container in a completed pod; current phase is {phase}")
    names = [c["name"] for c in pod["spec"].get("containers") or []]
    inits = [c["name"] for c in pod["spec"].get("initContainers") or []]
    if container not in names + inits:
        return fail(
            f"Error from server (BadRequest): container {container} is not valid for pod "
            f"{pod['metadata']['name']}"
        )
    statuses = {s.get("name"): s for s in (pod.get("status") or {}).get("containerStatuses") or []}
    if "running" not in ((statuses.get(container) or {}).get("state") or {}):
        return fail(f'error: unable to upgrade connection: container not found ("{container}")')
    try:
        node_exec = importlib.import_module("k8stutor.node.exec")
    except ModuleNotFoundError:
        return fail("k8stutor: running commands inside containers is not available yet")
    result = node_exec.run(cluster, pod, container, list(command), stdin)
    if result.returncode:
        return Result(
            result.stdout,
            result.stderr + f"command terminated with exit code {result.returncode}\n",
            result.returncode,
        )
    return result
