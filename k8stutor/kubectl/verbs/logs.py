"""``kubectl logs POD|TYPE/NAME [-c CONTAINER] [--tail N] [-f] [-p]``: the container's output.

upstream: staging/src/k8s.io/kubectl/pkg/cmd/logs/logs.go (usage error text, "Defaulted container"
notice); the log itself comes from the node (``k8stutor.node.runtime.container_logs``).
"""

from __future__ import annotations

import importlib

from ...terminal.result import Result, fail
from ..args import ArgError, Flag, flags, namespace_of, parse
from ..cmdutil import guard
from .exec import find_pod, pick_container

NAME = "logs"

SPEC = flags(
    Flag("container", "c", default=""),
    Flag("follow", "f", kind="bool", default=False),
    Flag("previous", "p", kind="bool", default=False),
    Flag("tail", kind="int", default=-1),
    Flag("timestamps", kind="bool", default=False),
    Flag("all-containers", kind="bool", default=False),
    Flag("selector", "l", default=""),
    Flag("since", default=""),
    Flag("prefix", kind="bool", default=False),
)

USAGE = (
    "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\n"
    "POD or TYPE/NAME is a required argument for the logs command\n"
    "See 'kubectl logs -h' for help and examples"
)


@guard
def run(cluster, argv: list[str], stdin: str = "") -> Result:
    p = parse(NAME, argv, SPEC)
    if not p.args or len(p.args) > 2:
        raise ArgError(USAGE)
    pod = find_pod(cluster, p.args[0], namespace_of(p))
    name = p["container"] or (p.args[1] if len(p.args) == 2 else "")
    notice, container = pick_container(pod, name)
    spec = pod.get("spec") or {}
    names = [
        c["name"]
        for key in ("containers", "initContainers", "ephemeralContainers")
        for c in spec.get(key) or []
    ]
    if container not in names:
        return fail(f"error: container {container} is not valid for pod {pod['metadata']['name']}")
    try:
        runtime = importlib.import_module("k8stutor.node.runtime")
    except ModuleNotFoundError:
        return fail("k8stutor: container logs are not available yet")
    if p["follow"]:
        # -f streams until Ctrl-C: k8stutor's blocking rule (kubectl/watch.py) decides when that is
        from ..watch import block

        block(cluster, done=lambda: _finished(cluster, pod, container), quiet=True)
        pod = cluster.store.find("Pod", pod["metadata"]["name"], pod["metadata"]["namespace"]) or pod
    if p["previous"]:
        text = runtime.container_logs(cluster, pod, container, previous=True)
        if text is None:
            return fail(
                f'Error from server (BadRequest): previous terminated container "{container}" in pod '
                f'"{pod["metadata"]["name"]}" not found'
            )
    else:
        waiting = _never_started(pod, container)
        if waiting is not None:
            return fail(
                f'Error from server (BadRequest): container "{container}" in pod '
                f'"{pod["metadata"]["name"]}" is waiting to start: {waiting}'
            )
        text = runtime.container_logs(cluster, pod, container)
    if text is None:
        return fail(
            f'Error from server (BadRequest): container "{container}" in pod '
            f'"{pod["metadata"]["name"]}" is waiting to start: ContainerCreating'
        )
    if p["tail"] >= 0:
        lines = text.splitlines(keepends=True)
        text = "".join(lines[-p["tail"] :] if p["tail"] else [])
    return Result(text, notice)


def _never_started(pod: dict, container: str) -> str | None:
    """Why a container that never ran has no log (kubelet validateContainerLogStatus), else None."""
    st = pod.get("status") or {}
    statuses = [*(st.get("containerStatuses") or []), *(st.get("initContainerStatuses") or [])]
    cs = next((c for c in statuses if c.get("name") == container), None)
    if cs is None:
        return "ContainerCreating"
    state = cs.get("state") or {}
    if "running" in state or "terminated" in state or (cs.get("lastState") or {}).get("terminated"):
        return None
    reason = (state.get("waiting") or {}).get("reason") or "ContainerCreating"
    return {
        "ErrImagePull": "image can't be pulled",
        "ImagePullBackOff": "trying and failing to pull image",
    }.get(reason, reason)


def _finished(cluster, pod: dict, container: str) -> bool:
    cur = cluster.store.find("Pod", pod["metadata"]["name"], pod["metadata"]["namespace"])
    if cur is None:
        return True
    for cs in (cur.get("status") or {}).get("containerStatuses") or []:
        if cs.get("name") == container:
            return "terminated" in (cs.get("state") or {})
    return False
