"""The kubelet's volume plugins (pkg/volume/<plugin>), one module each, registered by source type.

A plugin turns a pod's ``spec.volumes[i]`` into a :class:`Backend` the container
filesystem mounts: ``configMap``, ``secret``, ``persistentVolumeClaim``,
``emptyDir``, ``hostPath``, ``projected``...  A plugin that cannot mount yet
raises :class:`VolumeError` (the kubelet records ``FailedMount`` and retries).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from ..._plugins import load_all

if TYPE_CHECKING:
    from ...cluster import Cluster


class Backend(Protocol):
    """Files of one volume, by path relative to its root ("" is the root)."""

    read_only: bool

    def read(self, path: str) -> bytes | None: ...
    def write(self, path: str, data: bytes) -> None: ...
    def listdir(self, path: str) -> list[str] | None: ...


class VolumeError(Exception):
    """``reason`` and ``message`` as the kubelet's event shows them (FailedMount, ...)."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


Plugin = Callable[["Cluster", dict, dict], Backend]  # (cluster, pod, volume) -> Backend
_PLUGINS: dict[str, Plugin] = {}


def volume_plugin(source: str) -> Callable[[Plugin], Plugin]:
    """``@volume_plugin("configMap")`` registers the plugin for that volume source key."""

    def deco(fn: Plugin) -> Plugin:
        _PLUGINS[source] = fn
        return fn

    return deco


def plugin_for(volume: dict) -> Plugin | None:
    load_all(__name__)
    for key, fn in _PLUGINS.items():
        if key in volume:
            return fn
    return None
