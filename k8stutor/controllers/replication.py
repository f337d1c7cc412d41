"""The ReplicationController controller: the ReplicaSet controller with a map selector.

upstream: pkg/controller/replication/replication_controller.go (NewReplicationManager wraps
replicaset.NewBaseController with conversion adapters) and conversion.go: events are recorded by
``replication-controller`` on the ReplicationController, pods get a ``v1`` ReplicationController
controller reference, and ``spec.selector`` is a plain map (equality only).
"""

from __future__ import annotations

from ..api import selectors
from . import register
from .replicaset import ReplicaSetLikeController


@register
class ReplicationManager(ReplicaSetLikeController):
    name = "replication"
    order = 20
    kind = "ReplicationController"
    component = "replication-controller"

    def selector(self, obj: dict) -> selectors.Selector:
        # upstream conversion.go: the map becomes matchLabels; an empty map would match everything,
        # but defaulting copies the template's labels into it and validation requires one.
        return selectors.from_set(obj["spec"].get("selector"))
