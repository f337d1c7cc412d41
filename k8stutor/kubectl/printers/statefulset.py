"""``kubectl get/describe statefulsets``.

upstream: pkg/printers/internalversion/printers.go (printStatefulSet: NAME READY AGE, wide CONTAINERS
IMAGES; READY is readyReplicas/spec.replicas), staging/src/k8s.io/kubectl/pkg/describe/describe.go
(describeStatefulSet, getPodStatusForController, DescribePodTemplate, describeContainers,
describeVolumes, describeVolumeClaimTemplates).
"""

from __future__ import annotations

from ...api.selectors import format_label_selector
from . import TableDef, register_describer, register_table
from .common import age, meta, spec, status
from .pvc import annotations_multiline, finish, go_list, labels_multiline


def sts_row(cluster, sts: dict) -> list[str]:
    ready = f"{status(sts).get('readyReplicas', 0)}/{spec(sts).get('replicas', 1)}"
    return [meta(sts)["name"], ready, age(cluster, meta(sts).get("creationTimestamp"))]


def containers_and_images(_cluster, obj: dict) -> list[str]:
    containers = (spec(obj).get("template") or {}).get("spec", {}).get("containers") or []
    return [",".join(c.get("name", "") for c in containers), ",".join(c.get("image", "") for c in containers)]


register_table(
    TableDef(
        "StatefulSet", ["NAME", "READY", "AGE"], sts_row, ["CONTAINERS", "IMAGES"], containers_and_images
    )
)


# -- the pod template, as DescribePodTemplate prints it ----------------------------------------------
def _ports(ports: list[dict], key: str) -> str:
    return ", ".join(f"{p.get(key, 0)}/{p.get('protocol', 'TCP')}" for p in ports)


def _container(c: dict) -> str:
    text = f"   {c['name']}:\n    Image:\t{c.get('image', '')}\n"
    ports = c.get("ports") or []
    for title, key in (("Port", "containerPort"), ("Host Port", "hostPort")):
        value = _ports(ports, key)
        text += f"    {title}{'s' if ',' in value else ''}:\t{value or '<none>'}\n"
    for title, key in (("Command", "command"), ("Args", "args")):
        if c.get(key):
            text += f"    {title}:\n" + "".join(
                f"      {line}\n" for a in c[key] for line in str(a).split("\n")
            )
    res = c.get("resources") or {}
    for title, key in (("Limits", "limits"), ("Requests", "requests")):
        if res.get(key):
            text += f"    {title}:\n" + "".join(f"      {k}:\t{res[key][k]}\n" for k in sorted(res[key]))
    env = c.get("env") or []
    text += "    Environment:" + ("\t<none>\n" if not env else "\n")
    for e in env:
        text += f"      {e['name']}:\t{e.get('value', '')}\n"
    mounts = sorted(c.get("volumeMounts") or [], key=lambda m: m.get("mountPath", ""))
    text += "    Mounts:" + ("\t<none>\n" if not mounts else "\n")
    for m in mounts:
        flags = ["ro" if m.get("readOnly") else "rw"] + (
            [f'path="{m["subPath"]}"'] if m.get("subPath") else []
        )
        text += f"      {m['mountPath']} from {m['name']} ({','.join(flags)})\n"
    return text


def _volumes(volumes: list[dict]) -> str:
    if not volumes:
        return "  Volumes:\t<none>\n"
    text = "  Volumes:\n"
    for v in volumes:
        text += f"   {v['name']}:\n"
        if "persistentVolumeClaim" in v:
            pvc = v["persistentVolumeClaim"]
            text += (
                "    Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same "
                "namespace)\n"
            )
            text += f"    ClaimName:\t{pvc.get('claimName', '')}\n"
            text += f"    ReadOnly:\t{str(bool(pvc.get('readOnly')))}\n"
        elif "emptyDir" in v:
            ed = v["emptyDir"] or {}
            text += "    Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n"
            text += f"    Medium:\t{ed.get('medium', '')}\n    SizeLimit:\t{ed.get('sizeLimit', '<unset>')}\n"
        elif "configMap" in v:
            cm = v["configMap"]
            text += "    Type:\tConfigMap (a volume populated by a ConfigMap)\n"
            text += (
                f"    Name:\t{cm.get('name', '')}\n    Optional:\t{str(bool(cm.get('optional'))).lower()}\n"
            )
        else:
            text += f"    Type:\t{next(iter(k for k in v if k != 'name'), '<unknown>')}\n"
    return text


def describe_pod_template(template: dict) -> str:
    tm, ts = template.get("metadata") or {}, template.get("spec") or {}
    text = "Pod Template:\n" + labels_multiline("Labels", tm.get("labels"), "  ")
    if tm.get("annotations"):
        text += annotations_multiline("Annotations", tm["annotations"], "  ")
    if ts.get("serviceAccountName"):
        text += f"  Service Account:\t{ts['serviceAccountName']}\n"
    if ts.get("initContainers"):
        text += "  Init Containers:\n" + "".join(_container(c) for c in ts["initContainers"])
    containers = ts.get("containers") or []
    text += (
        "  Containers:" + ("\n" if containers else " <none>\n") + "".join(_container(c) for c in containers)
    )
    text += _volumes(ts.get("volumes") or [])
    if ts.get("priorityClassName"):
        text += f"  Priority Class Name:\t{ts['priorityClassName']}\n"
    text += labels_multiline("Node-Selectors", ts.get("nodeSelector"), "  ")
    tolerations = ts.get("tolerations") or []
    text += "  Tolerations:\t" + ("<none>\n" if not tolerations else "\n")
    return text


def describe_claim_templates(templates: list[dict]) -> str:
    if not templates:
        return "Volume Claims:\t<none>\n"
    text = "Volume Claims:\n"
    for t in templates:
        tm, ts = t.get("metadata") or {}, t.get("spec") or {}
        text += f"  Name:\t{tm.get('name', '')}\n  StorageClass:\t{ts.get('storageClassName', '')}\n"
        text += labels_multiline("Labels", tm.get("labels"), "  ")
        text += labels_multiline("Annotations", tm.get("annotations"), "  ")
        storage = ((ts.get("resources") or {}).get("requests") or {}).get("storage")
        text += f"  Capacity:\t{storage if storage is not None else '<default>'}\n"
        text += f"  Access Modes:\t{go_list(ts.get('accessModes'))}\n"
    return text


def pods_status(cluster, sts: dict) -> tuple[int, int, int, int]:
    from ...api.selectors import from_label_selector

    sel = from_label_selector(spec(sts).get("selector"))
    counts = {"Running": 0, "Pending": 0, "Succeeded": 0, "Failed": 0}
    for pod in cluster.store.list("Pod", meta(sts).get("namespace", "default"), selector=sel):
        if any(
            r.get("controller") and r.get("uid") == meta(sts)["uid"]
            for r in meta(pod).get("ownerReferences") or []
        ):
            phase = status(pod).get("phase", "")
            if phase in counts:
                counts[phase] += 1
    return counts["Running"], counts["Pending"], counts["Succeeded"], counts["Failed"]


@register_describer("StatefulSet")
def describe_sts(cluster, sts: dict) -> str:
    m, sp = meta(sts), spec(sts)
    created = cluster.clock.datetime(cluster.clock.now - cluster.clock.seconds_since(m["creationTimestamp"]))
    text = f"Name:\t{m['name']}\nNamespace:\t{m.get('namespace', 'default')}\n"
    text += f"CreationTimestamp:\t{created.strftime('%a, %d %b %Y %H:%M:%S +0000')}\n"
    text += f"Selector:\t{format_label_selector(sp.get('selector'))}\n"
    text += labels_multiline("Labels", m.get("labels"))
    text += annotations_multiline("Annotations", m.get("annotations"))
    text += f"Replicas:\t{sp.get('replicas', 1)} desired | {status(sts).get('replicas', 0)} total\n"
    strategy = sp.get("updateStrategy") or {}
    text += f"Update Strategy:\t{strategy.get('type', '')}\n"
    rolling = strategy.get("rollingUpdate")
    if rolling is not None and rolling.get("partition") is not None:
        text += f"  Partition:\t{rolling['partition']}\n"
    running, waiting, succeeded, failed = pods_status(cluster, sts)
    text += f"Pods Status:\t{running} Running / {waiting} Waiting / {succeeded} Succeeded / {failed} Failed\n"
    text += describe_pod_template(sp.get("template") or {})
    text += describe_claim_templates(sp.get("volumeClaimTemplates") or [])
    return finish(cluster, sts, text)
