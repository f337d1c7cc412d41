"""The garbage collector: deletes dependents whose owners are gone, and carries out cascades.

upstream: pkg/controller/garbagecollector/garbagecollector.go (attemptToDeleteItem,
classifyReferences, processDeletingDependentsItem, orphanDependents) and graph_builder.go (the
owner -> dependents graph, kept current from watch events).

- Background (kubectl's default): the owner goes at once; its dependents, now without a living
  owner, are deleted here.
- Foreground: the owner waits with the ``foregroundDeletion`` finalizer while its dependents are
  deleted; the finalizer is removed once no dependent with ``blockOwnerDeletion: true`` is left.
- Orphan (``--cascade=orphan``): the owner waits with the ``orphan`` finalizer while its
  ownerReferences are removed from the dependents; then it goes and they stay.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from ..api import errors, kinds
from . import register

if TYPE_CHECKING:
    from ..cluster import Cluster

Key = tuple[str, str, str]  # (kind, namespace, name)
FOREGROUND, ORPHAN = "foregroundDeletion", "orphan"


def _key(obj: dict) -> Key:
    meta = obj["metadata"]
    return (obj["kind"], meta.get("namespace", ""), meta["name"])


def _refs(obj: dict) -> list[dict]:
    return list(obj["metadata"].get("ownerReferences") or [])


@register
class GarbageCollector:
    name = "garbagecollector"
    order = 40

    def __init__(self, cluster: Cluster) -> None:
        self.cluster = cluster
        self.dependents: dict[str, set[Key]] = {}  # owner uid -> objects that reference it
        self.owners_of: dict[Key, frozenset[str]] = {}
        self.attempt: set[Key] = set()  # objects whose owners must be checked
        self.deleting: set[Key] = set()  # owners being deleted with the orphan / foreground finalizer
        self._uid_key: dict[str, Key] = {}
        self._refs_seen: dict[Key, list | None] = {}  # the ownerReferences list each object last had
        for obj in list(cluster.store.all_objects()):
            self._observe("ADDED", obj)
        cluster.store.watch(self._observe, skip=("Event",))

    # -- the graph builder ----------------------------------------------------------------------------
    def _observe(self, event: str, obj: dict) -> None:
        if obj.get("kind") == "Event":
            return
        key, meta = _key(obj), obj["metadata"]
        refs = meta.get("ownerReferences")
        if event == "MODIFIED" and refs is not None and self._refs_seen.get(key) is refs:
            # the same ownerReferences list as the version before (a status write): the graph stands
            self._watch_deletion(key, meta)
            return
        self._refs_seen[key] = refs
        old = self.owners_of.pop(key, frozenset())
        for uid in old:
            self.dependents.get(uid, set()).discard(key)
        if event == "DELETED":
            self._refs_seen.pop(key, None)
            self._uid_key.pop(meta.get("uid"), None)
            self.attempt.update(self.dependents.get(meta.get("uid"), ()))
            self.deleting.discard(key)
            self.deleting.update(k for k in self._keys_of(old) if k is not None)  # a foreground owner may go
            return
        new = frozenset(r["uid"] for r in _refs(obj) if r.get("uid"))
        if new:
            self.owners_of[key] = new
            for uid in new:
                self.dependents.setdefault(uid, set()).add(key)
            if new != old:
                self.attempt.add(key)
        self._watch_deletion(key, meta)

    def _watch_deletion(self, key: Key, meta: dict) -> None:
        fins = meta.get("finalizers") or []
        if meta.get("deletionTimestamp") and (FOREGROUND in fins or ORPHAN in fins):
            self.deleting.add(key)
        self._uid_key[meta.get("uid")] = key

    def _keys_of(self, uids: frozenset[str]) -> list[Key | None]:
        return [self._uid_key.get(u) for u in uids]

    # -- the workers ----------------------------------------------------------------------------------
    def sync(self, cluster: Cluster) -> None:
        attempt, self.attempt = sorted(self.attempt), set()
        for key in attempt:
            self.attempt_to_delete(key)
        for key in sorted(self.deleting):
            self.process_deleting(key)

    def _find(self, key: Key) -> dict | None:
        kind, ns, name = key
        return self.cluster.store.find(kind, name, ns or "default")

    def _owner_of_ref(self, dependent: dict, ref: dict) -> tuple[str, dict | None]:
        """('dangling' | 'waiting' | 'solid', owner). upstream: classifyReferences / isDangling."""
        k = kinds.by_kind(ref.get("kind", ""))
        if k is None:
            return "solid", None  # a kind this cluster cannot look up: leave the reference alone
        ns = dependent["metadata"].get("namespace", "default") if k.namespaced else ""
        owner = self.cluster.store.find(k.kind, ref.get("name", ""), ns or "default")
        if owner is None or owner["metadata"].get("uid") != ref.get("uid"):
            return "dangling", None
        ometa = owner["metadata"]
        if ometa.get("deletionTimestamp") and FOREGROUND in (ometa.get("finalizers") or []):
            return "waiting", owner
        return "solid", owner

    def attempt_to_delete(self, key: Key) -> None:
        """upstream: attemptToDeleteItem."""
        obj = self._find(key)
        if obj is None:
            return
        meta = obj["metadata"]
        fins = meta.get("finalizers") or []
        if meta.get("deletionTimestamp") and FOREGROUND not in fins:
            return  # already on its way out
        if meta.get("deletionTimestamp"):
            self.deleting.add(key)
            return
        refs = _refs(obj)
        if not refs:
            return
        classes = {r["uid"]: self._owner_of_ref(obj, r)[0] for r in refs}
        solid = [u for u, c in classes.items() if c == "solid"]
        stale = {u for u, c in classes.items() if c != "solid"}
        if solid:
            if stale:  # drop references to owners that are gone or waiting on us
                self._remove_refs(obj, stale)
            return
        waiting = any(c == "waiting" for c in classes.values())
        if waiting and self.dependents.get(meta["uid"]):
            policy = "Foreground"
        elif ORPHAN in fins:
            policy = "Orphan"
        elif FOREGROUND in fins:
            policy = "Foreground"
        else:
            policy = "Background"
        self._delete(obj, policy)

    def process_deleting(self, key: Key) -> None:
        """An owner with the orphan or foregroundDeletion finalizer. upstream: orphanDependents,
        processDeletingDependentsItem."""
        owner = self._find(key)
        meta = (owner or {}).get("metadata") or {}
        fins = meta.get("finalizers") or []
        if owner is None or not meta.get("deletionTimestamp") or not ({ORPHAN, FOREGROUND} & set(fins)):
            self.deleting.discard(key)
            return
        uid = meta["uid"]
        deps = [d for d in (self._find(k) for k in sorted(self.dependents.get(uid, ()))) if d is not None]
        if ORPHAN in fins:
            for dep in deps:
                self._remove_refs(dep, {uid})
            self._remove_finalizer(owner, ORPHAN)
            return
        blocking = [
            d for d in deps if any(r.get("uid") == uid and r.get("blockOwnerDeletion") for r in _refs(d))
        ]
        if not blocking:
            self._remove_finalizer(owner, FOREGROUND)
            return
        for dep in deps:
            self.attempt_to_delete(_key(dep))

    # -- writes -------------------------------------------------------------------------------------
    def _delete(self, obj: dict, policy: str) -> None:
        kind, ns, name = _key(obj)
        try:
            self.cluster.store.delete(kind, name, ns or "default", propagation=policy)
        except errors.ApiError:
            pass  # gone meanwhile

    def _remove_refs(self, obj: dict, uids: set[str]) -> None:
        new = copy.deepcopy(obj)
        refs = [r for r in _refs(new) if r.get("uid") not in uids]
        if refs:
            new["metadata"]["ownerReferences"] = refs
        else:
            new["metadata"].pop("ownerReferences", None)
        try:
            self.cluster.store.update(new)
        except errors.ApiError:
            pass  # changed meanwhile: its next event brings it back here

    def _remove_finalizer(self, owner: dict, finalizer: str) -> None:
        try:
            self.cluster.store.remove_finalizer(owner, finalizer)
        except errors.ApiError:
            pass
