"""What the workload controllers share about pods: create, delete, rank, adopt, release.

upstream: pkg/controller/controller_utils.go (RealPodControl.CreatePods / DeletePod,
GetPodFromTemplate, ActivePodsWithRanks, FilterActivePods, slowStartBatch), pkg/controller/
controller_ref_manager.go (PodControllerRefManager.ClaimPods: adopt matching orphans, release pods
that stop matching), pkg/controller/replicaset/replica_set.go (getPodsToDelete), and
staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/controller_ref.go (NewControllerRef).

The real controllers track "expectations" because their informers lag behind their own writes;
our sync runs against the store directly, so there is nothing to expect.

API, in the order a ReplicaSet-like controller uses it::

    index = pod_index(cluster)                       # pods by controller uid / orphans, kept by a watch
    pods = filter_active_pods(index.candidates(owner))
    pods = claim_pods(cluster, owner, selector, pods)   # adopt / release
    create_pods(cluster, owner, template, n, component) / delete_pods(cluster, owner, victims, component)
    victims = pods_to_delete(pods, related, diff, now)
"""

from __future__ import annotations

import collections
import copy
import functools
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..api import errors, events
from ..api.store import clone
from ..clock import instant

if TYPE_CHECKING:
    from ..api.selectors import Selector
    from ..cluster import Cluster

PodKey = tuple[str, str]  # (namespace, name)

#: upstream: replica_set.go BurstReplicas, controller_utils.go SlowStartInitialBatchSize
BURST_REPLICAS = 500
SLOW_START_INITIAL_BATCH_SIZE = 1


# -- owner references -----------------------------------------------------------------------------
def controller_ref(owner: dict) -> dict:
    """upstream: metav1.NewControllerRef (controller and blockOwnerDeletion both true)."""
    return {
        "apiVersion": owner["apiVersion"],
        "kind": owner["kind"],
        "name": owner["metadata"]["name"],
        "uid": owner["metadata"]["uid"],
        "controller": True,
        "blockOwnerDeletion": True,
    }


def controller_of(obj: dict) -> dict | None:
    """The ownerReference with ``controller: true``, if any. upstream: metav1.GetControllerOf."""
    for ref in obj["metadata"].get("ownerReferences") or []:
        if ref.get("controller"):
            return ref
    return None


def controller_uid(obj: dict) -> str | None:
    ref = controller_of(obj)
    return ref.get("uid") if ref else None


# -- pod state ---------------------------------------------------------------------------------------
def is_pod_active(pod: dict) -> bool:
    """upstream: controller_utils.go IsPodActive."""
    phase = (pod.get("status") or {}).get("phase")
    return phase not in ("Succeeded", "Failed") and not pod["metadata"].get("deletionTimestamp")


def filter_active_pods(pods: Iterable[dict]) -> list[dict]:
    return [p for p in pods if is_pod_active(p)]


def _ready_condition(pod: dict) -> dict | None:
    for c in (pod.get("status") or {}).get("conditions") or []:
        if c.get("type") == "Ready":
            return c
    return None


def is_pod_ready(pod: dict) -> bool:
    """upstream: pkg/api/v1/pod/util.go IsPodReady (one pass: it runs for every pod on every sync)."""
    status = pod.get("status")
    if status:
        for c in status.get("conditions") or ():
            if c.get("type") == "Ready":
                return c.get("status") == "True"
    return False


def pod_ready_since(cluster: Cluster, pod: dict) -> float | None:
    """Seconds (virtual clock) at which the pod's Ready condition last turned True."""
    c = _ready_condition(pod)
    if not c or c.get("status") != "True" or not c.get("lastTransitionTime"):
        return None
    return cluster.clock.now - cluster.clock.seconds_since(c["lastTransitionTime"])


def is_pod_available(cluster: Cluster, pod: dict, min_ready_seconds: int) -> bool:
    """Ready for more than minReadySeconds. upstream: pkg/api/v1/pod/util.go IsPodAvailable."""
    if not is_pod_ready(pod):
        return False
    if not min_ready_seconds:
        return True
    since = pod_ready_since(cluster, pod)
    # upstream: lastTransitionTime + minReadySeconds strictly before now
    return since is not None and since + min_ready_seconds < cluster.clock.now


# -- the pod index ---------------------------------------------------------------------------------------
class PodFacts:
    """One stored pod version and what the controllers ask of it on every sync, read once.

    Stored pods are immutable (a write replaces the dict), so the facts stay true until the index
    sees the next version of the pod.
    """

    __slots__ = ("pod", "key", "labels", "owner", "active", "ready", "node", "_ranking")

    def __init__(self, pod: dict) -> None:
        meta = pod["metadata"]
        self.pod = pod
        self.key: PodKey = (meta.get("namespace", "default"), meta["name"])
        self.labels: dict = meta.get("labels") or {}
        self.owner = controller_uid(pod)
        self.active = is_pod_active(pod)
        self.ready = is_pod_ready(pod)
        self.node: str = pod["spec"].get("nodeName", "")
        self._ranking: _Facts | None = None

    def ranking(self) -> _Facts:
        """What ActivePodsWithRanks.Less compares (made on the first scale-down that looks)."""
        if self._ranking is None:
            self._ranking = _facts(self.pod)
        return self._ranking


class OwnerView:
    """Counts over the active pods one owner controls in its namespace, kept by the index's watch.

    What calculateStatus counts, maintained per pod event instead of re-counted on every sync:
    ``strays`` are pods that no longer match the selector (a sync must release them).  ``matching``
    counts, by node, the namespace's active pods the selector matches whoever owns them: what the
    deletion ranking of a sibling counts (getPodsRankedByRelatedPodsOnSameNode).
    """

    __slots__ = ("ns", "selector", "template", "active", "ready", "labeled", "strays", "matching")

    def __init__(self, ns: str, selector: Selector, template_labels: dict) -> None:
        self.ns, self.selector, self.template = ns, selector, template_labels
        self.active = self.ready = self.labeled = self.strays = 0
        self.matching: dict[str, int] = {}

    def count(self, f: PodFacts, sign: int) -> None:
        if not f.active or f.key[0] != self.ns:
            return
        self.active += sign
        if f.ready:
            self.ready += sign
        if self.template.items() <= f.labels.items():
            self.labeled += sign
        if not self.selector.matches(f.labels):
            self.strays += sign

    def count_match(self, f: PodFacts, sign: int) -> None:
        """``f`` (a pod of the namespace) entering (+1) or leaving (-1) the selector's active pods."""
        if f.active and self.selector.matches(f.labels):
            n = self.matching.get(f.node, 0) + sign
            if n:
                self.matching[f.node] = n
            else:
                del self.matching[f.node]

    def disjoint(self, other: OwnerView) -> bool:
        """Whether no pod can match both selectors: both pin one key to different values."""
        if not (self.selector.only_exact and other.selector.only_exact):
            return False
        mine = self.selector.exact_labels()
        return any(k in mine and mine[k] != v for k, v in other.selector.exact_labels().items())


class PodIndex:
    """Pods by controller uid, orphan pods and pods by label, kept current by a store watch.

    It stands in for the shared pod informer and its indexers, so a sync looks only at the pods
    that matter to one owner instead of every pod in the cluster.  The buckets hold pod keys; a
    status write (same labels, same owner) only replaces the pod's facts.
    """

    def __init__(self, cluster: Cluster) -> None:
        self.facts: dict[PodKey, PodFacts] = {}
        self.by_controller: dict[str, dict[PodKey, None]] = {}
        self.orphans: dict[str, dict[PodKey, None]] = {}
        self.by_label: dict[tuple[str, str, str], dict[PodKey, None]] = {}  # (ns, key, value)
        self.by_namespace: dict[str, dict[PodKey, None]] = {}
        self.views: dict[str, OwnerView] = {}  # owner uid -> its counts (see track)
        self.views_by_ns: dict[str, dict[str, OwnerView]] = {}  # namespace -> owner uid -> view
        #: called with (event, pod facts, previous controller uid) after the index is updated
        self.listeners: list[Callable[[str, PodFacts, str | None], None]] = []
        for pod in cluster.store.list("Pod", namespace=None):
            self._on_event("ADDED", pod)
        cluster.store.watch(self._on_event, kinds=("Pod",))

    def _on_event(self, event: str, obj: dict) -> None:
        if obj.get("kind") != "Pod":
            return
        new = PodFacts(obj)
        key = new.key
        old = self.facts.pop(key, None)
        views = self.views
        if old is not None and old.owner in views:
            views[old.owner].count(old, -1)
        if event != "DELETED" and new.owner in views:
            views[new.owner].count(new, +1)
        for view in self.views_by_ns.get(key[0], {}).values():
            if old is not None:
                view.count_match(old, -1)
            if event != "DELETED":
                view.count_match(new, +1)
        if event == "DELETED":
            if old is not None:
                self._drop(old)
        else:
            self.facts[key] = new
            if old is None:
                self._add(new)
            elif old.owner != new.owner or old.labels != new.labels:
                self._drop(old)
                self._add(new)
        for listener in list(self.listeners):
            listener(event, new, old.owner if old is not None else None)

    def _add(self, f: PodFacts) -> None:
        ns, key = f.key[0], f.key
        if f.owner is None:
            self.orphans.setdefault(ns, {})[key] = None
        else:
            self.by_controller.setdefault(f.owner, {})[key] = None
        self.by_namespace.setdefault(ns, {})[key] = None
        for k, v in f.labels.items():
            self.by_label.setdefault((ns, k, v), {})[key] = None

    def _drop(self, f: PodFacts) -> None:
        ns, key = f.key[0], f.key
        _pop(self.orphans if f.owner is None else self.by_controller, ns if f.owner is None else f.owner, key)
        _pop(self.by_namespace, ns, key)
        for k, v in f.labels.items():
            _pop(self.by_label, (ns, k, v), key)

    def track(self, owner: dict, selector: Selector, template_labels: dict) -> OwnerView:
        """The owner's counts; (re)counted from its pods when first asked or when the selector or
        template labels it counts with changed."""
        meta = owner["metadata"]
        uid, ns = meta["uid"], meta.get("namespace", "default")
        view = self.views.get(uid)
        if view is None or view.selector != selector or view.template != template_labels or view.ns != ns:
            self.untrack(uid)
            view = self.views[uid] = OwnerView(ns, selector, dict(template_labels))
            self.views_by_ns.setdefault(ns, {})[uid] = view
            for key in self.by_controller.get(uid, ()):
                view.count(self.facts[key], +1)
            for key in self._matching_keys(ns, selector):
                view.count_match(self.facts[key], +1)
        return view

    def owned_active(self, owner: dict) -> list[PodFacts]:
        """The active pods ``owner`` controls in its namespace (unordered)."""
        ns = owner["metadata"].get("namespace", "default")
        facts = self.facts
        return [
            f for f in map(facts.__getitem__, self.by_controller.get(owner["metadata"]["uid"], ()))
            if f.active and f.key[0] == ns
        ]

    def untrack(self, uid: str) -> None:
        view = self.views.pop(uid, None)
        if view is not None:
            self.views_by_ns.get(view.ns, {}).pop(uid, None)

    def controlled_by(self, uid: str) -> list[dict]:
        return [self.facts[key].pod for key in sorted(self.by_controller.get(uid, {}))]

    def candidates(self, owner: dict) -> list[PodFacts]:
        """Pods ``owner`` controls in its namespace plus that namespace's orphans: all a claim can keep
        or adopt (upstream lists the namespace's pods; the rest are someone else's).  Unordered."""
        ns = owner["metadata"].get("namespace", "default")
        facts = self.facts
        out = [facts[key] for key in self.by_controller.get(owner["metadata"]["uid"], {}) if key[0] == ns]
        out += [facts[key] for key in self.orphans.get(ns, {})]
        return out

    def adoptable(self, owner: dict, selector: Selector) -> bool:
        """Whether an active orphan of the owner's namespace matches (a claim would adopt it)."""
        facts = self.facts
        orphans = self.orphans.get(owner["metadata"].get("namespace", "default"), ())
        return any(f.active and selector.matches(f.labels) for f in map(facts.__getitem__, orphans))

    def _matching_keys(self, namespace: str, selector: Selector) -> list[PodKey]:
        """Keys of the namespace's pods the selector matches, via the smallest label bucket it pins."""
        exact = selector.exact_labels()
        buckets = [self.by_label.get((namespace, k, v), _NO_KEYS) for k, v in exact.items()]
        pool = min(buckets, key=len) if buckets else self.by_namespace.get(namespace, _NO_KEYS)
        if selector.only_exact and len(buckets) == 1:
            return list(pool)  # the bucket of the one label asked for is the answer
        match, facts = selector.matches, self.facts
        return [key for key in pool if match(facts[key].labels)]

    def related_by_node(self, namespace: str, members: list[tuple[str, Selector]]) -> dict[str, int]:
        """:meth:`active_by_node` for the selectors of owners ``(uid, selector)``: summed from their
        views when the views are current and no pod can match two of them, else counted afresh."""
        views = [self.views.get(uid) for uid, _sel in members]
        current = all(
            v is not None and v.selector == sel and v.ns == namespace
            for v, (_uid, sel) in zip(views, members, strict=True)
        )
        if current:
            if all(a.disjoint(b) for i, a in enumerate(views) for b in views[i + 1:]):
                counts: dict[str, int] = {}
                for view in views:
                    for node, n in view.matching.items():
                        counts[node] = counts.get(node, 0) + n
                return counts
        return self.active_by_node(namespace, [sel for _uid, sel in members])

    def active_by_node(self, namespace: str, selectors: Iterable[Selector]) -> dict[str, int]:
        """How many active pods that any of ``selectors`` matches run on each node (each pod once)."""
        found = [self._matching_keys(namespace, selector) for selector in selectors]
        keys = found[0] if len(found) == 1 else {key: None for keys in found for key in keys}
        nodes = [f.node for f in map(self.facts.__getitem__, keys) if f.active]
        return dict(collections.Counter(nodes))


_NO_KEYS: dict[PodKey, None] = {}  # an empty bucket (never written to)


def _pop(index: dict, bucket_key, key) -> None:
    """Remove ``key`` from ``index[bucket_key]``, dropping the bucket once empty."""
    bucket = index.get(bucket_key)
    if bucket is not None:
        bucket.pop(key, None)
        if not bucket:
            del index[bucket_key]


def pod_index(cluster: Cluster) -> PodIndex:
    """The cluster's one PodIndex (made on first use)."""
    return cluster.part("podcontrol.index", PodIndex)


# -- adoption and release -------------------------------------------------------------------------------
def claim_pods(
    cluster: Cluster,
    owner: dict,
    selector: Selector,
    pods: Iterable[dict],
    filters: Iterable[Callable[[dict], bool]] = (),
) -> list[dict]:
    """The pods ``owner`` keeps: its own that still match, plus matching orphans it adopts.

    Its own pods that stopped matching are released (their ownerReference removed) unless the
    owner is being deleted.  upstream: controller_ref_manager.go ClaimPods / ClaimObject.
    """
    filters = list(filters)
    owner_meta = owner["metadata"]
    claimed = []
    for pod in pods:
        match = selector.matches(pod["metadata"].get("labels")) and all(f(pod) for f in filters)
        ref = controller_of(pod)
        if ref is not None:
            if ref.get("uid") != owner_meta["uid"]:
                continue  # owned by someone else
            if match:
                claimed.append(pod)
            elif not owner_meta.get("deletionTimestamp"):
                _release(cluster, owner, pod)
            continue
        if owner_meta.get("deletionTimestamp") or not match or pod["metadata"].get("deletionTimestamp"):
            continue
        if pod["metadata"].get("namespace", "default") != owner_meta.get("namespace", "default"):
            continue
        adopted = _adopt(cluster, owner, pod)
        if adopted is not None:
            claimed.append(adopted)
    return claimed


def claim(cluster: Cluster, owner: dict, selector: Selector, pods: list[PodFacts]) -> list[PodFacts]:
    """:func:`claim_pods` over the index's facts (active candidates, any order), in (namespace, name)
    order so that adoptions and releases are written in that order."""
    ordered = sorted(pods, key=lambda p: p.key)
    return [PodFacts(p) for p in claim_pods(cluster, owner, selector, [p.pod for p in ordered])]


def _adopt(cluster: Cluster, owner: dict, pod: dict) -> dict | None:
    """Add a controller reference to an orphan (a strategic-merge patch keyed by uid upstream)."""
    ometa = owner["metadata"]
    fresh = cluster.store.find(owner["kind"], ometa["name"], ometa.get("namespace", "default"))
    fmeta = (fresh or {}).get("metadata") or {}
    if fresh is None or fmeta.get("uid") != ometa["uid"] or fmeta.get("deletionTimestamp"):
        return None  # upstream: RecheckDeletionTimestamp ("... has just been deleted")
    new = copy.deepcopy(pod)
    new["metadata"].setdefault("ownerReferences", []).append(controller_ref(owner))
    try:
        return cluster.store.update(new)
    except errors.ApiError:
        return None


def _release(cluster: Cluster, owner: dict, pod: dict) -> None:
    new = copy.deepcopy(pod)
    uid = owner["metadata"]["uid"]
    refs = [r for r in new["metadata"].get("ownerReferences") or [] if r.get("uid") != uid]
    if refs:
        new["metadata"]["ownerReferences"] = refs
    else:
        new["metadata"].pop("ownerReferences", None)
    try:
        cluster.store.update(new)
    except errors.ApiError:
        pass  # gone or changed meanwhile: the next sync looks again


# -- creation ------------------------------------------------------------------------------------------
def pods_prefix(owner_name: str) -> str:
    """``<owner>-``; upstream: getPodsPrefix (the dash is dropped only if it would make an invalid name)."""
    return f"{owner_name}-"


def pod_from_template(template: dict, owner: dict) -> dict:
    """A new pod from a pod template. upstream: controller_utils.go GetPodFromTemplate."""
    tmeta = template.get("metadata") or {}
    meta: dict = {"generateName": pods_prefix(owner["metadata"]["name"])}
    for field in ("labels", "annotations", "finalizers"):
        if tmeta.get(field):
            meta[field] = clone(tmeta[field])
    meta["namespace"] = owner["metadata"].get("namespace", "default")
    meta["ownerReferences"] = [controller_ref(owner)]
    spec = clone(template.get("spec") or {})
    return {"apiVersion": "v1", "kind": "Pod", "metadata": meta, "spec": spec}


def slow_start_batch(count: int, initial_batch_size: int, fn: Callable[[], bool]) -> int:
    """Call ``fn`` ``count`` times in batches 1, 2, 4, ...; stop after a batch with a failure.

    Returns the number of successes.  upstream: controller_utils.go slowStartBatch (which runs each
    batch in parallel; here the calls of a batch run in order).
    """
    remaining, successes, batch = count, 0, min(count, initial_batch_size)
    while batch > 0:
        ok = sum(1 for _ in range(batch) if fn())
        successes += ok
        if ok < batch:
            return successes
        remaining -= batch
        batch = min(2 * batch, remaining)
    return successes


def create_pods(
    cluster: Cluster, owner: dict, template: dict, count: int, component: str
) -> tuple[int, str | None]:
    """Create ``count`` pods for ``owner``; returns (created, first error message or None).

    Events as RealPodControl records them: ``SuccessfulCreate`` "Created pod: x" or
    ``FailedCreate`` "Error creating: <apiserver message>".
    """
    failure: list[str] = []

    def create_one() -> bool:
        try:
            pod = cluster.store.create(pod_from_template(template, owner), owned=True)
        except errors.ApiError as exc:
            message = exc.message
            events.record(
                cluster.store, owner, "Warning", "FailedCreate", f"Error creating: {message}", component
            )
            failure.append(message)
            return False
        name = pod["metadata"]["name"]
        events.record(cluster.store, owner, "Normal", "SuccessfulCreate", f"Created pod: {name}", component)
        return True

    if not (template.get("metadata") or {}).get("labels"):
        return 0, "unable to create pods, no labels"
    created = slow_start_batch(count, SLOW_START_INITIAL_BATCH_SIZE, create_one)
    return created, (failure[0] if failure else None)


# -- deletion ---------------------------------------------------------------------------------------------
def delete_pods(cluster: Cluster, owner: dict, pods: Iterable[dict], component: str) -> str | None:
    """Delete pods (graceful, as a plain DELETE); events ``SuccessfulDelete`` "Deleted pod: x".

    upstream: RealPodControl.DeletePod (a pod already gone is no error and gets no event).
    Returns the first error message, or None.
    """
    failure = None
    for pod in pods:
        meta = pod["metadata"]
        try:
            cluster.store.delete("Pod", meta["name"], meta.get("namespace", "default"))
        except errors.NotFound:
            continue
        except errors.ApiError as exc:
            events.record(
                cluster.store, owner, "Warning", "FailedDelete", f"Error deleting: {exc.message}", component
            )
            failure = failure or f"unable to delete pods: {exc.message}"
            continue
        name = meta["name"]
        events.record(cluster.store, owner, "Normal", "SuccessfulDelete", f"Deleted pod: {name}", component)
    return failure


_PHASE_ORDINAL = {"Pending": 0, "Unknown": 1, "Running": 2}


@dataclass(frozen=True)
class _Facts:
    """What ActivePodsWithRanks.Less looks at, read once per pod version (timestamps as instants)."""

    phase: int
    ready: bool
    cost: int
    ready_since: float | None
    restarts: int
    created: float | None
    uid: str


def _facts(pod: dict) -> _Facts:
    statuses = (pod.get("status") or {}).get("containerStatuses") or []
    ready_c = _ready_condition(pod)
    since = None
    if ready_c and ready_c.get("status") == "True" and ready_c.get("lastTransitionTime"):
        since = instant(ready_c["lastTransitionTime"])
    stamp = pod["metadata"].get("creationTimestamp")
    return _Facts(
        phase=_PHASE_ORDINAL.get((pod.get("status") or {}).get("phase"), 0),
        ready=is_pod_ready(pod), cost=_deletion_cost(pod), ready_since=since,
        restarts=max((st.get("restartCount", 0) for st in statuses), default=0),
        created=instant(stamp) if stamp else None, uid=pod["metadata"].get("uid", ""),
    )


def _log_rank_diff(t1: float, t2: float, now: float) -> int:
    """upstream: controller_utils.go logarithmicRankDiff (durations in nanoseconds)."""
    def rank(t: float) -> int:
        d = (now - t) * 1e9
        return int(math.log2(d)) if d > 0 else -1
    return rank(t1) - rank(t2)


def _less(x: _Ranked, y: _Ranked, now: float) -> bool:
    """Whether ``x`` should be deleted before ``y``. upstream: controller_utils.go ActivePodsWithRanks.Less
    (with LogarithmicScaleDown and PodDeletionCost, both on in v1.32)."""
    (a, a_node, a_rank, _), (b, b_node, b_rank, _) = x, y
    if a_node != b_node and (not a_node or not b_node):  # 1. unassigned < assigned
        return not a_node
    if a.phase != b.phase:  # 2. Pending < Unknown < Running
        return a.phase < b.phase
    if a.ready != b.ready:  # 3. not ready < ready
        return not a.ready
    if a.cost != b.cost:  # 4. lower controller.kubernetes.io/pod-deletion-cost first
        return a.cost < b.cost
    if a_rank != b_rank:  # 5. doubled up on a node < not doubled up
        return a_rank > b_rank
    if a.ready and b.ready and a.ready_since != b.ready_since:  # 6. ready for less time, log2 buckets
        if a.ready_since is None or b.ready_since is None:
            return _after_or_zero(a.ready_since, b.ready_since)
        diff = _log_rank_diff(a.ready_since, b.ready_since, now)
        return a.uid < b.uid if diff == 0 else diff < 0
    if a.restarts != b.restarts:  # 7. more restarts < fewer
        return a.restarts > b.restarts
    if a.created != b.created:  # 8. newer < older, in log2 buckets
        if a.created is None or b.created is None:
            return _after_or_zero(a.created, b.created)
        diff = _log_rank_diff(a.created, b.created, now)
        return a.uid < b.uid if diff == 0 else diff < 0
    return False


def _after_or_zero(t1: float | None, t2: float | None) -> bool:
    """upstream: afterOrZero: an unset time counts as the latest."""
    if t1 is None or t2 is None:
        return t1 is None
    return t1 > t2


def _deletion_cost(pod: dict) -> int:
    value = ((pod["metadata"].get("annotations") or {}).get("controller.kubernetes.io/pod-deletion-cost"))
    try:
        return int(value) if value is not None else 0
    except ValueError:
        return 0


def pods_to_delete(cluster: Cluster, pods: list[dict], related: list[dict], diff: int) -> list[dict]:
    """The ``diff`` pods to remove first when scaling down. upstream: replica_set.go getPodsToDelete,
    getPodsRankedByRelatedPodsOnSameNode (rank = active related pods on the same node)."""
    def on_node() -> dict[str, int]:
        counts: dict[str, int] = {}
        for p in related:
            if is_pod_active(p):
                node = p["spec"].get("nodeName", "")
                counts[node] = counts.get(node, 0) + 1
        return counts

    facts = rank_for_deletion(cluster, [PodFacts(p) for p in pods], on_node, diff)
    return [f.pod for f in facts]


#: (ranking facts, node, active related pods on that node, the pod's index facts)
_Ranked = tuple[_Facts, str, int, PodFacts]


def rank_for_deletion(
    cluster: Cluster, pods: list[PodFacts], related: Callable[[], dict[str, int]], diff: int
) -> list[PodFacts]:
    """:func:`pods_to_delete` over index facts; ties keep the order of ``pods``.

    ``related()``: active related pods by node (asked only when there is a choice to make)."""
    if diff >= len(pods):
        return list(pods)
    on_node = related()
    ranked: list[_Ranked] = [(f.ranking(), f.node, on_node.get(f.node, 0), f) for f in pods]
    now = cluster.clock.now

    def cmp(x: _Ranked, y: _Ranked) -> int:
        return -1 if _less(x, y, now) else 1 if _less(y, x, now) else 0

    ranked.sort(key=functools.cmp_to_key(cmp))
    return [r[3] for r in ranked[:diff]]
