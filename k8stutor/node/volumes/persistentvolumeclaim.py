"""The ``persistentVolumeClaim`` volume plugin and the node disk behind hostPath volumes.

upstream: pkg/volume/util/operationexecutor (a pod mounts the PersistentVolume its claim is bound
to), pkg/volume/hostpath (minikube's provisioner backs every volume with a directory on the node,
/tmp/hostpath-provisioner/<namespace>/<claim>).  The files of a volume live in the cluster's
``storage`` part keyed by PV name, so they outlive every pod that mounts them and go only when the
PersistentVolume is deleted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from . import VolumeError, volume_plugin

if TYPE_CHECKING:
    from ...cluster import Cluster


@dataclass
class VolumeData:
    """One volume's files (relative path -> bytes) and directories (relative paths, "" is the root)."""

    files: dict[str, bytes] = field(default_factory=dict)
    dirs: set[str] = field(default_factory=lambda: {""})


class Storage:
    """The node's disk as far as PersistentVolumes go: PV name -> :class:`VolumeData`."""

    def __init__(self, _cluster: Cluster | None = None) -> None:
        self.volumes: dict[str, VolumeData] = {}

    def create(self, pv_name: str) -> VolumeData:
        return self.volumes.setdefault(pv_name, VolumeData())

    def remove(self, pv_name: str) -> None:
        self.volumes.pop(pv_name, None)


def storage(cluster: Cluster) -> Storage:
    return cluster.part("storage", Storage)


def _norm(path: str) -> str:
    return "/".join(p for p in path.split("/") if p not in ("", "."))


@dataclass
class VolumeBackend:
    """A :class:`~k8stutor.node.volumes.Backend` over one volume's data."""

    data: VolumeData
    read_only: bool = False

    def read(self, path: str) -> bytes | None:
        return self.data.files.get(_norm(path))

    def write(self, path: str, data: bytes) -> None:
        if self.read_only:
            raise PermissionError("Read-only file system")
        rel = _norm(path)
        parts = rel.split("/")
        for i in range(1, len(parts)):
            self.data.dirs.add("/".join(parts[:i]))
        self.data.files[rel] = bytes(data)

    def listdir(self, path: str) -> list[str] | None:
        rel = _norm(path)
        if rel not in self.data.dirs:
            return None
        prefix = rel + "/" if rel else ""
        names = {
            p[len(prefix) :].split("/", 1)[0]
            for p in [*self.data.files, *self.data.dirs]
            if p.startswith(prefix) and p != rel
        }
        return sorted(n for n in names if n)


@volume_plugin("persistentVolumeClaim")
def plugin(cluster: Cluster, pod: dict, volume: dict) -> VolumeBackend:
    """Mount the PV bound to the claim; an unbound or missing claim cannot be mounted yet."""
    source = volume["persistentVolumeClaim"] or {}
    name = source.get("claimName", "")
    ns = pod["metadata"].get("namespace", "default")
    claim = cluster.store.find("PersistentVolumeClaim", name, ns)
    if claim is None:
        # upstream: pkg/volume/util/... "persistentvolumeclaim %q not found"
        raise VolumeError("FailedMount", f'persistentvolumeclaim "{name}" not found')
    pv_name = claim["spec"].get("volumeName")
    if not pv_name or claim.get("status", {}).get("phase") != "Bound":
        raise VolumeError(
            "FailedMount",
            f"PVC {ns}/{name} has non-bound phase "
            f'("{claim.get("status", {}).get("phase", "")}") '
            f'or empty pvc.Spec.VolumeName ("{pv_name or ""}")',
        )
    if cluster.store.find("PersistentVolume", pv_name, "") is None:
        raise VolumeError("FailedMount", f'persistentvolume "{pv_name}" not found')
    return VolumeBackend(storage(cluster).create(pv_name), bool(source.get("readOnly")))
