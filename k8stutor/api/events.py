"""Events as client-go's record package writes them (core/v1 Event objects in the store).

upstream: staging/src/k8s.io/client-go/tools/record/event.go (recordToSink) with its
EventCorrelator (:mod:`.event_correlator`): an event identical to an earlier one bumps that one's
``count`` and ``lastTimestamp``, similar events beyond ten are combined into one, and a component
sends at most 25 events about an object at once, then one every 5 minutes.  The scheduler records
through the events.k8s.io API instead: a repeated event only grows its series' count.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from ..validation.field import is_dns1123_label, is_dns1123_subdomain
from . import errors
from .event_correlator import Correlator, process_of

if TYPE_CHECKING:
    from .store import Store

NODE_NAME = "minikube"

#: Components that record through the events.k8s.io API (k8s.io/client-go/tools/events): an event
#: repeated unchanged joins its series (the count grows); no aggregation, no spam filter.
SERIES_COMPONENTS = frozenset({"default-scheduler"})

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
) -> dict | None:
    """Record an event about ``obj`` as ``component`` does; returns the Event written, or None when
    the component's spam filter dropped it."""
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
    base = _NANOS.get(clock.now)
    if base is None:
        base = _NANOS[clock.now] = int(round((clock.datetime().timestamp()) * 1e9))
    name = f"{meta.get('name')}.{base + store.revision:x}"
    series = component in SERIES_COMPONENTS
    if series:
        series_key = (involved["uid"], reason, message, type_, component, host, field_path)
        known = store.event_cache.get(series_key)
        found = store.find("Event", known[1], known[0]) if known else None
        count, first = (found["count"] + 1, found["firstTimestamp"]) if found else (1, now)
        name = found["metadata"]["name"] if found else name
    else:
        process = process_of(component)
        correlator = store.event_correlators.get(process)
        if correlator is None:
            correlator = store.event_correlators[process] = Correlator()
        # the keys of getSpamKey, EventAggregatorByReasonFunc and getEventKey (events_cache.go)
        spam_key = (component, host, involved["kind"], namespace, involved["name"], involved["uid"],
                    involved["apiVersion"])
        aggregate_key = spam_key + (type_, reason, component, host or "")
        event_key = spam_key + (field_path, type_, reason, message)
        message, count, first, name, skip = correlator.correlate(
            clock.now, now, name, event_key, aggregate_key, spam_key, message
        )
        if skip:
            return None
        found = store.find("Event", name, namespace) if count > 1 else None
    if found is not None:
        return store.update({**found, "count": count, "lastTimestamp": now, "message": message})
    # (an event updated later but gone meanwhile is created anew, with its count: recordToSink)
    # An Event's validation is its name's and namespace's: checking them here spares the full pass
    # for the thousands of events a rollout records.  "<object>.<hex>" is a DNS subdomain exactly when
    # the object's name is one and the whole fits in 253 characters.
    valid = len(name) <= 253 and _is_subdomain(str(meta.get("name"))) and _is_label(namespace)
    try:
        created = store.create(_event(name, namespace, involved, reason, message, source, first, now, count,
                                      type_, component, host), owned=True, validated=valid)
    except errors.Invalid:
        return None  # recordToSink: "Server rejected event (will not retry!)"; the event is lost
    if series:
        store.event_cache[series_key] = (namespace, created["metadata"]["name"])
    return created


def _event(name: str, namespace: str, involved: dict, reason: str, message: str, source: dict, first: str,
           now: str, count: int, type_: str, component: str, host: str | None) -> dict:
    return {
        "apiVersion": "v1",
        "kind": "Event",
        "metadata": {"name": name, "namespace": namespace},
        "involvedObject": involved,
        "reason": reason,
        "message": message,
        "source": source,
        "firstTimestamp": first,
        "lastTimestamp": now,
        "count": count,
        "type": type_,
        "eventTime": None,
        "reportingComponent": component,
        "reportingInstance": host or "",
    }


@functools.lru_cache(maxsize=16_384)
def _is_subdomain(name: str) -> bool:
    return not is_dns1123_subdomain(name)


@functools.lru_cache(maxsize=1024)
def _is_label(name: str) -> bool:
    return not is_dns1123_label(name)


def for_object(store: Store, obj: dict) -> list[dict]:
    """Events about ``obj``, oldest first (as ``kubectl describe`` sorts them)."""
    uid = obj["metadata"].get("uid")
    evs = [e for e in store.list("Event", obj["metadata"].get("namespace", "default"))
           if e["involvedObject"].get("uid") == uid]
    return sorted(evs, key=lambda e: (e["firstTimestamp"], int(e["metadata"]["resourceVersion"])))
