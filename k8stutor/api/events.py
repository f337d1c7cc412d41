"""Events as client-go's record package writes them (core/v1 Event objects in the store).

upstream: staging/src/k8s.io/client-go/tools/record/event.go and events_cache.go:
an event identical in source, object, type, reason and message to an earlier one
bumps that one's ``count`` and ``lastTimestamp`` instead of making a new object.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..validation.field import is_dns1123_label, is_dns1123_subdomain

if TYPE_CHECKING:
    from .store import Store

NODE_NAME = "minikube"

# The Unix time in nanoseconds of each virtual instant events were recorded at (thousands of events
# share an instant; the name suffix is this plus the store's revision).
_NANOS: dict[float, int] = {}


def record(
    store: Store,
    obj: dict,
    type_: str,
    reason: str,
    message: str,
    component: str,
    field_path: str | None = None,
    host: str | None = None,
) -> dict:
    meta = obj["metadata"]
    namespace = meta.get("namespace", "default")
    involved = {
        "apiVersion": obj.get("apiVersion"),
        "kind": obj.get("kind"),
        "name": meta.get("name"),
        "namespace": namespace,
        "resourceVersion": meta.get("resourceVersion"),
        "uid": meta.get("uid"),
    }
    if field_path:
        involved["fieldPath"] = field_path
    source = {"component": component}
    if host:
        source["host"] = host
    clock = store.clock
    now = clock.timestamp()
    index = store.event_cache
    key = (involved["uid"], reason, message, type_, component, host, field_path)
    known = index.get(key)
    ev = store.find("Event", known[1], known[0]) if known else None
    if ev is not None:
        return store.update({**ev, "count": ev["count"] + 1, "lastTimestamp": now})
    base = _NANOS.get(clock.now)
    if base is None:
        base = _NANOS[clock.now] = int(round((clock.datetime().timestamp()) * 1e9))
    nanos = base + store.revision
    name = f"{meta.get('name')}.{nanos:x}"
    # An Event's validation is its name's and namespace's (both from a stored object): checking the
    # name here spares the full pass for the thousands of events a rollout records.
    valid = not is_dns1123_subdomain(name) and not is_dns1123_label(namespace)
    created = store.create(
        {
            "apiVersion": "v1",
            "kind": "Event",
            "metadata": {"name": name, "namespace": namespace},
            "involvedObject": involved,
            "reason": reason,
            "message": message,
            "source": source,
            "firstTimestamp": now,
            "lastTimestamp": now,
            "count": 1,
            "type": type_,
            "eventTime": None,
            "reportingComponent": component,
            "reportingInstance": host or "",
        },
        owned=True,
        validated=valid,
    )
    index[key] = (namespace, created["metadata"]["name"])
    return created


def for_object(store: Store, obj: dict) -> list[dict]:
    """Events about ``obj``, oldest first (as ``kubectl describe`` sorts them)."""
    uid = obj["metadata"].get("uid")
    evs = [e for e in store.list("Event", obj["metadata"].get("namespace", "default"))
           if e["involvedObject"].get("uid") == uid]
    return sorted(evs, key=lambda e: (e["firstTimestamp"], int(e["metadata"]["resourceVersion"])))
