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
            self.popitem(last=False)


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
        drops it)."""
        message, cache_key = self._aggregate(now, event_key, aggregate_key, message)
        log = self.logs.lookup(cache_key)
        if log is None:
            log = [1, stamp, name]
            self.logs.add(cache_key, log)
        else:
            log[0] += 1
        return message, log[0], log[1], log[2], not self._accept(now, spam_key)

    def _aggregate(
        self, now: float, event_key: tuple, aggregate_key: tuple, message: str
    ) -> tuple[str, tuple]:
        """upstream: EventAggregator.EventAggregate; (message to write, logger cache key)."""
        record = self.aggregates.lookup(aggregate_key)
        if record is None or now - record[1] > AGGREGATE_INTERVAL:
            record = [{}, now]
            self.aggregates.add(aggregate_key, record)
        messages = record[0]
        messages[message] = None
        record[1] = now
        if len(messages) < AGGREGATE_MAX_EVENTS:
            return message, event_key
        del messages[next(iter(messages))]  # PopAny: do not grow the set beyond the max
        return AGGREGATE_PREFIX + message, ("aggregate",) + aggregate_key

    def _accept(self, now: float, spam_key: tuple) -> bool:
        """upstream: EventSourceObjectSpamFilter.Filter (a golang.org/x/time/rate token bucket that
        starts full; a refused request leaves it as it was)."""
        bucket = self.spam.lookup(spam_key)
        if bucket is None:
            bucket = [float(SPAM_BURST), now]
            self.spam.add(spam_key, bucket)
        tokens = min(float(SPAM_BURST), bucket[0] + max(now - bucket[1], 0.0) * SPAM_QPS)
        if tokens < 1.0:
            return False
        bucket[0], bucket[1] = tokens - 1.0, max(now, bucket[1])
        return True


def process_of(component: str) -> str:
    """The process whose correlator a component's events go through (kube-controller-manager runs
    every ``*-controller`` of its own; the kubelet and add-on controllers have theirs)."""
    if component.endswith("-controller") and not component.startswith(("ingress-nginx", "nginx-ingress")):
        return "kube-controller-manager"
    return component
