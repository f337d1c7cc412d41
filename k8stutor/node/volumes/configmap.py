"""The configMap volume plugin, and the machinery the secret and projected plugins share.

One file per key (``data`` and ``binaryData``), or only the ``items`` asked for at their
``path``; ``optional: true`` turns a missing ConfigMap into an empty directory and a missing
key into no file.  The files are read-only.

Updates: the kubelet rewrites a mounted ConfigMap volume when it syncs the pod, which it does
periodically every ``--sync-frequency`` (1 minute); with the default Watch change-detection
strategy its ConfigMap cache is current, so the delay is "up to the sync period"
(kubernetes.io: Configure a Pod to Use a ConfigMap, "Mounted ConfigMaps are updated
automatically").  We simulate a sync every 60 s from the moment the volume was mounted: a
change becomes visible at the pod's next sync, 0-60 s later.  A ``subPath`` mount is a bind
mount of one file made when the container starts: it never sees updates (:meth:`Projection.pinned`).
If the ConfigMap is deleted, the files keep their last content.
upstream: pkg/volume/configmap/configmap.go (SetUpAt, MakePayload), pkg/volume/util/atomic_writer.go,
pkg/kubelet/kubelet.go (syncFrequency), pkg/kubelet/configmap/configmap_manager.go.
"""

from __future__ import annotations

import base64
import math
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..filesystem import DirBackend, FSError
from . import VolumeError, volume_plugin

if TYPE_CHECKING:
    from ...cluster import Cluster

SYNC_PERIOD = 60.0  # kubelet --sync-frequency default (pkg/kubelet/apis/config/v1beta1/defaults.go)

Lookup = Callable[[str, str], "dict | None"]  # (kind, name) -> object in the pod's namespace, or None
Payload = dict[str, bytes]


class History:
    """Every version of the ConfigMaps and Secrets since the first mount, by virtual time."""

    def __init__(self, cluster: Cluster) -> None:
        self.clock = cluster.clock
        self.versions: dict[tuple[str, str, str], list[tuple[float, dict | None]]] = {}
        for kind in ("ConfigMap", "Secret"):
            for obj in cluster.store.list(kind, None):
                self.versions[self._key(obj)] = [(-math.inf, obj)]
        cluster.store.watch(self._changed, kinds=("ConfigMap", "Secret"))

    @staticmethod
    def _key(obj: dict) -> tuple[str, str, str]:
        meta = obj["metadata"]
        return obj["kind"], meta.get("namespace", "default"), meta["name"]

    def _changed(self, event: str, obj: dict) -> None:
        if obj.get("kind") in ("ConfigMap", "Secret"):
            self.versions.setdefault(self._key(obj), []).append(
                (self.clock.now, None if event == "DELETED" else obj))

    def at(self, kind: str, namespace: str, name: str, when: float) -> dict | None:
        found = None
        for t, obj in self.versions.get((kind, namespace, name), []):
            if t <= when:
                found = obj
        return found


def history(cluster: Cluster) -> History:
    return cluster.part("configmap-secret-history", History)


class Projection:
    """A kubelet-managed, read-only volume whose files follow their sources at each pod sync."""

    read_only = True

    def __init__(self, cluster: Cluster, namespace: str, build: Callable[[Lookup], Payload]) -> None:
        self.cluster, self.namespace, self.build = cluster, namespace, build
        history(cluster)
        self.mounted_at = cluster.clock.now
        self.synced_at = self.mounted_at
        self.payload = build(self._lookup_now)  # SetUp: may raise VolumeError

    def _lookup_now(self, kind: str, name: str) -> dict | None:
        return self.cluster.store.find(kind, name, self.namespace)

    def files(self) -> Payload:
        """The payload as of the pod's last sync (a failed rebuild keeps the old files)."""
        now = self.cluster.clock.now
        tick = self.mounted_at + math.floor((now - self.mounted_at) / SYNC_PERIOD) * SYNC_PERIOD
        if tick > self.synced_at:
            hist = history(self.cluster)
            try:
                self.payload = self.build(lambda kind, name: hist.at(kind, self.namespace, name, tick))
            except VolumeError:
                pass
            self.synced_at = tick
        return self.payload

    # -- Backend ---------------------------------------------------------------------------
    def read(self, path: str) -> bytes | None:
        return self.files().get(path.strip("/"))

    def write(self, path: str, data: bytes) -> None:
        raise FSError("Read-only file system")

    def listdir(self, path: str) -> list[str] | None:
        return DirBackend(self.files()).listdir(path)

    def pinned(self) -> DirBackend:
        """What a subPath bind mount sees: the files now, never updated."""
        return DirBackend(dict(self.files()), read_only=True)


def key_payload(values: dict[str, bytes], items: list[dict] | None, optional: bool, what: str) -> Payload:
    """MakePayload: every key as a file, or the ``items`` (key -> path) only."""
    if not items:
        return dict(values)
    out: Payload = {}
    for item in items:
        key = item.get("key", "")
        if key not in values:
            if optional:
                continue
            raise VolumeError("FailedMount", f"{what} references non-existent {_key_word(what)} key: {key}")
        out[item.get("path", key).strip("/")] = values[key]
    return out


def _key_word(what: str) -> str:
    return "config" if what == "configmap" else "secret"


def configmap_values(cm: dict) -> dict[str, bytes]:
    values = {k: str(v).encode() for k, v in (cm.get("data") or {}).items()}
    values.update({k: base64.b64decode(v) for k, v in (cm.get("binaryData") or {}).items()})
    return values


def secret_values(secret: dict) -> dict[str, bytes]:
    return {k: base64.b64decode(v) for k, v in (secret.get("data") or {}).items()}


def source_payload(lookup: Lookup, kind: str, source: dict) -> Payload:
    """A configMap / secret source (a volume or a projected source) -> its files."""
    what = kind.lower()
    name = source.get("secretName") if kind == "Secret" and "secretName" in source else source.get("name", "")
    optional = bool(source.get("optional"))
    obj = lookup(kind, name)
    if obj is None:
        if optional:
            return {}
        raise VolumeError("FailedMount", f'{what} "{name}" not found')
    values = configmap_values(obj) if kind == "ConfigMap" else secret_values(obj)
    return key_payload(values, source.get("items"), optional, what)


def failed_mount(volume: dict, exc: VolumeError) -> VolumeError:
    """The operation executor's wording: ``MountVolume.SetUp failed for volume "v" : <error>``."""
    return VolumeError("FailedMount", f'MountVolume.SetUp failed for volume "{volume.get("name", "")}" : '
                                      f"{exc.message}")


def mount(cluster: Cluster, pod: dict, volume: dict, build: Callable[[Lookup], Payload]) -> Projection:
    try:
        return Projection(cluster, pod["metadata"].get("namespace", "default"), build)
    except VolumeError as exc:
        raise failed_mount(volume, exc) from None


@volume_plugin("configMap")
def plugin(cluster: Cluster, pod: dict, volume: dict) -> Projection:
    source = volume.get("configMap") or {}
    return mount(cluster, pod, volume, lambda lookup: source_payload(lookup, "ConfigMap", source))
