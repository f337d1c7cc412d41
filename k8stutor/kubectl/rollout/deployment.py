"""Rollout handlers for Deployments.

upstream: staging/src/k8s.io/kubectl/pkg/polymorphichelpers/rollout_status.go
(DeploymentStatusViewer), history.go (DeploymentHistoryViewer, printTemplate), rollback.go
(DeploymentRollbacker, deploymentRevision), objectpauser.go, objectresumer.go, objectrestarter.go.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from ...controllers import deployment_util as util
from ..printers.deployment import replica_sets_of
from . import Handlers, RolloutError, register

if TYPE_CHECKING:
    from ...cluster import Cluster


def status(_cluster: Cluster, d: dict, revision: int) -> tuple[str, bool]:
    name, st = d["metadata"]["name"], d.get("status") or {}
    if revision > 0 and util.revision(d) != revision:
        raise RolloutError(
            f"desired revision ({revision}) is different from the running revision ({util.revision(d)})"
        )
    if d["metadata"].get("generation", 0) > st.get("observedGeneration", 0):
        return "Waiting for deployment spec update to be observed...\n", False
    cond = util.condition(st, "Progressing")
    if cond is not None and cond["reason"] == util.TIMED_OUT_REASON:
        raise RolloutError(f'deployment "{name}" exceeded its progress deadline')
    want, updated = util.replicas(d), st.get("updatedReplicas", 0)
    total, available = st.get("replicas", 0), st.get("availableReplicas", 0)
    prefix = f'Waiting for deployment "{name}" rollout to finish: '
    if updated < want:
        return f"{prefix}{updated} out of {want} new replicas have been updated...\n", False
    if total > updated:
        return f"{prefix}{total - updated} old replicas are pending termination...\n", False
    if available < updated:
        return f"{prefix}{available} of {updated} updated replicas are available...\n", False
    return f'deployment "{name}" successfully rolled out\n', True


def _all_replica_sets(cluster: Cluster, d: dict) -> list[dict]:
    uid = d["metadata"]["uid"]
    return [
        rs
        for rs in cluster.store.list("ReplicaSet", d["metadata"].get("namespace", "default"))
        if any(
            r.get("controller") and r.get("uid") == uid for r in rs["metadata"].get("ownerReferences") or []
        )
    ]


def history(cluster: Cluster, d: dict, revision: int) -> str:
    from ..printers.statefulset import describe_pod_template

    templates: dict[int, dict] = {}
    for rs in _all_replica_sets(cluster, d):
        rev = util.annotation_int(rs, util.REVISION)
        if rev is None:
            continue
        template = copy.deepcopy(rs["spec"]["template"])
        cause = util.annotations(rs).get(util.CHANGE_CAUSE)
        if cause:
            template.setdefault("metadata", {}).setdefault("annotations", {})[util.CHANGE_CAUSE] = cause
        templates[rev] = template
    if not templates:
        return "No rollout history found."
    if revision > 0:
        if revision not in templates:
            raise RolloutError("unable to find the specified revision")
        return describe_pod_template(templates[revision])
    rows = [["REVISION", "CHANGE-CAUSE"]]
    for rev in sorted(templates):
        cause = ((templates[rev].get("metadata") or {}).get("annotations") or {}).get(util.CHANGE_CAUSE)
        rows.append([str(rev), cause or "<none>"])
    width = max(len(r[0]) for r in rows) + 2  # text/tabwriter, padding 2
    return "".join(f"{r[0].ljust(width)}{r[1]}\n" for r in rows)


def rollback(cluster: Cluster, d: dict, to_revision: int) -> str:
    if to_revision < 0:
        raise RolloutError(f"unable to find specified revision {to_revision} in history")
    target = _revision(cluster, d, to_revision)
    if d["spec"].get("paused"):
        raise RolloutError(
            "you cannot rollback a paused deployment; resume it first with "
            "'kubectl rollout resume' and try again"
        )
    if util.equal_ignore_hash(target["spec"]["template"], d["spec"]["template"]):
        return "skipped rollback (current template already matches revision)"
    template = util.template_without_hash(target["spec"]["template"])
    # The Deployment keeps its own skipped annotations and takes the rest from the ReplicaSet.
    kept = {k: v for k, v in util.annotations(d).items() if k in util.ANNOTATIONS_TO_SKIP}
    taken = {k: v for k, v in util.annotations(target).items() if k not in util.ANNOTATIONS_TO_SKIP}
    new = copy.deepcopy(d)
    new["spec"]["template"] = template
    new["metadata"]["annotations"] = {**kept, **taken}
    new["metadata"].pop("resourceVersion", None)
    cluster.store.update(new)
    return "rolled back"


def _revision(cluster: Cluster, d: dict, to_revision: int) -> dict:
    """deploymentRevision: the ReplicaSet of ``to_revision``, or the previous one for 0."""
    latest: tuple[int, dict | None] = (-1, None)
    previous: tuple[int, dict | None] = (-1, None)
    for rs in _all_replica_sets(cluster, d):
        v = util.annotation_int(rs, util.REVISION)
        if v is None:
            continue
        if to_revision == 0:
            if latest[0] < v:
                previous, latest = latest, (v, rs)
            elif previous[0] < v:
                previous = (v, rs)
        elif to_revision == v:
            return rs
    if to_revision > 0:
        raise RolloutError(f"unable to find specified revision {to_revision} in history")
    if previous[1] is None:
        raise RolloutError(f'no rollout history found for deployment "{d["metadata"]["name"]}"')
    return previous[1]


def pause(_cluster: Cluster, d: dict) -> dict:
    if d["spec"].get("paused"):
        raise RolloutError("is already paused")
    new = copy.deepcopy(d)
    new["spec"]["paused"] = True
    return new


def resume(_cluster: Cluster, d: dict) -> dict:
    if not d["spec"].get("paused"):
        raise RolloutError("is not paused")
    new = copy.deepcopy(d)
    new["spec"].pop("paused", None)
    return new


def restart(cluster: Cluster, d: dict) -> dict:
    if d["spec"].get("paused"):
        raise RolloutError("can't restart paused deployment (run rollout resume first)")
    new = copy.deepcopy(d)
    meta = new["spec"]["template"].setdefault("metadata", {})
    meta.setdefault("annotations", {})["kubectl.kubernetes.io/restartedAt"] = cluster.clock.timestamp()
    return new


register(
    Handlers(
        "Deployment",
        status=status,
        history=history,
        rollback=rollback,
        pause=pause,
        resume=resume,
        restart=restart,
    )
)
register(Handlers("ReplicaSet"))
register(Handlers("ReplicationController"))

__all__ = ["replica_sets_of"]
