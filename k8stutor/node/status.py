"""The pod status the kubelet writes, as a pure function of the runtime's view.

upstream: pkg/kubelet/kubelet_pods.go (generateAPIPodStatus, getPhase,
convertToAPIContainerStatuses), pkg/kubelet/status/generate.go (GeneratePodReadyCondition,
GenerateContainersReadyCondition, GeneratePodInitializedCondition, PodReadyToStartContainers).
"""

from __future__ import annotations

import functools
from datetime import timedelta
from typing import TYPE_CHECKING

from ..api.store import clone
from ..clock import EPOCH
from .images import display_name
from .runtime import NODE_IP, Container, PodRuntime

if TYPE_CHECKING:
    from ..clock import Clock


@functools.lru_cache(maxsize=8192)
def _stamp(at: float) -> str:
    """clock.timestamp(at), memoised: a pod status repeats the same few instants many times."""
    return (EPOCH + timedelta(seconds=at)).strftime("%Y-%m-%dT%H:%M:%SZ")


COND_ORDER = ("PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled")


def phase(pod: dict, rt: PodRuntime) -> str:
    """upstream: kubelet_pods.go getPhase."""
    if rt.phase_override:
        return rt.phase_override
    if not rt.init_done:
        return "Pending"  # upstream: getPhase counts init containers as pending until all succeeded
    cs = [c for c in rt.containers.values() if not c.init]
    running = sum(c.state == "running" for c in cs)
    waiting_new = sum(c.state == "waiting" and not c.ever_started for c in cs)
    terminated = [c for c in cs if c.state == "terminated"]
    restarting = sum(c.state == "waiting" and c.ever_started for c in cs)
    policy = pod["spec"].get("restartPolicy", "Always")
    if waiting_new:
        return "Pending"
    if running or restarting:
        return "Running"
    if len(terminated) == len(cs) and cs:
        if policy == "Always":
            return "Running"
        if all(c.exit_code == 0 for c in terminated):
            return "Succeeded"
        return "Failed" if policy == "Never" else "Running"
    return "Pending"


def _state(c: Container, clock: Clock) -> dict:
    if c.state == "running":
        return {"running": {"startedAt": _stamp(c.started_at)}}
    if c.state == "terminated":
        return {"terminated": _terminated(c, clock)}
    waiting = {"reason": c.reason}
    if c.message:
        waiting["message"] = c.message
    return {"waiting": waiting}


def _terminated(c: Container, clock: Clock) -> dict:
    return {
        "containerID": c.container_id,
        "exitCode": c.exit_code,
        "finishedAt": _stamp(c.finished_at),
        "reason": "Completed" if c.exit_code == 0 else "Error",
        "startedAt": _stamp(c.started_at),
    }


def container_status(spec: dict, c: Container, clock: Clock) -> dict:
    out = {
        "image": display_name(spec.get("image", "")) if c.image else spec.get("image", ""),
        "imageID": c.image.image_id if c.image and c.ever_started else "",
        "lastState": clone(c.last_state) if c.last_state else {},
        "name": c.name,
        "ready": c.ready,
        "restartCount": c.restart_count,
        "started": c.state == "running",
        "state": _state(c, clock),
    }
    if c.container_id:
        out["containerID"] = c.container_id
    mounts = []
    for m in spec.get("volumeMounts") or ():
        vm = {"mountPath": m.get("mountPath"), "name": m.get("name")}
        if m.get("readOnly"):
            vm["readOnly"] = True
            vm["recursiveReadOnly"] = "Disabled"
        mounts.append(vm)
    if mounts:
        out["volumeMounts"] = mounts
    return out


def _app_status(spec: dict, c: Container, clock: Clock, rt: PodRuntime) -> dict:
    out = container_status(spec, c, clock)
    if not rt.init_done and out["state"] == {"waiting": {"reason": "ContainerCreating"}}:
        out["state"] = {"waiting": {"reason": "PodInitializing"}}  # upstream: kubelet_pods.go (init pending)
    return out


def _cond(rt: PodRuntime, kind: str, value: bool, now: float, reason: str = "", message: str = "") -> dict:
    status = "True" if value else "False"
    prev = rt.conditions.get(kind)
    if prev is None or prev[0] != status:
        prev = rt.conditions[kind] = (status, now)
    out = {"lastProbeTime": None, "lastTransitionTime": _stamp(prev[1]), "status": status, "type": kind}
    if not value and reason:
        out["reason"] = reason
        if message:
            out["message"] = message
    return out


_COND_RANK = {t: i for i, t in enumerate(COND_ORDER)}


def pod_status(pod: dict, rt: PodRuntime, clock: Clock) -> dict:
    old = pod.get("status") or {}
    now = clock.now
    spec = pod["spec"]
    inits_spec, apps_spec = spec.get("initContainers"), spec.get("containers") or []
    specs = {c["name"]: c for c in (inits_spec or []) + apps_spec} if inits_spec else {
        c["name"]: c for c in apps_spec}
    apps = [c for c in rt.containers.values() if not c.init]
    inits = [c for c in rt.containers.values() if c.init]
    unready = [c.name for c in apps if not c.ready]
    all_ready = not unready and bool(apps) and rt.init_done
    msg = f"containers with unready status: [{' '.join(unready)}]"
    pending_init = [c.name for c in inits if not (c.state == "terminated" and c.exit_code == 0)]
    init_msg = f"containers with incomplete status: [{' '.join(pending_init)}]"
    conds = [
        _cond(rt, "PodReadyToStartContainers", rt.sandbox_ready, now),
        _cond(rt, "Initialized", rt.init_done, now, "ContainersNotInitialized", init_msg),
        _cond(rt, "Ready", all_ready, now, "ContainersNotReady", msg),
        _cond(rt, "ContainersReady", all_ready, now, "ContainersNotReady", msg),
    ]
    others = [c for c in old.get("conditions") or () if c["type"] not in _OWN_CONDITIONS]
    if others:
        conds += others
        conds.sort(key=lambda c: _COND_RANK.get(c["type"], 99))
    status = {k: v for k, v in old.items() if k in ("qosClass", "nominatedNodeName")}
    status["conditions"] = conds
    status["containerStatuses"] = [_app_status(specs.get(c.name, {}), c, clock, rt) for c in apps]
    status["hostIP"] = NODE_IP
    status["hostIPs"] = [{"ip": NODE_IP}]
    status["phase"] = phase(pod, rt)
    status["startTime"] = _stamp(rt.started)
    if inits:
        status["initContainerStatuses"] = [container_status(specs.get(c.name, {}), c, clock) for c in inits]
    if rt.sandbox_ready:
        status["podIP"] = rt.ip
        status["podIPs"] = [{"ip": rt.ip}]
    return status


_OWN_CONDITIONS = frozenset(COND_ORDER[:4])  # the kubelet's; PodScheduled is the scheduler's
