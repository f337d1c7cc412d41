"""``kubectl get pods``: NAME READY STATUS RESTARTS AGE (+ IP NODE NOMINATED NODE READINESS GATES).

upstream: pkg/printers/internalversion/printers.go (printPod, v1.32): the STATUS column is the pod's
phase or reason, overridden by init container and container states, ``Terminating`` once a
deletionTimestamp is set; RESTARTS adds "(5s ago)" from the last termination.
"""

from __future__ import annotations

from . import TableDef, register_table
from .common import age, meta, spec, status


def _restartable(container: dict | None) -> bool:
    return bool(container) and container.get("restartPolicy") == "Always"


def _later(a: str | None, b: str | None) -> str | None:
    if not b:
        return a
    return b if a is None or b > a else a


def pod_ready_status_restarts(cluster, pod: dict) -> tuple[str, str, str]:
    st, sp = status(pod), spec(pod)
    restarts = sidecar_restarts = 0
    total = len(sp.get("containers") or [])
    ready = 0
    last_restart = last_sidecar_restart = None
    phase = st.get("phase") or ""
    reason = st.get("reason") or phase
    for cond in st.get("conditions") or []:
        if cond.get("type") == "PodScheduled" and cond.get("reason") == "SchedulingGated":
            reason = "SchedulingGated"
    inits = {c.get("name"): c for c in sp.get("initContainers") or []}
    total += sum(1 for c in inits.values() if _restartable(c))
    initializing = False
    for i, cs in enumerate(st.get("initContainerStatuses") or []):
        restarts += int(cs.get("restartCount") or 0)
        term_last = (cs.get("lastState") or {}).get("terminated")
        if term_last:
            last_restart = _later(last_restart, term_last.get("finishedAt"))
        if _restartable(inits.get(cs.get("name"))):
            sidecar_restarts += int(cs.get("restartCount") or 0)
            if term_last:
                last_sidecar_restart = _later(last_sidecar_restart, term_last.get("finishedAt"))
        state = cs.get("state") or {}
        term, wait = state.get("terminated"), state.get("waiting")
        if term and term.get("exitCode", 0) == 0:
            continue
        if _restartable(inits.get(cs.get("name"))) and cs.get("started"):
            ready += 1 if cs.get("ready") else 0
            continue
        if term:
            if not term.get("reason"):
                reason = (
                    f"Init:Signal:{term['signal']}"
                    if term.get("signal")
                    else f"Init:ExitCode:{term.get('exitCode', 0)}"
                )
            else:
                reason = "Init:" + term["reason"]
        elif wait and wait.get("reason") and wait.get("reason") != "PodInitializing":
            reason = "Init:" + wait["reason"]
        else:
            reason = f"Init:{i}/{len(inits)}"
        initializing = True
        break
    initialized = any(
        c.get("type") == "Initialized" and c.get("status") == "True" for c in st.get("conditions") or []
    )
    if not initializing or initialized:
        restarts, last_restart = sidecar_restarts, last_sidecar_restart
        has_running = False
        for cs in reversed(st.get("containerStatuses") or []):
            restarts += int(cs.get("restartCount") or 0)
            term_last = (cs.get("lastState") or {}).get("terminated")
            if term_last:
                last_restart = _later(last_restart, term_last.get("finishedAt"))
            state = cs.get("state") or {}
            wait, term = state.get("waiting"), state.get("terminated")
            if wait and wait.get("reason"):
                reason = wait["reason"]
            elif term and term.get("reason"):
                reason = term["reason"]
            elif term:
                reason = (
                    f"Signal:{term['signal']}"
                    if term.get("signal")
                    else f"ExitCode:{term.get('exitCode', 0)}"
                )
            elif cs.get("ready") and "running" in state:
                has_running = True
                ready += 1
        if reason == "Completed" and has_running:
            pod_ready = any(
                c.get("type") == "Ready" and c.get("status") == "True" for c in st.get("conditions") or []
            )
            reason = "Running" if pod_ready else "NotReady"
    if meta(pod).get("deletionTimestamp") and st.get("reason") == "NodeLost":
        reason = "Unknown"
    elif meta(pod).get("deletionTimestamp") and phase not in ("Succeeded", "Failed"):
        reason = "Terminating"
    restarts_text = str(restarts)
    if restarts and last_restart:
        restarts_text = f"{restarts} ({age(cluster, last_restart)} ago)"
    return f"{ready}/{total}", reason, restarts_text


def row(cluster, pod: dict) -> list[str]:
    ready, reason, restarts = pod_ready_status_restarts(cluster, pod)
    return [
        meta(pod).get("name", ""),
        ready,
        reason,
        restarts,
        age(cluster, meta(pod).get("creationTimestamp")),
    ]


def wide_row(cluster, pod: dict) -> list[str]:
    st, sp = status(pod), spec(pod)
    ips = st.get("podIPs") or []
    ip = (ips[0].get("ip") if ips else "") or st.get("podIP") or "<none>"
    gates = sp.get("readinessGates") or []
    gates_text = "<none>"
    if gates:
        conds = {c.get("type"): c.get("status") for c in st.get("conditions") or []}
        true = sum(1 for g in gates if conds.get(g.get("conditionType")) == "True")
        gates_text = f"{true}/{len(gates)}"
    return [ip, sp.get("nodeName") or "<none>", st.get("nominatedNodeName") or "<none>", gates_text]


register_table(
    TableDef(
        "Pod",
        ["NAME", "READY", "STATUS", "RESTARTS", "AGE"],
        row,
        ["IP", "NODE", "NOMINATED NODE", "READINESS GATES"],
        wide_row,
    )
)


# -- kubectl describe pod (staging/src/k8s.io/kubectl/pkg/describe/describe.go describePod) ----------
from . import register_describer  # noqa: E402
from .describe_util import (  # noqa: E402
    Writer,
    annotations_multiline,
    controlled_by,
    describe_events,
    labels_multiline,
    or_none,
    rfc1123z,
)


@register_describer("Pod")
def describe_pod(cluster, pod: dict) -> str:
    m, sp, st = meta(pod), spec(pod), status(pod)
    w = Writer()
    w.write(0, f"Name:\t{m.get('name')}\n")
    w.write(0, f"Namespace:\t{m.get('namespace')}\n")
    if sp.get("priority") is not None:
        w.write(0, f"Priority:\t{sp['priority']}\n")
    if sp.get("priorityClassName"):
        w.write(0, f"Priority Class Name:\t{sp['priorityClassName']}\n")
    if sp.get("runtimeClassName"):
        w.write(0, f"Runtime Class Name:\t{sp['runtimeClassName']}\n")
    if sp.get("serviceAccountName"):
        w.write(0, f"Service Account:\t{sp['serviceAccountName']}\n")
    node = sp.get("nodeName")
    w.write(0, f"Node:\t{node}/{st.get('hostIP', '')}\n" if node else "Node:\t<none>\n")
    if st.get("startTime"):
        w.write(0, f"Start Time:\t{rfc1123z(st['startTime'])}\n")
    labels_multiline(w, "Labels", m.get("labels"))
    annotations_multiline(w, "Annotations", m.get("annotations"))
    if m.get("deletionTimestamp") and st.get("phase") not in ("Failed", "Succeeded"):
        w.write(0, f"Status:\tTerminating (lasts {age(cluster, m['deletionTimestamp'])})\n")
        w.write(0, f"Termination Grace Period:\t{m.get('deletionGracePeriodSeconds', 0)}s\n")
    else:
        w.write(0, f"Status:\t{st.get('phase', '')}\n")
    if st.get("reason"):
        w.write(0, f"Reason:\t{st['reason']}\n")
    if st.get("message"):
        w.write(0, f"Message:\t{st['message']}\n")
    w.write(0, f"IP:\t{st.get('podIP', '')}\n")
    ips = st.get("podIPs") or []
    if not ips:
        w.write(0, "IPs:\t<none>\n")
    else:
        w.write(0, "IPs:\n")
        for ip in ips:
            w.write(1, f"IP:\t{ip.get('ip')}\n")
    if controlled_by(pod):
        w.write(0, f"Controlled By:\t{controlled_by(pod)}\n")
    if st.get("nominatedNodeName"):
        w.write(0, f"NominatedNodeName:\t{st['nominatedNodeName']}\n")
    if sp.get("initContainers"):
        describe_containers(w, "Init Containers", sp["initContainers"], st.get("initContainerStatuses"))
    describe_containers(w, "Containers", sp.get("containers") or [], st.get("containerStatuses"))
    if sp.get("readinessGates"):
        conds = {c.get("type"): c.get("status") for c in st.get("conditions") or []}
        w.write(0, "Readiness Gates:\n  Type\tStatus\n")
        for g in sp["readinessGates"]:
            w.write(1, f"{g.get('conditionType')} \t{conds.get(g.get('conditionType'), '<none>')} \n")
    if st.get("conditions"):
        w.write(0, "Conditions:\n  Type\tStatus\n")
        for c in st["conditions"]:
            w.write(1, f"{c.get('type')} \t{c.get('status')} \n")
    describe_volumes(w, sp.get("volumes") or [])
    w.write(0, f"QoS Class:\t{st.get('qosClass', '')}\n")
    labels_multiline(w, "Node-Selectors", sp.get("nodeSelector"))
    tolerations_multiline(w, "Tolerations", sp.get("tolerations") or [])
    describe_events(cluster, pod, w)
    return w.text()


def describe_containers(w: Writer, label: str, containers: list[dict], statuses: list[dict] | None) -> None:
    by_name = {s.get("name"): s for s in statuses or []}
    w.write(0, f"{label}:\n" if containers else f"{label}: <none>\n")
    for c in containers:
        s = by_name.get(c.get("name"))
        w.write(1, f"{c.get('name')}:\n")
        if s is not None:
            w.write(2, f"Container ID:\t{s.get('containerID', '')}\n")
        w.write(2, f"Image:\t{c.get('image', '')}\n")
        if s is not None:
            w.write(2, f"Image ID:\t{s.get('imageID', '')}\n")
        ports = c.get("ports") or []
        port_text = ", ".join(f"{p.get('containerPort')}/{p.get('protocol', 'TCP')}" for p in ports)
        host_text = ", ".join(f"{p.get('hostPort', 0)}/{p.get('protocol', 'TCP')}" for p in ports)
        w.write(2, f"Ports:\t{port_text}\n" if "," in port_text else f"Port:\t{or_none(port_text)}\n")
        w.write(
            2, f"Host Ports:\t{host_text}\n" if "," in host_text else f"Host Port:\t{or_none(host_text)}\n"
        )
        if c.get("restartPolicy"):
            w.write(2, f"Restart Policy:\t{c['restartPolicy']}\n")
        for title, key in (("Command", "command"), ("Args", "args")):
            if c.get(key):
                w.write(2, f"{title}:\n")
                for arg in c[key]:
                    for s_line in str(arg).split("\n"):
                        w.write(3, f"{s_line}\n")
        if s is not None:
            describe_state(w, "State", s.get("state") or {})
            if (s.get("lastState") or {}).get("terminated"):
                describe_state(w, "Last State", s["lastState"])
            w.write(2, f"Ready:\t{'True' if s.get('ready') else 'False'}\n")
            w.write(2, f"Restart Count:\t{s.get('restartCount', 0)}\n")
        describe_resources(w, c.get("resources") or {})
        for title, key in (
            ("Liveness", "livenessProbe"),
            ("Readiness", "readinessProbe"),
            ("Startup", "startupProbe"),
        ):
            if c.get(key):
                w.write(2, f"{title}:\t{describe_probe(c[key])}\n")
        if c.get("envFrom"):
            w.write(2, "Environment Variables from:\n")
            for ef in c["envFrom"]:
                src, kind = (
                    (ef.get("configMapRef"), "ConfigMap")
                    if ef.get("configMapRef")
                    else (ef.get("secretRef") or {}, "Secret")
                )
                optional = "true" if src.get("optional") else "false"
                if ef.get("prefix"):
                    w.write(
                        3, f"{src.get('name')}\t{kind} with prefix '{ef['prefix']}'\tOptional: {optional}\n"
                    )
                else:
                    w.write(3, f"{src.get('name')}\t{kind}\tOptional: {optional}\n")
        describe_env(w, c.get("env") or [])
        mounts = sorted(c.get("volumeMounts") or [], key=lambda v: v.get("mountPath", ""))
        w.write(2, "Mounts:\n" if mounts else "Mounts:\t<none>\n")
        for mt in mounts:
            flags = ["ro" if mt.get("readOnly") else "rw"]
            if mt.get("subPath"):
                flags.append(f'path="{mt["subPath"]}"')
            w.write(3, f"{mt.get('mountPath')} from {mt.get('name')} ({','.join(flags)})\n")


def describe_state(w: Writer, title: str, state: dict) -> None:
    if "running" in state:
        w.write(2, f"{title}:\tRunning\n")
        w.write(3, f"Started:\t{rfc1123z((state['running'] or {}).get('startedAt'))}\n")
    elif "waiting" in state:
        w.write(2, f"{title}:\tWaiting\n")
        if (state["waiting"] or {}).get("reason"):
            w.write(3, f"Reason:\t{state['waiting']['reason']}\n")
    elif "terminated" in state:
        t = state["terminated"] or {}
        w.write(2, f"{title}:\tTerminated\n")
        if t.get("reason"):
            w.write(3, f"Reason:\t{t['reason']}\n")
        if t.get("message"):
            w.write(3, f"Message:\t{t['message']}\n")
        w.write(3, f"Exit Code:\t{t.get('exitCode', 0)}\n")
        if t.get("signal"):
            w.write(3, f"Signal:\t{t['signal']}\n")
        w.write(3, f"Started:\t{rfc1123z(t.get('startedAt'))}\n")
        w.write(3, f"Finished:\t{rfc1123z(t.get('finishedAt'))}\n")
    else:
        w.write(2, f"{title}:\tWaiting\n")


def describe_resources(w: Writer, resources: dict) -> None:
    for title, key in (("Limits", "limits"), ("Requests", "requests")):
        values = resources.get(key) or {}
        if values:
            w.write(2, f"{title}:\n")
            for name in sorted(values):
                w.write(3, f"{name}:\t{values[name]}\n")


def describe_probe(probe: dict) -> str:
    attrs = (
        f"delay={probe.get('initialDelaySeconds', 0)}s timeout={probe.get('timeoutSeconds', 1)}s "
        f"period={probe.get('periodSeconds', 10)}s #success={probe.get('successThreshold', 1)} "
        f"#failure={probe.get('failureThreshold', 3)}"
    )
    if probe.get("exec"):
        return f"exec [{' '.join(probe['exec'].get('command') or [])}] {attrs}"
    if probe.get("httpGet"):
        h = probe["httpGet"]
        scheme = (h.get("scheme") or "HTTP").lower()
        return f"http-get {scheme}://{h.get('host', '')}:{h.get('port')}{h.get('path', '')} {attrs}"
    if probe.get("tcpSocket"):
        return f"tcp-socket {probe['tcpSocket'].get('host', '')}:{probe['tcpSocket'].get('port')} {attrs}"
    if probe.get("grpc"):
        return f"grpc <pod>:{probe['grpc'].get('port')} {probe['grpc'].get('service', '')} {attrs}"
    return f"unknown {attrs}"


def describe_env(w: Writer, env: list[dict]) -> None:
    w.write(2, "Environment:\n" if env else "Environment:\t<none>\n")
    for e in env:
        vf = e.get("valueFrom")
        if not vf:
            for i, s_line in enumerate(str(e.get("value", "")).split("\n")):
                w.write(3, f"{e.get('name')}:\t{s_line}\n" if i == 0 else f"\t{s_line}\n")
            continue
        if vf.get("secretKeyRef"):
            r = vf["secretKeyRef"]
            w.write(
                3,
                f"{e.get('name')}:\t<set to the key '{r.get('key')}' in secret '{r.get('name')}'>\t"
                f"Optional: {'true' if r.get('optional') else 'false'}\n",
            )
        elif vf.get("configMapKeyRef"):
            r = vf["configMapKeyRef"]
            w.write(
                3,
                f"{e.get('name')}:\t<set to the key '{r.get('key')}' of config map '{r.get('name')}'>\t"
                f"Optional: {'true' if r.get('optional') else 'false'}\n",
            )
        elif vf.get("fieldRef"):
            r = vf["fieldRef"]
            w.write(3, f"{e.get('name')}:\t ({r.get('apiVersion', 'v1')}:{r.get('fieldPath')})\n")
        elif vf.get("resourceFieldRef"):
            r = vf["resourceFieldRef"]
            w.write(3, f"{e.get('name')}:\t{r.get('resource')}\n")


def describe_volumes(w: Writer, volumes: list[dict]) -> None:
    if not volumes:
        w.write(0, "Volumes:\t<none>\n")
        return
    w.write(0, "Volumes:\n")
    for v in volumes:
        w.write(1, f"{v.get('name')}:\n")
        if "hostPath" in v:
            h = v["hostPath"] or {}
            w.write(
                2,
                f"Type:\tHostPath (bare host directory volume)\n    Path:\t{h.get('path')}\n"
                f"    HostPathType:\t{h.get('type') or '<none>'}\n",
            )
        elif "emptyDir" in v:
            e = v["emptyDir"] or {}
            w.write(
                2,
                "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n"
                f"    Medium:\t{e.get('medium', '')}\n    SizeLimit:\t{e.get('sizeLimit') or '<unset>'}\n",
            )
        elif "secret" in v:
            s = v["secret"] or {}
            w.write(
                2,
                "Type:\tSecret (a volume populated by a Secret)\n"
                f"    SecretName:\t{s.get('secretName')}\n"
                f"    Optional:\t{'true' if s.get('optional') else 'false'}\n",
            )
        elif "configMap" in v:
            c = v["configMap"] or {}
            w.write(
                2,
                "Type:\tConfigMap (a volume populated by a ConfigMap)\n"
                f"    Name:\t{c.get('name')}\n    Optional:\t{'true' if c.get('optional') else 'false'}\n",
            )
        elif "persistentVolumeClaim" in v:
            c = v["persistentVolumeClaim"] or {}
            w.write(
                2,
                "Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same "
                f"namespace)\n    ClaimName:\t{c.get('claimName')}\n"
                f"    ReadOnly:\t{'true' if c.get('readOnly') else 'false'}\n",
            )
        elif "projected" in v:
            _projected(w, v["projected"] or {})
        else:
            w.write(2, "<unknown>\n")


def _go_bool_ptr(value) -> str:
    return "<nil>" if value is None else ("true" if value else "false")


def _projected(w: Writer, projected: dict) -> None:
    w.write(2, "Type:\tProjected (a volume that contains injected data from multiple sources)\n")
    for src in projected.get("sources") or []:
        if src.get("secret") is not None:
            w.write(
                2,
                f"SecretName:\t{src['secret'].get('name')}\n"
                f"    SecretOptionalName:\t{_go_bool_ptr(src['secret'].get('optional'))}\n",
            )
        elif src.get("downwardAPI") is not None:
            w.write(2, "DownwardAPI:\ttrue\n")
        elif src.get("configMap") is not None:
            w.write(
                2,
                f"ConfigMapName:\t{src['configMap'].get('name')}\n"
                f"    ConfigMapOptional:\t{_go_bool_ptr(src['configMap'].get('optional'))}\n",
            )
        elif src.get("serviceAccountToken") is not None:
            w.write(
                2, f"TokenExpirationSeconds:\t{src['serviceAccountToken'].get('expirationSeconds', 3600)}\n"
            )


def tolerations_multiline(w: Writer, title: str, tolerations: list[dict]) -> None:
    w.write(0, f"{title}:\t")
    if not tolerations:
        w.line("<none>")
        return
    for i, t in enumerate(sorted(tolerations, key=lambda t: t.get("key", ""))):
        if i:
            w.write(0, "\t")
        text = t.get("key", "")
        if t.get("value"):
            text += f"={t['value']}"
        if t.get("effect"):
            text += f":{t['effect']}"
        if t.get("operator") == "Exists" and not t.get("value"):
            text += " op=Exists" if (t.get("key") or t.get("effect")) else "op=Exists"
        if t.get("tolerationSeconds") is not None:
            text += f" for {t['tolerationSeconds']}s"
        w.write(0, text + "\n")
