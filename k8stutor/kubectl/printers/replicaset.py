"""``kubectl get/describe replicasets``.

upstream: pkg/printers/internalversion/printers.go (printReplicaSet: NAME DESIRED CURRENT READY AGE;
wide CONTAINERS IMAGES SELECTOR), staging/src/k8s.io/kubectl/pkg/describe/describe.go
(ReplicaSetDescriber / describeReplicaSet, getPodStatusForController, printController).
"""

from __future__ import annotations

from ...api import events, selectors
from . import TableDef, register_describer, register_table
from .common import age, meta, spec, status

# The describe building blocks (tabwriter, labels, pod template, events) are shared with the
# other workload describers.
from .pvc import annotations_multiline, events_section, labels_multiline, tabbed
from .statefulset import describe_pod_template


def rs_row(cluster, rs: dict) -> list[str]:
    st = status(rs)
    return [meta(rs)["name"], str(spec(rs).get("replicas", 1)), str(st.get("replicas", 0)),
            str(st.get("readyReplicas", 0)), age(cluster, meta(rs).get("creationTimestamp"))]


def containers_images(obj: dict) -> list[str]:
    """upstream: printers.go layoutContainerCells."""
    containers = ((spec(obj).get("template") or {}).get("spec") or {}).get("containers") or []
    return [",".join(c.get("name", "") for c in containers), ",".join(c.get("image", "") for c in containers)]


def rs_wide_row(_cluster, rs: dict) -> list[str]:
    return [*containers_images(rs), selectors.format_label_selector(spec(rs).get("selector"))]


register_table(TableDef("ReplicaSet", ["NAME", "DESIRED", "CURRENT", "READY", "AGE"], rs_row,
                        ["CONTAINERS", "IMAGES", "SELECTOR"], rs_wide_row))


def pods_status(cluster, owner: dict, selector: selectors.Selector) -> str:
    """``N Running / N Waiting / N Succeeded / N Failed`` over the pods the owner controls.

    upstream: describe.go getPodStatusForController (Pending counts as Waiting)."""
    counts = {"Running": 0, "Pending": 0, "Succeeded": 0, "Failed": 0}
    uid = meta(owner)["uid"]
    for pod in cluster.store.list("Pod", meta(owner).get("namespace", "default"), selector=selector):
        ref = next((r for r in meta(pod).get("ownerReferences") or [] if r.get("controller")), None)
        if ref is None or ref.get("uid") != uid:
            continue
        phase = status(pod).get("phase", "")
        if phase in counts:
            counts[phase] += 1
    return "{Running} Running / {Pending} Waiting / {Succeeded} Succeeded / {Failed} Failed".format(**counts)


def controlled_by(obj: dict) -> str:
    """upstream: describe.go printController (``Deployment/name``)."""
    ref = next((r for r in meta(obj).get("ownerReferences") or [] if r.get("controller")), None)
    return f"{ref['kind']}/{ref['name']}" if ref else ""


def conditions_block(obj: dict) -> str:
    conds = status(obj).get("conditions") or []
    if not conds:
        return ""
    text = "Conditions:\n  Type\tStatus\tReason\n  ----\t------\t------\n"
    return text + "".join(f"  {c.get('type')} \t{c.get('status')}\t{c.get('reason', '')}\n" for c in conds)


def finish(cluster, obj: dict, text: str) -> str:
    """The events section: ``Events: <none>`` joins the main tabwriter, a table flushes it first."""
    if not events.for_object(cluster.store, obj):
        return tabbed(text + "Events:\t<none>") + "\n"
    return tabbed(text.rstrip("\n")) + "\n" + events_section(cluster, obj)


@register_describer("ReplicaSet")
def describe_rs(cluster, rs: dict) -> str:
    m, sp = meta(rs), spec(rs)
    try:
        selector = selectors.from_label_selector(sp.get("selector"))
    except selectors.SelectorError as exc:
        return f"error: {exc.message}\n"
    text = f"Name:\t{m['name']}\nNamespace:\t{m.get('namespace', 'default')}\nSelector:\t{selector}\n"
    text += labels_multiline("Labels", m.get("labels"))
    text += annotations_multiline("Annotations", m.get("annotations"))
    if owner := controlled_by(rs):
        text += f"Controlled By:\t{owner}\n"
    text += f"Replicas:\t{status(rs).get('replicas', 0)} current / {sp.get('replicas', 1)} desired\n"
    text += f"Pods Status:\t{pods_status(cluster, rs, selector)}\n"
    text += describe_pod_template(sp.get("template") or {})
    text += conditions_block(rs)
    return finish(cluster, rs, text)
