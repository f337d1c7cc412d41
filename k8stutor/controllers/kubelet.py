"""The kubelet of node ``minikube``: runs the pods bound to it, over virtual time.

upstream: pkg/kubelet/kubelet.go (SyncPod, SyncTerminatingPod), pkg/kubelet/kuberuntime/
kuberuntime_manager.go (SyncPod: sandbox, then each container in order),
kuberuntime_container.go (startContainer: events Created/Started; killContainer: Killing),
pkg/kubelet/images/image_manager.go (Pulling/Pulled/Failed/BackOff and the pull back-off:
10s doubling to 300s), pkg/kubelet/prober (readiness).

Timers are batched by instant (one clock timer per distinct time): pods created together move
together, which keeps 10,000-pod rollouts cheap.
"""

from __future__ import annotations

import copy
import hashlib
import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..api.events import record
from ..node import images, probes, processes, webapps
from ..node.filesystem import ContainerFS, DirBackend, Mount
from ..node.runtime import NODE_IP, NODE_NAME, Container, PodRuntime, runtime
from ..node.status import pod_status
from ..node.volumes import VolumeError, plugin_for
from . import register

if TYPE_CHECKING:
    from ..cluster import Cluster

SANDBOX_DELAY = 1.0  # sandbox + CNI setup before the first container is handled
PULL_BACKOFF, MAX_BACKOFF = (
    10.0,
    300.0,
)  # upstream: pkg/kubelet/kubelet.go (backOffPeriod, MaxContainerBackOff)
STOP_DELAY = 0.5  # a process that exits on SIGTERM
COMPONENT = "kubelet"


def go_duration(seconds: float) -> str:
    """time.Duration.String() of a duration truncated to milliseconds (2.345s, 845ms, 1m2.5s)."""
    ms = int(round(seconds * 1000))
    if ms < 1000:
        return f"{ms}ms"
    minutes, rest = divmod(ms, 60_000)
    secs = f"{rest / 1000:.3f}".rstrip("0").rstrip(".")
    return f"{minutes}m{secs}s" if minutes else f"{secs}s"


def _all_specs(pod: dict) -> list[dict]:
    """Init containers first, then the app containers: the order the kubelet starts them in."""
    spec = pod["spec"]
    return list(spec.get("initContainers") or []) + list(spec.get("containers") or [])


def _env_module():
    try:
        return importlib.import_module("k8stutor.node.env")
    except ModuleNotFoundError:
        return None


@register
class Kubelet:
    name = "kubelet"
    order = 90

    def __init__(self, cluster: Cluster) -> None:
        self.cluster = cluster
        self.rt = runtime(cluster)
        self.dirty: dict[tuple[str, str], None] = {}  # arrival order
        self.due: dict[float, list[Callable[[], None]]] = {}
        self._pulls: dict[tuple[str, float], float] = {}
        self.pending_status: dict[str, None] = {}  # pod uids whose status changed at this instant
        self._seen: dict[str, tuple[dict, str | None]] = {}  # uid -> (spec, deletionTimestamp) last synced
        cluster.store.watch(self._on_change, kinds=("Pod",))

    # -- informer + batched timers ----------------------------------------------
    def _on_change(self, event: str, obj: dict) -> None:
        if obj.get("kind") != "Pod":
            return
        meta = obj["metadata"]
        if event == "DELETED":
            self._seen.pop(meta.get("uid"), None)
            self._cleanup(obj)
        elif (obj.get("spec") or {}).get("nodeName") == NODE_NAME:
            # A status-only write (the spec object is shared with the version before) changes nothing
            # the pod worker acts on: upstream's config source reconciles it without a SyncPod.
            seen = (obj["spec"], meta.get("deletionTimestamp"))
            before = self._seen.get(meta["uid"])
            self._seen[meta["uid"]] = seen
            unchanged = before is not None and before[0] is seen[0] and before[1] == seen[1]
            if unchanged and meta["uid"] in self.rt.pods:
                return
            self.dirty.setdefault((meta.get("namespace", "default"), meta["name"]))

    def at(self, when: float, fn: Callable[[], None]) -> None:
        when = round(max(when, self.cluster.clock.now), 3)
        bucket = self.due.get(when)
        if bucket is None:
            self.due[when] = [fn]
            self.cluster.clock.call_at(when, lambda: self._fire(when))
        else:
            bucket.append(fn)

    def _fire(self, when: float) -> None:
        for fn in self.due.pop(when, []):
            fn()
        self.flush_status()

    # -- sync loop -----------------------------------------------------------------
    def sync(self, cluster: Cluster) -> None:
        keys = list(self.dirty)
        self.dirty.clear()
        for ns, name in keys:
            pod = cluster.store.find("Pod", name, ns)
            # (a key can outlive its pod: a pod of the same name made since is not ours until bound)
            if pod is not None and pod["spec"].get("nodeName") == NODE_NAME:
                self.sync_pod(pod)
        self.flush_status()

    def sync_pod(self, pod: dict) -> None:
        rt = self.rt.pods.get(pod["metadata"]["uid"])
        if pod["metadata"].get("deletionTimestamp"):
            if rt is None:
                self._remove_pod(pod)
            elif not rt.killing:
                self.kill_pod(pod, rt)
            return
        if rt is None and (pod.get("status") or {}).get("phase") not in ("Succeeded", "Failed"):
            self.start_pod(pod)
        elif rt is not None and not rt.killing:
            self.restart_changed(pod, rt)

    def restart_changed(self, pod: dict, rt: PodRuntime) -> None:
        """A container whose image was updated (the one mutable part of a pod's containers) is restarted.

        upstream: kuberuntime_manager.go computePodActions ("Container %s definition changed, will be
        restarted", a Killing event), then the usual pull/create/start with restartCount + 1.
        """
        for index, spec in enumerate(_all_specs(pod)):
            ct = rt.containers.get(spec["name"])
            if ct is None or ct.init or not ct.spec_image or ct.spec_image == spec.get("image"):
                continue
            ct.spec_image = spec.get("image", "")
            self.event(
                pod,
                "Normal",
                "Killing",
                f"Container {ct.name} definition changed, will be restarted",
                ct.name,
            )
            fast = ct.image is None or ct.image.app.sigterm or ct.state != "running"
            grace = float(pod["spec"].get("terminationGracePeriodSeconds", 30))
            uid = rt.uid
            self.at(
                self.cluster.clock.now + (STOP_DELAY if fast else grace),
                lambda u=uid, i=index, n=ct.name, f=fast: self.replaced(u, i, n, f),
            )

    def replaced(self, uid: str, index: int, name: str, fast: bool) -> None:
        got = self._pod(uid)
        if got is None or got[1].killing:
            return
        _pod, rt = got
        ct = rt.containers[name]
        now = self.cluster.clock.now
        if ct.ever_started and ct.started_at is not None:
            ct.last_state = {
                "terminated": {
                    "containerID": ct.container_id,
                    "exitCode": 0 if fast else 137,
                    "finishedAt": self.cluster.clock.timestamp(now),
                    "reason": "Completed" if fast else "Error",
                    "startedAt": self.cluster.clock.timestamp(ct.started_at),
                }
            }
            ct.restart_count += 1
        ct.previous_logs, ct.logs = ct.logs, []
        ct.state, ct.reason, ct.message, ct.ready, ct.backoff = "waiting", "ContainerCreating", "", False, 0.0
        self.write_status(uid)
        self.ensure_container(uid, index, chain=False)

    # -- helpers -------------------------------------------------------------------
    def _live_container(self, uid: str, index: int):
        """(pod, runtime, container spec, container runtime) of a pod not being killed, else None."""
        got = self._pod(uid)
        if got is None or got[1].killing:
            return None
        pod, rt = got
        spec = _all_specs(pod)[index]
        return pod, rt, spec, rt.containers[spec["name"]]

    def _pod(self, uid: str) -> tuple[dict, PodRuntime] | None:
        rt = self.rt.pods.get(uid)
        if rt is None:
            return None
        pod = self.cluster.store.find("Pod", rt.name, rt.namespace)
        if pod is None or pod["metadata"]["uid"] != uid:
            return None
        return pod, rt

    def event(self, pod: dict, type_: str, reason: str, message: str, container: str | None = None) -> None:
        path = None
        if container is not None:
            path = f"spec.containers{{{container}}}"
        record(self.cluster.store, pod, type_, reason, message, COMPONENT, field_path=path, host=NODE_NAME)

    def write_status(self, uid: str) -> None:
        """Queue a status write: the status manager sends one update per pod per instant (the flush)."""
        self.pending_status[uid] = None

    def flush_status(self) -> None:
        while self.pending_status:
            uids = list(self.pending_status)
            self.pending_status.clear()
            for uid in uids:
                self._write_status_now(uid)

    def _write_status_now(self, uid: str) -> None:
        got = self._pod(uid)
        if got is None:
            return
        pod, rt = got
        status = pod_status(pod, rt, self.cluster.clock)
        if status != pod.get("status"):
            new = copy.copy(pod)
            new["status"] = status
            self.cluster.store.update_status(new, owned=True)  # status is freshly built (pod_status)

    # -- pod start -----------------------------------------------------------------
    def start_pod(self, pod: dict) -> None:
        meta, spec = pod["metadata"], pod["spec"]
        now = self.cluster.clock.now
        ip = NODE_IP if spec.get("hostNetwork") else ""
        rt = PodRuntime(meta["uid"], meta.get("namespace", "default"), meta["name"], ip, now)
        for c in spec.get("initContainers") or []:
            rt.containers[c["name"]] = Container(c["name"], init=True)
        for c in spec.get("containers") or []:
            rt.containers[c["name"]] = Container(c["name"])
        rt.init_done = not spec.get("initContainers")
        self.rt.add(rt)
        self.write_status(rt.uid)
        self.at(now + SANDBOX_DELAY, lambda: self.mount_and_run(rt.uid, 0.5))

    def mount_and_run(self, uid: str, retry: float) -> None:
        got = self._pod(uid)
        if got is None or got[1].killing:
            return
        pod, rt = got
        try:
            rt.volumes = self.mount_volumes(pod)
        except VolumeError as err:
            self.event(pod, "Warning", err.reason, err.message)
            self.at(self.cluster.clock.now + retry, lambda: self.mount_and_run(uid, min(retry * 2, 122)))
            return
        if not rt.ip:
            rt.ip = self.rt.allocate_ip()
            self.rt.by_ip[rt.ip] = uid
        rt.sandbox_ready = True
        # No status write of its own: the pod worker is busy pulling (image_manager.go blocks SyncPod), so
        # the IP is reported together with the container's start (or with the pull's failure).
        self.ensure_container(uid, 0)

    def mount_volumes(self, pod: dict) -> dict:
        out = {}
        for vol in pod["spec"].get("volumes") or []:
            plugin = plugin_for(vol)
            out[vol["name"]] = plugin(self.cluster, pod, vol) if plugin else DirBackend()
        return out

    # -- one container -------------------------------------------------------------
    def ensure_container(self, uid: str, index: int, chain: bool = True) -> None:
        """upstream: kuberuntime_manager.go SyncPod -> startContainer for containers[index]."""
        got = self._pod(uid)
        if got is None or got[1].killing:
            return
        pod, rt = got
        specs = _all_specs(pod)
        if index >= len(specs):
            return
        spec = specs[index]
        ct = rt.containers[spec["name"]]
        chain = chain and not ct.init  # the next init container waits for this one to exit
        now = self.cluster.clock.now
        image = spec.get("image", "")
        try:
            found = images.lookup(image)
        except images.PullError as exc:
            self.event(pod, "Normal", "Pulling", f'Pulling image "{image}"', spec["name"])
            d = self._pull_time(image, 0.6, 1.8)
            text = str(exc)
            self.at(now + d, lambda: self.pull_failed(uid, index, text))
            if chain:
                self.ensure_container(uid, index + 1)
            return
        present = f"{found.ref.repo}:{found.ref.tag}" in self.rt.images
        policy = spec.get("imagePullPolicy", "IfNotPresent")
        if policy == "Never" and not present:
            ct.state, ct.reason = "waiting", "ErrImageNeverPull"
            ct.message = f'Container image "{image}" is not present with pull policy of Never'
            self.event(pod, "Warning", "ErrImageNeverPull", ct.message, spec["name"])
            self.write_status(uid)
            if chain:
                self.ensure_container(uid, index + 1)
            return
        if policy == "Always" or not present:
            self.event(pod, "Normal", "Pulling", f'Pulling image "{image}"', spec["name"])
            lo, hi = (0.4, 1.4) if present else (1.0 + found.size / 60e6, 2.0 + found.size / 25e6)
            d = self._pull_time(f"{image}|{present}", lo, hi)
            self.at(now + d, lambda: self.pulled(uid, index, found, d, chain))
            return
        self.event(
            pod, "Normal", "Pulled", f'Container image "{image}" already present on machine', spec["name"]
        )
        self.start_container(uid, index, found, chain)

    def _pull_time(self, key: str, lo: float, hi: float) -> float:
        """One seeded duration for every pull of ``key`` that starts at this instant."""
        k = (key, self.cluster.clock.now)
        if k not in self._pulls:
            self._pulls[k] = round(self.cluster.clock.random.uniform(lo, hi), 3)
        return self._pulls[k]

    def pulled(self, uid: str, index: int, image: images.Image, d: float, chain: bool = True) -> None:
        got = self._pod(uid)
        if got is None or got[1].killing:
            return
        pod, _rt = got
        spec = _all_specs(pod)[index]
        self.rt.images.add(f"{image.ref.repo}:{image.ref.tag}")
        took = go_duration(d)
        # upstream (v1.32): image_manager.go "Successfully pulled image %q in %v (%v including waiting).
        # Image size: %v bytes."
        self.event(
            pod,
            "Normal",
            "Pulled",
            f'Successfully pulled image "{spec["image"]}" in {took} '
            f"({took} including waiting). Image size: {image.size} bytes.",
            spec["name"],
        )
        self.start_container(uid, index, image, chain)

    def pull_failed(self, uid: str, index: int, err: str) -> None:
        live = self._live_container(uid, index)
        if live is None:
            return
        pod, rt, spec, ct = live
        name, image = spec["name"], spec["image"]
        self.event(pod, "Warning", "Failed", f'Failed to pull image "{image}": {err}', name)
        self.event(pod, "Warning", "Failed", "Error: ErrImagePull", name)
        ct.state, ct.reason, ct.message = "waiting", "ErrImagePull", err
        ct.backoff = PULL_BACKOFF if not ct.backoff else min(ct.backoff * 2, MAX_BACKOFF)
        self.write_status(uid)
        now = self.cluster.clock.now
        self.at(now + 1.0, lambda: self.pull_backoff(uid, index, err))
        self.at(now + ct.backoff, lambda: self.ensure_container_retry(uid, index))

    def pull_backoff(self, uid: str, index: int, err: str) -> None:
        live = self._live_container(uid, index)
        if live is None:
            return
        pod, rt, spec, ct = live
        self.event(pod, "Normal", "BackOff", f'Back-off pulling image "{spec["image"]}"', spec["name"])
        self.event(pod, "Warning", "Failed", "Error: ImagePullBackOff", spec["name"])
        ct.reason = "ImagePullBackOff"
        ct.message = f'Back-off pulling image "{spec["image"]}": ErrImagePull: {err}'
        self.write_status(uid)

    def ensure_container_retry(self, uid: str, index: int) -> None:
        got = self._pod(uid)
        if got is None or got[1].killing:
            return
        pod, rt = got
        if rt.containers[_all_specs(pod)[index]["name"]].state != "running":
            self.ensure_container(uid, index, chain=False)

    def start_container(self, uid: str, index: int, image: images.Image, chain: bool = True) -> None:
        live = self._live_container(uid, index)
        if live is None:
            return
        pod, rt, spec, ct = live
        ct.image = image
        ct.spec_image = spec.get("image", "")
        env_mod = _env_module()
        try:
            if env_mod is not None:
                ct.env = env_mod.container_env(self.cluster, pod, spec)
            else:
                ct.env = {e["name"]: str(e.get("value", "")) for e in spec.get("env") or [] if "name" in e}
        except Exception as err:  # noqa: BLE001 - the env module's ConfigError, by name
            if type(err).__name__ != "ConfigError":
                raise
            ct.state, ct.reason, ct.message = "waiting", "CreateContainerConfigError", str(err)
            self.event(pod, "Warning", "Failed", f"Error: {err}", spec["name"])
            self.write_status(uid)
            self.at(self.cluster.clock.now + 10.0, lambda: self.start_container(uid, index, image, False))
            if chain:
                self.ensure_container(uid, index + 1)
            return
        ct.fs = self.build_fs(pod, rt, spec, image)
        now = self.cluster.clock.now
        ct.container_id = (
            "docker://" + hashlib.sha256(f"{uid}/{spec['name']}/{ct.restart_count}".encode()).hexdigest()
        )
        self.event(pod, "Normal", "Created", f"Created container {spec['name']}", spec["name"])
        self.event(pod, "Normal", "Started", f"Started container {spec['name']}", spec["name"])
        ct.state, ct.reason, ct.message = "running", "", ""
        ct.started_at, ct.ever_started = now, True
        ct.ready = "readinessProbe" not in spec
        outcome = processes.main_process(self.cluster, pod, spec, ct, image)
        if isinstance(outcome, processes.Until):
            loop = outcome
            self.at(now, lambda: self.until_check(uid, spec["name"], loop))
            outcome = None
        if outcome is None:
            ct.logs.append(webapps.startup_log(self.cluster, ct))
        if outcome is not None:  # the process runs to completion
            ct.logs.append(outcome.stdout + outcome.stderr)
            code = outcome.returncode
            self.at(now + 0.1, lambda: self.container_exited(uid, spec["name"], code))
        elif "readinessProbe" in spec:
            delay = float(spec["readinessProbe"].get("initialDelaySeconds", 0))
            self.at(now + max(delay, 0.0), lambda: self.probe(uid, spec["name"]))
        self.write_status(uid)
        if chain and not ct.init:
            self.ensure_container(uid, index + 1)

    def build_fs(self, pod: dict, rt: PodRuntime, spec: dict, image: images.Image) -> ContainerFS:
        fs = ContainerFS(files=processes.image_files(image, pod, rt))
        for m in spec.get("volumeMounts") or []:
            backend = rt.volumes.get(m.get("name"))
            if m.get("subPath") and hasattr(backend, "pinned"):
                backend = backend.pinned()  # a subPath is a bind mount: it never sees later updates
            if backend is not None:
                fs.mounts.append(
                    Mount(
                        m["mountPath"].rstrip("/") or "/",
                        backend,
                        m.get("subPath", ""),
                        bool(m.get("readOnly")),
                    )
                )
        return fs

    # -- container exit, restart -------------------------------------------------
    def until_check(self, uid: str, name: str, loop: processes.Until) -> None:
        """``until CMD; do ...; sleep N; done``: the loop a typical init container waits with."""
        got = self._pod(uid)
        if got is None or got[1].killing or got[1].containers[name].state != "running":
            return
        pod, rt = got
        from ..node import exec as node_exec

        ct = rt.containers[name]
        result = node_exec.run_in(self.cluster, pod, ct, ["sh", "-c", loop.condition])
        ct.logs.append(result.stdout + result.stderr)
        if result.returncode == 0:
            self.container_exited(uid, name, 0)
            return
        if loop.body:
            ct.logs.append(node_exec.run_in(self.cluster, pod, ct, ["sh", "-c", loop.body]).stdout)
        self.at(self.cluster.clock.now + loop.period, lambda: self.until_check(uid, name, loop))

    def container_exited(self, uid: str, name: str, code: int) -> None:
        got = self._pod(uid)
        if got is None or got[1].killing:
            return
        pod, rt = got
        ct = rt.containers[name]
        now = self.cluster.clock.now
        ct.state, ct.exit_code, ct.finished_at, ct.ready = "terminated", code, now, False
        self.write_status(uid)
        policy = pod["spec"].get("restartPolicy", "Always")
        if ct.init:
            # upstream: kuberuntime_manager.go computePodActions: the next init container, or the app
            if code == 0:
                names = [c["name"] for c in _all_specs(pod)]
                index = names.index(name)
                if not any(c.init for c in list(rt.containers.values())[index + 1 :]):
                    rt.init_done = True
                self.ensure_container(uid, index + 1)
                return
            if policy == "Never":
                rt.phase_override = "Failed"
                return
            ct.backoff = PULL_BACKOFF if not ct.backoff else min(ct.backoff * 2, MAX_BACKOFF)
            self.at(now + 1.0, lambda: self.crash_backoff(uid, name))
            return
        if policy == "Never" or (policy == "OnFailure" and code == 0):
            return
        ct.backoff = PULL_BACKOFF if not ct.backoff else min(ct.backoff * 2, MAX_BACKOFF)
        self.at(now + 1.0, lambda: self.crash_backoff(uid, name))

    def crash_backoff(self, uid: str, name: str) -> None:
        """upstream: kuberuntime_manager.go doBackOff: CrashLoopBackOff and its BackOff event."""
        got = self._pod(uid)
        if got is None or got[1].killing:
            return
        pod, rt = got
        ct = rt.containers[name]
        meta = pod["metadata"]
        who = f"{meta['name']}_{meta.get('namespace', 'default')}({meta['uid']})"
        ct.last_state = {
            "terminated": {
                "containerID": ct.container_id,
                "exitCode": ct.exit_code,
                "finishedAt": self.cluster.clock.timestamp(ct.finished_at),
                "reason": "Completed" if ct.exit_code == 0 else "Error",
                "startedAt": self.cluster.clock.timestamp(ct.started_at),
            }
        }
        ct.state, ct.reason = "waiting", "CrashLoopBackOff"
        ct.message = f"back-off {int(ct.backoff)}s restarting failed container={name} pod={who}"
        self.event(
            pod, "Warning", "BackOff", f"Back-off restarting failed container {name} in pod {who}", name
        )
        self.write_status(uid)
        index = [c["name"] for c in _all_specs(pod)].index(name)
        self.at(self.cluster.clock.now + ct.backoff - 1.0, lambda: self.restart(uid, index))

    def restart(self, uid: str, index: int) -> None:
        live = self._live_container(uid, index)
        if live is None:
            return
        pod, rt, spec, ct = live
        ct.restart_count += 1
        ct.previous_logs, ct.logs = ct.logs, []  # a new container instance, a new log
        image = images.lookup(spec["image"])
        self.event(
            pod,
            "Normal",
            "Pulled",
            f'Container image "{spec["image"]}" already present on machine',
            spec["name"],
        )
        self.start_container(uid, index, image, chain=False)

    # -- readiness -------------------------------------------------------------------
    def probe(self, uid: str, name: str) -> None:
        got = self._pod(uid)
        if got is None or got[1].killing:
            return
        pod, rt = got
        ct = rt.containers.get(name)
        if ct is None or ct.state != "running":
            return
        spec = next(c for c in _all_specs(pod) if c["name"] == name)
        probe = spec["readinessProbe"]
        ok, why = probes.run(self.cluster, pod, rt, spec, probe)
        if not ok:
            self.event(pod, "Warning", "Unhealthy", f"Readiness probe failed: {why}", name)
        ct.ready = ok
        self.write_status(uid)
        self.at(self.cluster.clock.now + float(probe.get("periodSeconds", 10)), lambda: self.probe(uid, name))

    # -- termination -----------------------------------------------------------------
    def kill_pod(self, pod: dict, rt: PodRuntime) -> None:
        """upstream: kuberuntime_container.go killContainer ("Stopping container %s")."""
        rt.killing = True
        now = self.cluster.clock.now
        grace = float(
            pod["metadata"].get(
                "deletionGracePeriodSeconds", pod["spec"].get("terminationGracePeriodSeconds", 30)
            )
        )
        latest = 0.0
        for ct in rt.containers.values():
            if ct.state != "running":
                continue
            self.event(pod, "Normal", "Killing", f"Stopping container {ct.name}", ct.name)
            fast = ct.image is not None and ct.image.app.sigterm
            latest = max(latest, STOP_DELAY if fast else grace)
        uid = rt.uid
        self.at(now + min(latest, grace), lambda: self.pod_stopped(uid))

    def pod_stopped(self, uid: str) -> None:
        rt = self.rt.pods.get(uid)
        if rt is None:
            return
        pod = self.cluster.store.find("Pod", rt.name, rt.namespace)
        if pod is None or pod["metadata"]["uid"] != uid:
            return
        now = self.cluster.clock.now
        for ct in rt.containers.values():
            if ct.state == "running":
                fast = ct.image is not None and ct.image.app.sigterm
                ct.state, ct.finished_at, ct.ready = "terminated", now, False
                ct.exit_code = 0 if fast else 137
        self.pending_status.pop(uid, None)
        self._write_status_now(uid)
        self._remove_pod(pod)

    def _remove_pod(self, pod: dict) -> None:
        meta = pod["metadata"]
        if self.cluster.store.find("Pod", meta["name"], meta.get("namespace", "default")) is not None:
            self.cluster.store.delete("Pod", meta["name"], meta.get("namespace", "default"), grace_period=0)

    def _cleanup(self, pod: dict) -> None:
        uid = pod["metadata"].get("uid", "")
        if uid in self.rt.pods:
            self.rt.remove(uid)
            from ..node.volumes import emptydir

            emptydir.release(self.cluster, uid)
