"""The one blocking rule (k8stutor/kubectl/watch.py, documented on docs/using/cluster.md)."""

from __future__ import annotations

from k8stutor import Cluster
from k8stutor.kubectl import watch


def _periodic(cluster: Cluster, every: float) -> None:
    def tick() -> None:
        cluster.clock.call_later(every, tick)

    cluster.clock.call_later(every, tick)


def test_quiet_rule_stops_ten_seconds_after_the_last_change():
    c = Cluster(seed=0)
    _periodic(c, 5)  # a resync that never changes anything: time alone must not keep a watch alive
    start = c.clock.now
    c.clock.call_later(
        3,
        lambda: c.store.create(
            {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "late", "namespace": "default"}}
        ),
    )
    assert watch.block(c) is False
    assert c.clock.now == start + 3 + watch.QUIET


def test_done_ends_and_timeout_caps():
    c = Cluster(seed=0)
    _periodic(c, 5)
    start = c.clock.now
    assert watch.block(c, done=lambda: c.clock.now >= start + 20) is True
    assert c.clock.now == start + 20
    assert watch.block(c, done=lambda: False, timeout=30) is False
    assert c.clock.now == start + 50


def test_nothing_pending_returns_at_once():
    c = Cluster(seed=0)
    c.clock._heap.clear()  # no timer at all: nothing can change any more
    start = c.clock.now
    assert watch.block(c) is False and c.clock.now == start


def test_watch_records_one_row_per_event_in_order():
    c = Cluster(seed=0)
    w = watch.Watch(c, lambda o: o.get("kind") == "ConfigMap", lambda o: o["metadata"]["name"] + "\n")
    c.store.create(
        {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a", "namespace": "default"}}
    )
    c.store.delete("ConfigMap", "a")
    assert (w.take(), w.events) == ("a\na\n", 2)
    w.stop()
    c.store.create(
        {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "b", "namespace": "default"}}
    )
    assert w.take() == ""
