"""client-go's EventCorrelator: what a component does with an event before it reaches the apiserver.

upstream: staging/src/k8s.io/client-go/tools/record/events_cache.go (EventCorrelate), in order:

1. aggregation (EventAggregator): the 10th distinct message of a similar event (same source,
   involved object, type and reason) within 10 minutes turns into one event "(combined from similar
   events): <message>" whose count grows from then on;
2. counting (eventLogger): an event identical to an earlier one (message included) bumps that one's
   ``count`` and ``lastTimestamp`` instead of making a new object;
3. spam filtering (EventSourceObjectSpamFilter): a token bucket per source and involved object,
   25 events at once, then one more every 5 minutes; the rest are dropped (the count in 2 still
   grows, so the next event that passes shows the true total).

Each component process has its own correlator with LRU caches of 4,096 keys.  Go's random
``PopAny`` of the aggregator's key set is made deterministic here: the oldest message goes.
"""

from __future__ import annotations

from collections import OrderedDict

MAX_LRU_ENTRIES = 4096
AGGREGATE_MAX_EVENTS = 10
AGGREGATE_INTERVAL = 600.0  # seconds
SPAM_BURST = 25
SPAM_QPS = 1.0 / 300.0
AGGREGATE_PREFIX = "(combined from similar events): "


class LRU(OrderedDict):
    """groupcache/lru.Cache: Get marks a key recently used, Add evicts the oldest beyond the capacity."""

    def __init__(self, capacity: int = MAX_LRU_ENTRIES) -> None:
        super().__init__()
        self.capacity = capacity

    def lookup(self, key):
        value = self.get(key)
        if value is not None:
            self.move_to_end(key)
        return value

    def add(self, key, value) -> None:
        if key in self:
            self.move_to_end(key)
        self[key] = value
        if len(self) > self.capacity:
            self.popitem(last=False)  # the least recently used


class Correlator:
    """One component process's correlator (the kubelet's, kube-controller-manager's, ...).

    The records are mutable lists updated in place: a hit only marks its key recently used.
    """

    def __init__(self) -> None:
        self.aggregates = LRU()  # aggregate key -> [messages (an ordered set), last seen]
        self.logs = LRU()  # event key -> [count, firstTimestamp, Event name]
        self.spam = LRU()  # source + object -> [tokens, last refill]

    def correlate(
        self, now: float, stamp: str, name: str, event_key: tuple, aggregate_key: tuple, spam_key: tuple,
        message: str,
    ) -> tuple[str, int, str, str, bool]:
        """upstream: EventCorrelator.EventCorrelate for an event recorded at virtual time ``now``:
        (message, count, firstTimestamp and name of the Event to write, whether the spam filter
        drops it).  (The three caches' LRU steps are written out: this runs for every event.)"""
        # EventAggregator.EventAggregate
        aggregates = self.aggregates
        record = aggregates.get(aggregate_key)
        if record is None or now - record[1] > AGGREGATE_INTERVAL:
            record = [{}, now]
            aggregates.add(aggregate_key, record)
        else:
            aggregates.move_to_end(aggregate_key)
        messages = record[0]
        messages[message] = None
        record[1] = now
        cache_key = event_key
        if len(messages) >= AGGREGATE_MAX_EVENTS:
            del messages[next(iter(messages))]  # PopAny: do not grow the set beyond the max
            message, cache_key = AGGREGATE_PREFIX + message, ("aggregate",) + aggregate_key
        # eventLogger.eventObserve
        logs = self.logs
        log = logs.get(cache_key)
        if log is None:
            log = [1, stamp, name]
            logs.add(cache_key, log)
        else:
            logs.move_to_end(cache_key)
            log[0] += 1
        # EventSourceObjectSpamFilter.Filter: a golang.org/x/time/rate token bucket that starts full;
        # a refused request leaves it as it was
        spam = self.spam
        bucket = spam.get(spam_key)
        if bucket is None:
            bucket = [float(SPAM_BURST), now]
            spam.add(spam_key, bucket)
        else:
            spam.move_to_end(spam_key)
        tokens = min(float(SPAM_BURST), bucket[0] + max(now - bucket[1], 0.0) * SPAM_QPS)
        accepted = tokens >= 1.0
        if accepted:
            bucket[0], bucket[1] = tokens - 1.0, max(now, bucket[1])
        return message, log[0], log[1], log[2], not accepted


def process_of(component: str) -> str:
    """The process whose correlator a component's events go through (kube-controller-manager runs
    every ``*-controller`` of its own; the kubelet and add-on controllers have theirs)."""
    if component.endswith("-controller") and not component.startswith(("ingress-nginx", "nginx-ingress")):
        return "kube-controller-manager"
    return component
