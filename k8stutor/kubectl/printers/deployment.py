"""``kubectl get/describe deployments``.

upstream: pkg/printers/internalversion/printers.go (printDeployment: NAME READY UP-TO-DATE AVAILABLE
AGE, wide CONTAINERS IMAGES SELECTOR), staging/src/k8s.io/kubectl/pkg/describe/describe.go
(DeploymentDescriber / describeDeployment, printReplicaSetsByLabels) and
staging/src/k8s.io/kubectl/pkg/util/deployment/deployment.go (GetAllReplicaSets: OldReplicaSets are
the old ReplicaSets that still want pods).
"""

from __future__ import annotations

from ...api.selectors import format_label_selector
from ...controllers import deployment_util as util
from . import TableDef, register_describer, register_table
from .common import age, meta, spec, status
from .pvc import annotations_multiline, events_section, labels_multiline, tabbed
from .statefulset import containers_and_images, describe_pod_template


def deployment_row(cluster, d: dict) -> list[str]:
    st = status(d)
    ready = f"{st.get('readyReplicas', 0)}/{spec(d).get('replicas', 1)}"
    return [
        meta(d)["name"],
        ready,
        str(st.get("updatedReplicas", 0)),
        str(st.get("availableReplicas", 0)),
        age(cluster, meta(d).get("creationTimestamp")),
    ]


def deployment_wide(cluster, d: dict) -> list[str]:
    return [*containers_and_images(cluster, d), format_label_selector(spec(d).get("selector"))]


register_table(
    TableDef(
        "Deployment",
        ["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"],
        deployment_row,
        ["CONTAINERS", "IMAGES", "SELECTOR"],
        deployment_wide,
    )
)


def replica_sets_of(cluster, d: dict) -> tuple[list[dict], dict | None]:
    """(old ReplicaSets with pods wanted, new ReplicaSet) as kubectl's GetAllReplicaSets finds them."""
    uid = meta(d).get("uid")
    owned = [
        rs
        for rs in cluster.store.list("ReplicaSet", meta(d).get("namespace", "default"))
        if any(r.get("controller") and r.get("uid") == uid for r in meta(rs).get("ownerReferences") or [])
    ]
    template = spec(d).get("template") or {}
    new = next(
        (
            rs
            for rs in util.by_creation(owned)
            if util.equal_ignore_hash(spec(rs).get("template") or {}, template)
        ),
        None,
    )
    old = [rs for rs in owned if rs is not new and util.replicas(rs) != 0]
    return old, new


def _rs_list(rss: list[dict]) -> str:
    text = ", ".join(
        f"{meta(rs)['name']} ({status(rs).get('replicas', 0)}/{util.replicas(rs)} replicas created)"
        for rs in rss
    )
    return text or "<none>"


@register_describer("Deployment")
def describe_deployment(cluster, d: dict) -> str:
    m, sp, st = meta(d), spec(d), status(d)
    created = cluster.clock.datetime(cluster.clock.now - cluster.clock.seconds_since(m["creationTimestamp"]))
    text = f"Name:\t{m['name']}\nNamespace:\t{m.get('namespace', 'default')}\n"
    text += f"CreationTimestamp:\t{created.strftime('%a, %d %b %Y %H:%M:%S +0000')}\n"
    text += labels_multiline("Labels", m.get("labels"))
    text += annotations_multiline("Annotations", m.get("annotations"))
    text += f"Selector:\t{format_label_selector(sp.get('selector'))}\n"
    text += (
        f"Replicas:\t{sp.get('replicas', 1)} desired | {st.get('updatedReplicas', 0)} updated | "
        f"{st.get('replicas', 0)} total | {st.get('availableReplicas', 0)} available | "
        f"{st.get('unavailableReplicas', 0)} unavailable\n"
    )
    strategy = sp.get("strategy") or {}
    text += f"StrategyType:\t{strategy.get('type', '')}\nMinReadySeconds:\t{sp.get('minReadySeconds', 0)}\n"
    ru = strategy.get("rollingUpdate")
    if ru is not None:
        text += (
            f"RollingUpdateStrategy:\t{ru.get('maxUnavailable', 0)} max unavailable, "
            f"{ru.get('maxSurge', 0)} max surge\n"
        )
    text += describe_pod_template(sp.get("template") or {})
    conditions = st.get("conditions") or []
    if conditions:
        text += "Conditions:\n  Type\tStatus\tReason\n  ----\t------\t------\n"
        text += "".join(f"  {c['type']} \t{c['status']}\t{c.get('reason', '')}\n" for c in conditions)
    old, new = replica_sets_of(cluster, d)
    if old or new is not None:
        text += f"OldReplicaSets:\t{_rs_list(old)}\nNewReplicaSet:\t{_rs_list([new] if new else [])}\n"
    events = events_section(cluster, d)
    if events.startswith("Events:\t"):  # no events: no flush, so the line aligns with the ones above
        return tabbed(text + events.rstrip("\n")) + "\n"
    return tabbed(text.rstrip("\n")) + "\n" + events
