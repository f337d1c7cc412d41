"""The StatefulSet controller: ordered, stable pods with their own claims.

upstream: pkg/controller/statefulset/stateful_set.go (sync: claim pods and revisions),
stateful_set_control.go (UpdateStatefulSet, getStatefulSetRevisions, updateStatefulSet,
processReplica, processCondemned, runForAll, truncateHistory, updateStatefulSetStatus),
stateful_pod_control.go (CreateStatefulPod, createPersistentVolumeClaims, DeleteStatefulPod,
recordPodEvent/recordClaimEvent texts).  Kubernetes' concurrency plumbing is left out: one sync a
StatefulSet a pass; the next pass sees what this one did.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from ..api import errors, events
from . import register
from . import statefulset_utils as u

if TYPE_CHECKING:
    from ..cluster import Cluster

COMPONENT = "statefulset-controller"


def _selector(sts: dict):
    from ..api.selectors import from_label_selector

    return from_label_selector(sts["spec"].get("selector"))


def _controlled_by(obj: dict, sts: dict) -> bool:
    return any(
        r.get("controller") and r.get("uid") == sts["metadata"]["uid"]
        for r in obj["metadata"].get("ownerReferences") or []
    )


def _has_controller(obj: dict) -> bool:
    return any(r.get("controller") for r in obj["metadata"].get("ownerReferences") or [])


class StatefulSetControl:
    """One StatefulSet's reconcile step (defaultStatefulSetControl + StatefulPodControl)."""

    def __init__(self, cluster: Cluster, sts: dict, settled: dict | None = None) -> None:
        # settled: pod uid -> (pod rv, set rv) of pods found healthy and conforming; a pod whose
        # object and whose set have not changed since needs no second look (keeps big sets cheap).
        self.settled = settled if settled is not None else {}
        self.cluster = cluster
        self.store = cluster.store
        self.sts = sts
        self.ns = sts["metadata"].get("namespace", "default")
        self.min_ready = int(sts["spec"].get("minReadySeconds") or 0)

    # -- events ----------------------------------------------------------------------------------------
    def _pod_event(self, verb: str, pod: dict, err: Exception | None = None) -> None:
        name, set_name = pod["metadata"]["name"], self.sts["metadata"]["name"]
        if err is None:
            events.record(
                self.store,
                self.sts,
                "Normal",
                f"Successful{verb.title()}",
                f"{verb} Pod {name} in StatefulSet {set_name} successful",
                COMPONENT,
            )
        else:
            self._warn(
                f"Failed{verb.title()}",
                f"{verb} Pod {name} in StatefulSet {set_name} failed error: {_msg(err)}",
            )

    def _claim_event(self, verb: str, pod: dict, claim: dict, err: Exception | None = None) -> None:
        cname, name = claim["metadata"]["name"], pod["metadata"]["name"]
        set_name = self.sts["metadata"]["name"]
        if err is None:
            events.record(
                self.store,
                self.sts,
                "Normal",
                f"Successful{verb.title()}",
                f"{verb} Claim {cname} Pod {name} in StatefulSet {set_name} success",
                COMPONENT,
            )
        else:
            self._warn(
                f"Failed{verb.title()}",
                f"{verb} Claim {cname} for Pod {name} in StatefulSet {set_name} failed error: {_msg(err)}",
            )

    def _warn(self, reason: str, message: str) -> None:
        """A failure is retried every pass; record it once (upstream's backoff would space the repeats)."""
        from .persistentvolume import record_once

        record_once(self.cluster, self.sts, "Warning", reason, message, COMPONENT)

    # -- claiming pods and revisions ------------------------------------------------------------------
    def claim_pods(self) -> list[dict]:
        """upstream: ClaimPods with isMemberOf as the extra filter: adopt orphans, release mismatches."""
        selector = _selector(self.sts)
        pods = []
        for pod in self.store.list("Pod", self.ns):
            labels = pod["metadata"].get("labels") or {}
            if _controlled_by(pod, self.sts):
                if selector(labels) and u.is_member_of(self.sts, pod):
                    pods.append(pod)
                elif not self.sts["metadata"].get("deletionTimestamp"):
                    released = copy.deepcopy(pod)
                    released["metadata"]["ownerReferences"] = [
                        r
                        for r in pod["metadata"]["ownerReferences"]
                        if r.get("uid") != self.sts["metadata"]["uid"]
                    ]
                    self.store.update(released)
            elif (
                not _has_controller(pod)
                and selector(labels)
                and u.is_member_of(self.sts, pod)
                and not pod["metadata"].get("deletionTimestamp")
                and not self.sts["metadata"].get("deletionTimestamp")
            ):
                adopted = copy.deepcopy(pod)
                adopted["metadata"].setdefault("ownerReferences", []).append(u.controller_ref(self.sts))
                pods.append(self.store.update(adopted))
        return sorted(pods, key=u.ordinal)

    def list_revisions(self) -> list[dict]:
        selector = _selector(self.sts)
        revs = []
        for rev in self.store.list("ControllerRevision", self.ns):
            if _controlled_by(rev, self.sts):
                revs.append(rev)
            elif not _has_controller(rev) and selector(rev["metadata"].get("labels") or {}):
                adopted = copy.deepcopy(rev)
                adopted["metadata"].setdefault("ownerReferences", []).append(u.controller_ref(self.sts))
                revs.append(self.store.update(adopted))
        # upstream: history.SortControllerRevisions (revision, then creation time, then name)
        return sorted(
            revs,
            key=lambda r: (r.get("revision", 0), r["metadata"]["creationTimestamp"], r["metadata"]["name"]),
        )

    def create_revision(self, data: dict, number: int, collision: int) -> tuple[dict, int]:
        """upstream: history.CreateControllerRevision: name = <set>-<hash(data, collisionCount)>."""
        tmpl_labels = ((self.sts["spec"]["template"].get("metadata") or {}).get("labels")) or {}
        while True:
            hash_ = u.hash_revision(data, collision)
            name = u.revision_name(self.sts["metadata"]["name"], hash_)
            existing = self.store.find("ControllerRevision", name, self.ns)
            if existing is None:
                rev = self.store.create(
                    {
                        "apiVersion": "apps/v1",
                        "kind": "ControllerRevision",
                        "metadata": {
                            "name": name,
                            "namespace": self.ns,
                            "labels": {**tmpl_labels, u.HASH_LABEL: hash_},
                            "ownerReferences": [u.controller_ref(self.sts)],
                        },
                        "data": data,
                        "revision": number,
                    }
                )
                return rev, collision
            if existing.get("data") == data and _controlled_by(existing, self.sts):
                return existing, collision
            collision += 1

    def get_revisions(self, revisions: list[dict]) -> tuple[dict, dict, int]:
        status = self.sts.get("status") or {}
        collision = int(status.get("collisionCount") or 0)
        data = self._memo(("patch",), lambda: u.get_patch(self.sts))
        number = (revisions[-1].get("revision", 0) + 1) if revisions else 1
        equal = [r for r in revisions if r.get("data") == data]
        if equal and revisions[-1]["metadata"]["name"] == equal[-1]["metadata"]["name"]:
            update = revisions[-1]
        elif equal:
            # Rolling back to an older template: that revision gets the next number.
            bumped = copy.deepcopy(equal[-1])
            bumped["revision"] = number
            update = self.store.update(bumped)
        else:
            update, collision = self.create_revision(data, number, collision)
        current = next(
            (r for r in revisions if r["metadata"]["name"] == status.get("currentRevision")), update
        )
        return current, update, collision

    # -- pod control ----------------------------------------------------------------------------------
    def create_claims(self, pod: dict) -> Exception | None:
        names = u.claim_names(self.sts, u.ordinal(pod)).values()
        found_all = [self.store.find("PersistentVolumeClaim", n, self.ns) for n in names]
        if all(f is not None and not f["metadata"].get("deletionTimestamp") for f in found_all):
            return None
        err = None
        for claim in u.claims_for(self.sts, pod).values():
            found = self.store.find("PersistentVolumeClaim", claim["metadata"]["name"], self.ns)
            if found is None:
                try:
                    self.store.create(claim)
                    self._claim_event("create", pod, claim)
                except errors.ApiError as exc:
                    err = exc
                    self._claim_event("create", pod, claim, exc)
            elif found["metadata"].get("deletionTimestamp"):
                err = errors.ApiError(f"pvc {claim['metadata']['name']} is being deleted")
        return err

    def create_pod(self, pod: dict) -> None:
        err = self.create_claims(pod)
        if err is not None:
            self._pod_event("create", pod, err)
            return
        try:
            created = self.store.create(pod)
        except errors.AlreadyExists:
            return
        except errors.ApiError as exc:
            self._pod_event("create", pod, exc)
            return
        self.update_claims_for_retention(created)
        self._pod_event("create", created)

    def delete_pod(self, pod: dict) -> None:
        try:
            self.store.delete("Pod", pod["metadata"]["name"], self.ns)
        except errors.NotFound:
            return
        self._pod_event("delete", pod)

    def update_claims_for_retention(self, pod: dict) -> None:
        for name in u.claim_names(self.sts, u.ordinal(pod)).values():
            found = self.store.find("PersistentVolumeClaim", name, self.ns)
            if found is None:
                continue
            refs = u.claim_owner_refs(found, self.sts, pod)
            if refs != (found["metadata"].get("ownerReferences") or []):
                new = copy.deepcopy(found)
                new["metadata"]["ownerReferences"] = refs
                if not refs:
                    new["metadata"].pop("ownerReferences")
                self.store.update(new)

    def claims_match_retention(self, pod: dict) -> bool:
        for name in u.claim_names(self.sts, u.ordinal(pod)).values():
            found = self.store.find("PersistentVolumeClaim", name, self.ns)
            if found is not None and u.claim_owner_refs(found, self.sts, pod) != (
                found["metadata"].get("ownerReferences") or []
            ):
                return False
        return True

    def claim_is_stale(self, pod: dict) -> bool:
        """upstream: PodClaimIsStale: a claim still owned by an earlier pod of that name."""
        if u.retention(self.sts)[1] == "Retain":
            return False
        for name in u.claim_names(self.sts, u.ordinal(pod)).values():
            found = self.store.find("PersistentVolumeClaim", name, self.ns)
            for ref in (found or {"metadata": {}})["metadata"].get("ownerReferences") or []:
                if (
                    ref.get("kind") == "Pod"
                    and ref.get("name") == pod["metadata"]["name"]
                    and ref.get("uid") != pod["metadata"].get("uid")
                ):
                    return True
        return False

    def update_pod_identity(self, pod: dict) -> None:
        new = copy.deepcopy(pod)
        if not u.identity_matches(self.sts, new):
            u.update_identity(self.sts, new)
        if not u.storage_matches(self.sts, new):
            u.update_storage(self.sts, new)
            self.create_claims(new)
        self.update_claims_for_retention(new)
        if new != pod:
            self.store.update(new)

    # -- the reconcile step ---------------------------------------------------------------------------
    def process_replica(self, update_set: dict, monotonic: bool, replicas: list[dict], i: int) -> bool:
        pod = replicas[i]
        key = pod["metadata"].get("uid")
        stamp = (pod["metadata"].get("resourceVersion"), self.sts["metadata"]["resourceVersion"])
        if key is not None and self.settled.get(key) == stamp:
            return False
        if u.phase(pod) in ("Failed", "Succeeded"):
            if not u.is_terminating(pod):
                self.delete_pod(pod)
            return True
        if not u.is_created(pod):
            if self.claim_is_stale(pod):
                return True
            current_set, update_set, current_rev, update_rev = self._revisions
            pod = replicas[i] = u.new_versioned_pod(
                current_set, update_set, current_rev, update_rev, u.ordinal(pod)
            )
            self.create_pod(pod)
            if monotonic:
                return True
            pod = replicas[i] = self.store.find("Pod", pod["metadata"]["name"], self.ns) or pod
        if u.phase(pod) == "Pending":
            self.create_claims(pod)
        if u.is_terminating(pod) and monotonic:
            return True
        if not u.is_running_and_ready(pod) and monotonic:
            return True
        if not u.is_running_and_available(pod, self.min_ready, self.cluster.clock) and monotonic:
            self._wake_when_available(pod)
            return True
        if (
            u.identity_matches(self.sts, pod)
            and u.storage_matches(self.sts, pod)
            and self.claims_match_retention(pod)
        ):
            if not u.is_terminating(pod) and u.is_running_and_available(
                pod, self.min_ready, self.cluster.clock
            ):
                self.settled[key] = stamp
            return False
        self.update_pod_identity(pod)
        return False

    def process_condemned(
        self, first_unhealthy: dict | None, monotonic: bool, condemned: list[dict], i: int
    ) -> bool:
        pod = condemned[i]
        if u.is_terminating(pod):
            return monotonic
        if (
            monotonic
            and pod is not first_unhealthy
            and not u.is_running_and_available(pod, self.min_ready, self.cluster.clock)
        ):
            return True
        if not self.claims_match_retention(pod):
            self.update_claims_for_retention(pod)
        self.delete_pod(pod)
        return True

    def _wake_when_available(self, pod: dict) -> None:
        at = u.available_at(pod, self.min_ready, self.cluster.clock)
        if at is not None and at > self.cluster.clock.now:
            wakes = self.cluster.part("statefulset-wakeups", lambda _c: set())
            if at not in wakes:
                wakes.add(at)
                dirty = self.cluster.part("statefulset-dirty", lambda _c: set())
                self.cluster.clock.call_at(at, lambda ns=self.ns: dirty.add(ns))

    def run_for_all(self, items: list[dict], fn, monotonic: bool) -> bool:
        for i in range(len(items)):
            if fn(i) and monotonic:
                return True
        return False

    def update(self, pods: list[dict], current: dict, update: dict, collision: int) -> dict:
        sts = self.sts
        current_set = self._memo(
            ("apply", current["metadata"]["resourceVersion"]), lambda: u.apply_revision(sts, current)
        )
        update_set = self._memo(
            ("apply", update["metadata"]["resourceVersion"]), lambda: u.apply_revision(sts, update)
        )
        status = {
            "observedGeneration": sts["metadata"].get("generation", 1),
            "currentRevision": current["metadata"]["name"],
            "updateRevision": update["metadata"]["name"],
            "collisionCount": collision,
        }
        start, end = u.start_ordinal(sts), u.end_ordinal(sts)
        replicas: list[dict | None] = [None] * (end - start + 1)
        condemned = []
        for pod in pods:
            if u.in_ordinal_range(sts, pod):
                replicas[u.ordinal(pod) - start] = pod
            elif u.ordinal(pod) >= 0:
                condemned.append(pod)
        # Missing ordinals get a placeholder; the full pod is built only when it is created
        # (upstream builds them all up front, which costs a template copy per missing pod per sync).
        self._revisions = (current_set, update_set, current["metadata"]["name"], update["metadata"]["name"])
        for ord_ in range(start, end + 1):
            if replicas[ord_ - start] is None:
                replicas[ord_ - start] = {"metadata": {"name": u.pod_name(sts, ord_)}, "status": {}}
        full: list[dict] = [p for p in replicas if p is not None]
        condemned.sort(key=u.ordinal, reverse=True)
        clock = self.cluster.clock
        first_unhealthy = next((p for p in full if self._unavailable(p)), None)
        if first_unhealthy is None:
            first_unhealthy = next(
                (p for p in reversed(condemned) if u.is_unavailable(p, self.min_ready, clock)), None
            )
        if sts["metadata"].get("deletionTimestamp"):
            return self._status(status, pods, current, update)
        monotonic = sts["spec"].get("podManagementPolicy", "OrderedReady") != "Parallel"
        if self.run_for_all(full, lambda i: self.process_replica(update_set, monotonic, full, i), monotonic):
            return self._status(status, self._live(), current, update)
        if self.run_for_all(
            condemned, lambda i: self.process_condemned(first_unhealthy, monotonic, condemned, i), monotonic
        ):
            return self._status(status, self._live(), current, update)
        strategy = sts["spec"].get("updateStrategy") or {}
        if strategy.get("type") == "OnDelete":
            return self._status(status, self._live(), current, update)
        partition = int((strategy.get("rollingUpdate") or {}).get("partition") or 0)
        for target in range(len(full) - 1, partition - 1, -1):
            pod = full[target]
            if u.pod_revision(pod) != update["metadata"]["name"] and not u.is_terminating(pod):
                self.delete_pod(pod)
                break
            if self._unavailable(pod):
                break
        return self._status(status, self._live(), current, update)

    def _live(self) -> list[dict]:
        return [
            p
            for p in self.store.list("Pod", self.ns)
            if _controlled_by(p, self.sts) and u.is_member_of(self.sts, p)
        ]

    def _memo(self, key: tuple, make):
        """Values derived from the set's stored version alone, kept until the set changes."""
        full = ("memo", self.sts["metadata"]["resourceVersion"], *key)
        if full not in self.settled:
            for old in [k for k in self.settled if isinstance(k, tuple) and k[1] != full[1]]:
                del self.settled[old]
            self.settled[full] = make()
        return self.settled[full]

    def _is_settled(self, pod: dict) -> bool:
        stamp = (pod["metadata"].get("resourceVersion"), self.sts["metadata"]["resourceVersion"])
        return self.settled.get(pod["metadata"].get("uid")) == stamp

    def _unavailable(self, pod: dict) -> bool:
        return not self._is_settled(pod) and u.is_unavailable(pod, self.min_ready, self.cluster.clock)

    def _status(self, status: dict, pods: list[dict], current: dict, update: dict) -> dict:
        """upstream: updateStatus/computeReplicaStatus, then completeRollingUpdate."""
        clock = self.cluster.clock
        counts = {
            "replicas": 0,
            "readyReplicas": 0,
            "availableReplicas": 0,
            "currentReplicas": 0,
            "updatedReplicas": 0,
        }
        for pod in pods:
            if self._is_settled(pod):  # created, running, ready, available, not terminating
                counts["replicas"] += 1
                counts["readyReplicas"] += 1
                counts["availableReplicas"] += 1
                rev = u.pod_revision(pod)
                counts["currentReplicas"] += rev == current["metadata"]["name"]
                counts["updatedReplicas"] += rev == update["metadata"]["name"]
                continue
            if u.is_created(pod):
                counts["replicas"] += 1
            if u.is_running_and_ready(pod):
                counts["readyReplicas"] += 1
                if u.is_running_and_available(pod, self.min_ready, clock):
                    counts["availableReplicas"] += 1
            if u.is_created(pod) and not u.is_terminating(pod):
                rev = u.pod_revision(pod)
                counts["currentReplicas"] += rev == current["metadata"]["name"]
                counts["updatedReplicas"] += rev == update["metadata"]["name"]
        status.update(counts)
        strategy = self.sts["spec"].get("updateStrategy") or {}
        if (
            strategy.get("type") == "RollingUpdate"
            and status["updatedReplicas"] == status["replicas"]
            and status["readyReplicas"] == status["replicas"]
        ):
            status["currentReplicas"] = status["updatedReplicas"]
            status["currentRevision"] = status["updateRevision"]
        return status

    def truncate_history(self, pods: list[dict], revisions: list[dict], current: dict, update: dict) -> None:
        live = {current["metadata"]["name"], update["metadata"]["name"]} | {u.pod_revision(p) for p in pods}
        history = [r for r in revisions if r["metadata"]["name"] not in live]
        limit = int(self.sts["spec"].get("revisionHistoryLimit", 10))
        if limit < 0 or len(history) <= limit:
            return
        for rev in history[: len(history) - limit]:
            self.store.delete("ControllerRevision", rev["metadata"]["name"], self.ns)

    def sync(self) -> None:
        pods = self.claim_pods()
        revisions = self.list_revisions()
        current, update, collision = self.get_revisions(revisions)
        status = self.update(pods, current, update, collision)
        self.write_status(status)
        revisions = self.list_revisions()
        self.truncate_history(self._live(), revisions, current, update)

    def write_status(self, status: dict) -> None:
        sts = self.store.find("StatefulSet", self.sts["metadata"]["name"], self.ns)
        if sts is None:
            return
        new_status = {
            k: v
            for k, v in status.items()
            if v not in (0, "", None) or k in ("replicas", "availableReplicas", "collisionCount")
        }
        old = {k: v for k, v in (sts.get("status") or {}).items() if k != "conditions"}
        if old != new_status:
            new = copy.deepcopy(sts)
            conditions = (sts.get("status") or {}).get("conditions")
            new["status"] = {**new_status, **({"conditions": conditions} if conditions else {})}
            self.store.update_status(new)


def _msg(err: Exception) -> str:
    return getattr(err, "message", str(err))


@register
class StatefulSetController:
    name = "statefulset"
    order = 30

    #: The kinds whose changes can give a StatefulSet something to do (the informers upstream watches).
    WATCHED = frozenset({"StatefulSet", "Pod", "PersistentVolumeClaim", "ControllerRevision"})

    def __init__(self, cluster: Cluster) -> None:
        self.settled: dict[str, dict] = {}
        # Namespaces with a change since their StatefulSets were last synced (upstream: the work queue
        # the informers' event handlers fill); a namespace without one has nothing new to reconcile.
        self.dirty = cluster.part("statefulset-dirty", lambda _c: set())
        cluster.store.watch(self._on_change, kinds=self.WATCHED)

    def _on_change(self, _event: str, obj: dict) -> None:
        if obj.get("kind") in self.WATCHED:
            self.dirty.add(obj["metadata"].get("namespace", "default"))

    def sync(self, cluster: Cluster) -> None:
        if not self.dirty:
            return
        namespaces = set(self.dirty)
        self.dirty.clear()
        for sts in cluster.store.list("StatefulSet", None):
            if sts["metadata"].get("namespace", "default") in namespaces:
                StatefulSetControl(cluster, sts, self.settled.setdefault(sts["metadata"]["uid"], {})).sync()
