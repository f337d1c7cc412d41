"""The secret volume plugin: one file per key holding the decoded bytes (never base64).

Same payload rules and update behaviour as configMap volumes (see :mod:`.configmap`); the
kubelet keeps Secret volumes on tmpfs so they never touch the node's disk.
upstream: pkg/volume/secret/secret.go (SetUpAt, MakePayload).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import volume_plugin
from .configmap import Projection, mount, source_payload

if TYPE_CHECKING:
    from ...cluster import Cluster


@volume_plugin("secret")
def plugin(cluster: Cluster, pod: dict, volume: dict) -> Projection:
    source = volume.get("secret") or {}
    return mount(cluster, pod, volume, lambda lookup: source_payload(lookup, "Secret", source))
