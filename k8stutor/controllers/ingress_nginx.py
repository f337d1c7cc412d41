"""The status side of the ingress-nginx controller (not part of kube-controller-manager).

ingress-nginx (internal/ingress/status/status.go) writes the address it is reachable at into
``status.loadBalancer.ingress`` of every Ingress it serves, on a 60-second status sync; behind
hostPorts on minikube that address is the node's IP.  It records a ``Sync`` event "Scheduled for sync"
each time it sees an Ingress added or changed (internal/ingress/controller/store/store.go).
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from ..api import events
from ..network import ingress
from . import register

if TYPE_CHECKING:
    from ..cluster import Cluster

STATUS_SYNC_PERIOD = 60.0  # seconds, statusUpdateInterval of ingress-nginx
COMPONENT = "nginx-ingress-controller"


@register
class IngressNginxStatus:
    name = "ingress-nginx"
    order = 80

    def __init__(self, cluster: Cluster) -> None:
        self._seen: dict[str, str] = {}  # uid -> generation last synced
        self._tick_armed = False

    def sync(self, cluster: Cluster) -> None:
        if not cluster.addons.get("ingress") or not ingress.controller_ready(cluster):
            return
        for ing in ingress.handled_ingresses(cluster):
            key = ing["metadata"]["uid"]
            gen = str(ing["metadata"].get("generation"))
            if self._seen.get(key) != gen:
                self._seen[key] = gen
                events.record(cluster.store, ing, "Normal", "Sync", "Scheduled for sync", COMPONENT)
        if not self._tick_armed:
            self._tick_armed = True
            cluster.clock.call_later(STATUS_SYNC_PERIOD, lambda: self._status_sync(cluster))

    def _status_sync(self, cluster: Cluster) -> None:
        self._tick_armed = False
        if not cluster.addons.get("ingress") or not ingress.controller_ready(cluster):
            return
        want = {"ingress": [{"ip": ingress.NODE_IP}]}
        for ing in ingress.handled_ingresses(cluster):
            if (ing.get("status") or {}).get("loadBalancer") != want:
                new = copy.deepcopy(ing)
                new["status"] = {"loadBalancer": copy.deepcopy(want)}
                cluster.store.update_status(new)
                events.record(cluster.store, ing, "Normal", "Sync", "Scheduled for sync", COMPONENT)
        self._tick_armed = True
        cluster.clock.call_later(STATUS_SYNC_PERIOD, lambda: self._status_sync(cluster))
