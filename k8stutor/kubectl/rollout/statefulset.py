"""``kubectl rollout status|history|undo`` and ``scale`` for StatefulSets.

upstream: staging/src/k8s.io/kubectl/pkg/polymorphichelpers/rollout_status.go (StatefulSetStatusViewer),
history.go (StatefulSetHistoryViewer, printHistory), rollback.go (StatefulSetRollbacker, findHistory,
rollbackSuccess/rollbackSkipped), staging/src/k8s.io/kubectl/pkg/cmd/scale/scale.go.

Registered as the StatefulSet's :class:`~k8stutor.kubectl.rollout.Handlers`; errors are raised as
``RolloutError`` whose text kubectl prints after ``error: ``.
"""

from __future__ import annotations

import copy

from ...api.selectors import from_label_selector
from ..printers.pvc import tabbed
from ..verbs.patch import strategic_merge
from . import Handlers, RolloutError, register

KIND = "StatefulSet"
__all__ = ["RolloutError", "history", "restart", "rollback", "scale", "status", "undo"]


def status(cluster, sts: dict, revision: int = 0) -> tuple[str, bool]:
    """(message, done) of StatefulSetStatusViewer.Status."""
    spec, st = sts["spec"], sts.get("status") or {}
    strategy = spec.get("updateStrategy") or {}
    if strategy.get("type") != "RollingUpdate":
        raise RolloutError("rollout status is only available for RollingUpdate strategy type")
    observed = int(st.get("observedGeneration") or 0)
    if observed == 0 or sts["metadata"].get("generation", 0) > observed:
        return "Waiting for statefulset spec update to be observed...\n", False
    replicas, ready = int(spec.get("replicas", 1)), int(st.get("readyReplicas") or 0)
    if ready < replicas:
        return f"Waiting for {replicas - ready} pods to be ready...\n", False
    updated = int(st.get("updatedReplicas") or 0)
    rolling = strategy.get("rollingUpdate")
    if rolling is not None:
        partition = rolling.get("partition")
        if partition is not None and updated < replicas - int(partition):
            return (
                f"Waiting for partitioned roll out to finish: {updated} out of {replicas - int(partition)} "
                "new pods have been updated...\n"
            ), False
        return f"partitioned roll out complete: {updated} new pods have been updated...\n", True
    if st.get("updateRevision") != st.get("currentRevision"):
        return (
            f"waiting for statefulset rolling update to complete {updated} pods at revision "
            f"{st.get('updateRevision')}...\n"
        ), False
    return (
        f"statefulset rolling update complete {st.get('currentReplicas', 0)} pods at revision "
        f"{st.get('currentRevision')}...\n"
    ), True


def revisions(cluster, sts: dict) -> list[dict]:
    """upstream: controlledHistoryV1: revisions matching the selector and controlled by the set."""
    sel = from_label_selector(sts["spec"].get("selector"))
    uid = sts["metadata"]["uid"]
    found = [
        r
        for r in cluster.store.list(
            "ControllerRevision", sts["metadata"].get("namespace", "default"), selector=sel
        )
        if any(
            o.get("controller") and o.get("uid") == uid for o in r["metadata"].get("ownerReferences") or []
        )
    ]
    return sorted(found, key=lambda r: r.get("revision", 0))


def history(cluster, sts: dict, revision: int = 0) -> str:
    """upstream: history.go printHistory: the REVISION/CHANGE-CAUSE table, or one revision's template."""
    revs = {r.get("revision", 0): r for r in revisions(cluster, sts)}
    if not revs:
        return "No rollout history found."
    if revision > 0:
        if revision not in revs:
            raise RolloutError("unable to find the specified revision")
        from ..printers.statefulset import describe_pod_template

        template = copy.deepcopy(revs[revision]["data"]["spec"]["template"])
        template.pop("$patch", None)
        # upstream: history.go printTemplate writes through a bare PrefixWriter: tabs stay raw
        return describe_pod_template(template)
    lines = ["REVISION\tCHANGE-CAUSE"]
    for number in sorted(revs):
        cause = (revs[number]["metadata"].get("annotations") or {}).get("kubernetes.io/change-cause")
        lines.append(f"{number}\t{cause or '<none>'}")
    return tabbed("\n".join(lines)) + "\n"


def rollback(cluster, sts: dict, to_revision: int = 0) -> str:
    """upstream: rollback.go StatefulSetRollbacker: ``rolled back`` or ``skipped rollback (...)``."""
    revs = revisions(cluster, sts)
    if to_revision == 0 and len(revs) <= 1:
        raise RolloutError("no last revision to roll back to")
    target = (
        revs[-2] if to_revision == 0 else next((r for r in revs if r.get("revision") == to_revision), None)
    )
    if target is None:
        raise RolloutError(f"unable to find specified revision {to_revision} in history")
    patched = strategic_merge(sts, target["data"], KIND)
    if patched["spec"]["template"] == sts["spec"]["template"]:
        return f"skipped rollback (current template already matches revision {to_revision})"
    cluster.store.update(patched)
    return "rolled back"


undo = rollback


def restart(cluster, sts: dict) -> dict:
    """upstream: objectrestarter.go: a restartedAt annotation on the template starts a rolling update."""
    new = copy.deepcopy(sts)
    meta = new["spec"]["template"].setdefault("metadata", {})
    meta.setdefault("annotations", {})["kubectl.kubernetes.io/restartedAt"] = cluster.clock.timestamp()
    return new


def scale(cluster, sts: dict, replicas: int) -> dict:
    new = copy.deepcopy(sts)
    new["spec"]["replicas"] = replicas
    return cluster.store.update(new)


register(Handlers(KIND, status=status, history=history, rollback=rollback, restart=restart))
