"""The apiserver's storage layer and etcd, in one object.

Every write goes through here: it stamps uid, resourceVersion, generation and
creationTimestamp, runs the kind's strategy (defaulting, allocation), runs the
apiserver's validation, handles finalizers and graceful deletion, and notifies
watchers.  A call that raises leaves the store as it was.

Objects are plain API-shaped dicts.  The dicts the store hands out are its own:
treat them as read-only and write a changed copy back (:func:`clone` then
``update``), as a client of a real apiserver would.
upstream: staging/src/k8s.io/apiserver/pkg/registry/generic/registry/store.go
"""

from __future__ import annotations

import gc
import importlib
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from . import errors, kinds
from .registry import strategy_for

if TYPE_CHECKING:
    from ..clock import Clock

Key = tuple[str, str, str]  # (kind, namespace, name); namespace "" for cluster-scoped
Watcher = Callable[[str, dict], None]  # ("ADDED" | "MODIFIED" | "DELETED", object)

# upstream: staging/src/k8s.io/apimachinery/pkg/util/rand/rand.go (alphanums: no vowels, no 0/1/3)
NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789"
_ALPHABET_SIZE = len(NAME_ALPHABET)
_SUFFIX_BITS = _ALPHABET_SIZE.bit_length()
# upstream: staging/src/k8s.io/apiserver/pkg/storage/names/generate.go (SimpleNameGenerator)
MAX_GENERATED_NAME_LENGTH = 63 - 5


def clone(obj):
    """A deep copy of JSON-shaped data (dicts, lists, scalars): about 4x faster than copy.deepcopy."""
    if type(obj) is dict:
        return {k: clone(v) for k, v in obj.items()}
    if type(obj) is list:
        return [clone(v) for v in obj]
    return obj


def _tune_gc() -> None:
    """Collect cycles less often (never more often than Python's defaults would).

    A large cluster holds millions of small acyclic dicts; with the default thresholds (700, 10, 10)
    the full collections that keep re-scanning them took about a third of a 6,000-replica rolling
    update, and (50,000, 20, 10) still about a tenth of a 10,000-replica one.  Only the timing of
    cycle collection changes, never what the simulator computes.
    """
    t0, t1, t2 = gc.get_threshold()
    if t0:  # 0 = the user disabled automatic collection: leave it so
        gc.set_threshold(max(t0, 200_000), max(t1, 50), max(t2, 100))


class Store:
    def __init__(self, clock: Clock) -> None:
        _tune_gc()
        self.clock = clock
        self.revision = 0
        self._objects: dict[str, dict[tuple[str, str], dict]] = {}
        self._order: dict[str, list[tuple[str, str]]] = {}  # kind -> sorted keys (a cache)
        # kind -> namespace (None: all) -> its objects in list() order; dropped on any write of the kind
        self._lists: dict[str, dict[str | None, list[dict]]] = {}
        # (callback, kinds it wants or None for all, kinds it skips), in registration order
        self._watchers: list[tuple[Watcher, frozenset[str] | None, frozenset[str]]] = []
        self._dispatch: dict[str | None, tuple[Watcher, ...]] = {}  # kind -> its watchers (a cache)
        # the recorders' state (events.record): each component process's client-go EventCorrelator,
        # and the events.k8s.io recorders' series (event key -> (namespace, name) of the Event)
        self.event_correlators: dict[str, object] = {}
        self.event_cache: dict[tuple, tuple[str, str]] = {}

    # -- identity -----------------------------------------------------------
    def random_suffix(self, n: int = 5) -> str:
        """``n`` of ``rnd.choice(NAME_ALPHABET)``, drawing the same bits choice() draws (its
        _randbelow: getrandbits(5) until below 27) without its per-call overhead."""
        getrandbits = self.clock.random.getrandbits
        out = []
        for _ in range(n):
            r = getrandbits(_SUFFIX_BITS)
            while r >= _ALPHABET_SIZE:
                r = getrandbits(_SUFFIX_BITS)
            out.append(NAME_ALPHABET[r])
        return "".join(out)

    def new_uid(self) -> str:
        h = f"{self.clock.random.getrandbits(128):032x}"
        return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{'89ab'[int(h[16], 16) % 4]}{h[17:20]}-{h[20:]}"

    def _next_rv(self) -> str:
        self.revision += 1
        return str(self.revision)

    # -- reads --------------------------------------------------------------
    def get(self, kind: str, name: str, namespace: str = "default") -> dict:
        obj = self.find(kind, name, namespace)
        if obj is None:
            raise errors.NotFound.of((kinds.by_kind(kind) or kinds.resolve(kind)).resource, name)
        return obj

    def find(self, kind: str, name: str, namespace: str = "default") -> dict | None:
        k = kinds.by_kind(kind) or kinds.resolve(kind)
        return self._objects.get(k.kind, _NONE).get((namespace if k.namespaced else "", name))

    def list(
        self,
        kind: str,
        namespace: str | None = "default",
        selector: Callable[[dict], bool] | None = None,
    ) -> list[dict]:
        """Objects of ``kind`` sorted by (namespace, name); ``namespace=None`` is all namespaces.

        ``selector`` is a predicate over the labels dict (see :mod:`k8stutor.api.selectors`).
        """
        k = kinds.by_kind(kind) or kinds.resolve(kind)
        scope = namespace if k.namespaced else None
        cached = self._lists.setdefault(k.kind, {})
        objs = cached.get(scope)
        if objs is None:
            bucket = self._objects.get(k.kind, {})
            keys = self._sorted_keys(k.kind)
            if scope is not None:
                keys = [key for key in keys if key[0] == scope]
            objs = cached[scope] = [bucket[key] for key in keys]
        if selector is None:
            return list(objs)
        return [obj for obj in objs if selector(obj["metadata"].get("labels") or {})]

    def _sorted_keys(self, kind: str) -> list[tuple[str, str]]:
        """The bucket's keys in (namespace, name) order, re-sorted only after an insert or removal."""
        keys = self._order.get(kind)
        if keys is None:
            keys = self._order[kind] = sorted(self._objects.get(kind, {}))
        return keys

    def all_objects(self) -> Iterable[dict]:
        for kind in sorted(self._objects):
            for _key, obj in sorted(self._objects[kind].items()):
                yield obj

    # -- writes -------------------------------------------------------------
    def create(self, obj: dict, owned: bool = False, validated: bool = False) -> dict:
        """Store a new object (a deep copy of ``obj``); returns the stored object.

        ``owned=True``: the caller built ``obj`` for this call and hands it over (no copy is made;
        it must not touch it afterwards).  Events and controllers creating pods use it.
        ``validated=True``: the caller has made sure validation would pass (client-go's event
        recorder, whose events are built from an object already stored): the check is skipped.
        """
        k = kinds.for_object(obj)
        new = obj if owned else clone(obj)
        new["apiVersion"] = k.api_version
        meta = new.setdefault("metadata", {})
        if k.namespaced:
            meta.setdefault("namespace", "default")
        else:
            meta.pop("namespace", None)
        for field in ("uid", "resourceVersion", "creationTimestamp", "deletionTimestamp", "generation"):
            meta.pop(field, None)
        # Order of a real create (registry/generic/registry/store.go Create): admission (before the
        # name exists, so its errors name the generateName prefix), name generation, allocation
        # (Service beginCreate), strategy and validation, and only then etcd's AlreadyExists.  Our
        # prepare_for_create holds admission, allocation and defaulting; allocators read the store,
        # so a create that fails here leaks nothing.
        strategy_for(k.kind).prepare_for_create(self, new)
        if not meta.get("name") and meta.get("generateName"):
            meta["name"] = meta["generateName"][:MAX_GENERATED_NAME_LENGTH] + self.random_suffix()
        if not validated:
            self._validate(new, None)
        ns, name = (meta.get("namespace", ""), meta.get("name", ""))
        if (ns, name) in self._objects.get(k.kind, {}):
            raise errors.AlreadyExists.of(k.resource, name)
        meta["uid"] = self.new_uid()
        meta["creationTimestamp"] = self.clock.timestamp()
        if _has_spec(new):
            meta["generation"] = 1
        meta["resourceVersion"] = self._next_rv()
        self._objects.setdefault(k.kind, {})[(ns, name)] = new
        self._order.pop(k.kind, None)
        self._lists.pop(k.kind, None)
        self._notify("ADDED", new)
        return new

    def update(self, obj: dict, subresource: str | None = None, owned: bool = False) -> dict:
        """Replace an object.  ``subresource="status"`` keeps spec and generation as stored.

        ``owned=True`` (status writes only): the caller built ``obj["status"]`` for this call and
        hands it over (no copy; it must not touch it afterwards), as the kubelet's status manager does.
        """
        k = kinds.for_object(obj)
        meta = obj.get("metadata", {})
        ns = meta.get("namespace", "default") if k.namespaced else ""
        old = self.get(k.kind, meta.get("name", ""), ns or "default")
        rv = meta.get("resourceVersion")
        if rv and rv != old["metadata"]["resourceVersion"]:
            raise errors.Conflict(
                f'Operation cannot be fulfilled on {k.resource} "{meta["name"]}": '
                "the object has been modified; please apply your changes to the latest version and try again"
            )
        if subresource == "status":
            # Only status changes; the rest is the stored object's (shared: stored objects are immutable).
            status = obj.get("status")
            if status == old.get("status"):
                return old  # a no-op write does not bump resourceVersion (etcd3 store's GuaranteedUpdate)
            new = {**old, "metadata": dict(old["metadata"]), "status": status if owned else clone(status)}
            nmeta = new["metadata"]
        else:
            new = clone(obj)
            new["apiVersion"] = k.api_version
            nmeta = new.setdefault("metadata", {})
            for field in ("uid", "creationTimestamp", "generation", "deletionTimestamp", "namespace"):
                if field in old["metadata"]:
                    nmeta[field] = old["metadata"][field]
            if "status" in old:
                new["status"] = clone(old["status"])  # strategies may edit it in place
            strategy_for(k.kind).prepare_for_update(self, old, new)
            self._validate(new, old)
            if _has_spec(new) and _spec_of(new) != _spec_of(old):
                nmeta["generation"] = old["metadata"].get("generation", 0) + 1
            nmeta["resourceVersion"] = old["metadata"]["resourceVersion"]
            if new == old:
                return old  # a no-op write does not bump resourceVersion
        nmeta["resourceVersion"] = self._next_rv()
        self._objects[k.kind][(ns, nmeta["name"])] = new
        self._lists.pop(k.kind, None)
        if nmeta.get("deletionTimestamp") and not nmeta.get("finalizers") and not self._graceful(k.kind, new):
            return self._remove(k, new)
        self._notify("MODIFIED", new)
        return new

    def update_status(self, obj: dict, owned: bool = False) -> dict:
        return self.update(obj, subresource="status", owned=owned)

    def bind(self, pod: dict) -> dict:
        """The pods/binding subresource: set spec.nodeName and the status the scheduler writes.

        Unlike ``update`` it skips validation (a pod's spec is otherwise immutable) and never
        touches generation.  upstream: pkg/registry/core/pod/storage/storage.go (BindingREST).
        """
        old = self.get("Pod", pod["metadata"]["name"], pod["metadata"].get("namespace", "default"))
        if old["spec"].get("nodeName"):
            raise errors.Conflict(f'pod {pod["metadata"]["name"]} is already assigned to node '
                                  f'"{old["spec"]["nodeName"]}"')
        spec = {**old["spec"], "nodeName": pod["spec"]["nodeName"]}
        new = {**old, "metadata": dict(old["metadata"]), "spec": spec}
        if "status" in pod:
            new["status"] = clone(pod["status"])
        new["metadata"]["resourceVersion"] = self._next_rv()
        meta = new["metadata"]
        self._objects["Pod"][(meta.get("namespace", ""), meta["name"])] = new
        self._lists.pop("Pod", None)
        self._notify("MODIFIED", new)
        return new

    def delete(
        self,
        kind: str,
        name: str,
        namespace: str = "default",
        propagation: str = "Background",
        grace_period: int | None = None,
    ) -> dict:
        """Delete as the apiserver does: finalizers and graceful pods only get a deletionTimestamp.

        ``propagation`` adds the ``foregroundDeletion`` / ``orphan`` finalizer the garbage
        collector acts on (upstream: pkg/registry/.../store.go, deletionFinalizersForGarbageCollection).
        Returns the object as it was last stored.
        """
        k = kinds.by_kind(kind) or kinds.resolve(kind)
        obj = self.get(k.kind, name, namespace)
        new = {**obj, "metadata": dict(obj["metadata"])}  # only metadata changes
        meta = new["metadata"]
        finalizers = list(meta.get("finalizers") or [])
        gc_finalizer = {"Foreground": "foregroundDeletion", "Orphan": "orphan"}.get(propagation)
        if gc_finalizer and gc_finalizer not in finalizers:
            finalizers.append(gc_finalizer)
        graceful = grace_period != 0 and self._graceful(k.kind, obj)
        if not finalizers and not graceful:
            return self._remove(k, obj)
        if meta.get("deletionTimestamp"):
            return obj
        meta["finalizers"] = finalizers or None
        if not finalizers:
            meta.pop("finalizers")
        meta["deletionTimestamp"] = self.clock.timestamp(
            self.clock.now + (grace_period if grace_period is not None else 0)
        )
        if graceful:
            grace = grace_period if grace_period is not None else _pod_grace(obj)
            meta["deletionTimestamp"] = self.clock.timestamp(self.clock.now + grace)
            meta["deletionGracePeriodSeconds"] = grace
        meta["resourceVersion"] = self._next_rv()
        self._objects[k.kind][(meta.get("namespace", ""), name)] = new
        self._lists.pop(k.kind, None)
        self._notify("MODIFIED", new)
        return new

    def remove_finalizer(self, obj: dict, finalizer: str) -> dict:
        new = clone(obj)
        fins = [f for f in new["metadata"].get("finalizers") or [] if f != finalizer]
        if fins:
            new["metadata"]["finalizers"] = fins
        else:
            new["metadata"].pop("finalizers", None)
        return self.update(new)

    # -- watches ------------------------------------------------------------
    def watch(
        self, callback: Watcher, kinds: Iterable[str] | None = None, skip: Iterable[str] = ()
    ) -> Callable[[], None]:
        """Call ``callback(type, obj)`` after every change; returns the function that stops it.

        ``kinds``: only changes of these kinds (an informer per resource); ``skip``: never these.
        """
        entry = (callback, None if kinds is None else frozenset(kinds), frozenset(skip))
        self._watchers.append(entry)
        self._dispatch.clear()

        def stop() -> None:
            if entry in self._watchers:
                self._watchers.remove(entry)
                self._dispatch.clear()

        return stop

    # -- internals ----------------------------------------------------------
    def _graceful(self, kind: str, obj: dict) -> bool:
        return strategy_for(kind).graceful_delete(self, obj)

    def _remove(self, k: kinds.Kind, obj: dict) -> dict:
        meta = obj["metadata"]
        del self._objects[k.kind][(meta.get("namespace", ""), meta["name"])]
        self._order.pop(k.kind, None)
        self._lists.pop(k.kind, None)
        self._next_rv()
        strategy_for(k.kind).after_delete(self, obj)
        self._notify("DELETED", obj)
        return obj

    def _notify(self, event: str, obj: dict) -> None:
        kind = obj.get("kind")
        watchers = self._dispatch.get(kind)
        if watchers is None:
            watchers = self._dispatch[kind] = tuple(
                cb for cb, want, skip in self._watchers if (want is None or kind in want) and kind not in skip
            )
        for w in watchers:
            w(event, obj)

    def _validate(self, new: dict, old: dict | None) -> None:
        validate = _apiserver_validation()
        if validate is None:
            return
        causes = validate(new, old, self)
        if causes:
            kind = new.get("kind", "")
            raise errors.Invalid.of(kind, new.get("metadata", {}).get("name", ""), causes)


_NONE: dict = {}  # the bucket of a kind with no object yet (never written to)


# Kinds whose registry strategy keeps metadata.generation in v1.32 (pkg/registry/*/strategy.go
# PrepareForCreate sets Generation = 1); pods only get one from v1.33 (PodObservedGenerationTracking).
WITH_GENERATION = frozenset({
    "Deployment", "ReplicaSet", "ReplicationController", "StatefulSet", "DaemonSet", "Job", "CronJob",
    "Ingress", "IngressClass", "NetworkPolicy", "PodDisruptionBudget", "HorizontalPodAutoscaler",
})


def _has_spec(obj: dict) -> bool:
    return obj.get("kind") in WITH_GENERATION


def _spec_of(obj: dict) -> dict:
    return {k: v for k, v in obj.items() if k not in ("metadata", "status", "apiVersion", "kind")}


def _pod_grace(obj: dict) -> int:
    return int((obj.get("spec") or {}).get("terminationGracePeriodSeconds", 30))


_VALIDATE: list = []


def _apiserver_validation():
    """``k8stutor.validation.apiserver.validate_object`` once it exists (imported lazily)."""
    if not _VALIDATE:
        try:
            mod = importlib.import_module("k8stutor.validation.apiserver")
            _VALIDATE.append(getattr(mod, "validate_object", None))
        except ImportError:
            _VALIDATE.append(None)
    return _VALIDATE[0]
