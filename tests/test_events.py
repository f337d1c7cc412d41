"""Events as client-go's recorder writes them: counting, aggregation, spam filtering, LRU caches.

upstream: staging/src/k8s.io/client-go/tools/record/events_cache.go (EventCorrelator defaults:
aggregate at 10 similar events in 10 minutes, 25 events per source and object, one more every
5 minutes).  The scheduler records through events.k8s.io, where a repeated event only counts up.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from k8stutor import Cluster
from k8stutor.api import events
from k8stutor.api.event_correlator import LRU


def _target(c: Cluster) -> dict:
    return c.store.get("Namespace", "default")


def _about(c: Cluster, obj: dict) -> list[dict]:
    return events.for_object(c.store, obj)


def test_identical_events_count_up_on_one_object() -> None:
    c = Cluster()
    ns = _target(c)
    for _ in range(3):
        events.record(c.store, ns, "Warning", "Odd", "same text", "kubelet", host="minikube")
    (ev,) = _about(c, ns)
    assert (ev["count"], ev["message"]) == (3, "same text")


def test_the_tenth_similar_event_is_combined_and_counts_from_then_on() -> None:
    c = Cluster()
    ns = _target(c)
    for i in range(1, 13):
        events.record(c.store, ns, "Normal", "Thing", f"message {i}", "kubelet", host="minikube")
    got = [(e["message"], e["count"]) for e in _about(c, ns)]
    assert got == [(f"message {i}", 1) for i in range(1, 10)] + [
        ("(combined from similar events): message 12", 3)
    ]


def test_similar_events_more_than_ten_minutes_apart_are_not_combined() -> None:
    c = Cluster()
    ns = _target(c)
    for i in range(12):
        events.record(c.store, ns, "Normal", "Thing", f"message {i}", "kubelet", host="minikube")
        c.clock.now += 601
    assert not any(e["message"].startswith("(combined") for e in _about(c, ns))


def test_a_source_sends_25_events_about_an_object_then_one_every_5_minutes() -> None:
    c = Cluster()
    ns = _target(c)
    for _ in range(30):
        events.record(c.store, ns, "Warning", "Again", "same", "kubelet", host="minikube")
    assert _about(c, ns)[0]["count"] == 25  # the last 5 were dropped by the spam filter
    c.clock.now += 300  # one token back
    events.record(c.store, ns, "Warning", "Again", "same", "kubelet", host="minikube")
    assert _about(c, ns)[0]["count"] == 31  # the recorder counted the dropped ones too
    assert events.record(c.store, ns, "Warning", "Again", "same", "kubelet", host="minikube") is None


def test_other_sources_and_objects_have_their_own_budget() -> None:
    c = Cluster()
    ns = _target(c)
    for _ in range(30):
        events.record(c.store, ns, "Warning", "Again", "same", "kubelet", host="minikube")
    assert events.record(c.store, ns, "Warning", "Again", "same", "node-controller") is not None
    other = c.store.get("Namespace", "kube-system")
    assert events.record(c.store, other, "Warning", "Again", "same", "kubelet", host="minikube") is not None


def test_the_scheduler_series_counts_every_repeat() -> None:
    c = Cluster()
    ns = _target(c)
    for _ in range(40):
        events.record(c.store, ns, "Warning", "FailedScheduling", "0/1 nodes", "default-scheduler")
    (ev,) = _about(c, ns)
    assert ev["count"] == 40


def test_a_large_replicaset_combines_its_creation_events() -> None:
    c = Cluster()
    assert c.kubectl("create deployment web --image=nginx:1.14.2 --replicas=60").ok
    assert c.kubectl("rollout status deploy/web").ok
    rs = c.store.list("ReplicaSet")[0]
    created = [e for e in _about(c, rs) if e["reason"] == "SuccessfulCreate"]
    assert [e["count"] for e in created] == [1] * 9 + [16]  # 25 sent, 35 dropped
    assert created[-1]["message"].startswith("(combined from similar events): Created pod: web-")
    out = c.kubectl("describe rs").stdout
    assert "(combined from similar events): Created pod: web-" in out
    assert len(c.store.list("Pod")) == 60  # the pods are all there: only events are dropped


@given(
    st.lists(st.tuples(st.booleans(), st.integers(min_value=0, max_value=12)), max_size=200),
    st.integers(min_value=1, max_value=8),
)
@settings(max_examples=80, deadline=None)
def test_lru_keeps_the_most_recently_used_keys(ops: list[tuple[bool, int]], capacity: int) -> None:
    """groupcache/lru: an add or a hit makes a key the newest; beyond capacity the oldest goes."""
    lru = LRU(capacity)
    order: list[int] = []  # the model: keys from oldest to newest use
    for add, k in ops:
        if add:
            lru.add(k, k)
        elif lru.lookup(k) is None:
            assert k not in order
            continue
        if k in order:
            order.remove(k)
        order.append(k)
        order = order[-capacity:]
    assert list(lru) == order


def test_an_event_the_apiserver_rejects_is_lost_not_raised() -> None:
    """A 250-character ConfigMap name leaves no room for the event's ".<hex>" suffix (253 at most):
    the apiserver refuses the Event and the recorder drops it, as client-go does."""
    c = Cluster()
    name = "a" * 250
    c.store.create({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": name}})
    cm = c.store.get("ConfigMap", name)
    assert events.record(c.store, cm, "Normal", "Test", "hello", "node-controller") is None
    assert _about(c, cm) == []
