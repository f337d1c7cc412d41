"""hostPath: a directory of the node (the minikube container) mounted into the pod.

upstream: pkg/volume/hostpath/host_path.go.  The node's files live in ``cluster.part("nodefs")``;
``type: Directory``/``File`` must already exist (FailedMount otherwise, with the kubelet's text).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import VolumeError, volume_plugin

if TYPE_CHECKING:
    from ...cluster import Cluster


def node_files(_cluster: Cluster) -> dict[str, bytes]:
    return {}


class HostDir:
    def __init__(self, files: dict[str, bytes], root: str, read_only: bool = False) -> None:
        self.files, self.root, self.read_only = files, root.rstrip("/") or "/", read_only

    def _abs(self, path: str) -> str:
        rel = path.strip("/")
        return f"{self.root}/{rel}" if rel else self.root

    def read(self, path: str) -> bytes | None:
        return self.files.get(self._abs(path))

    def write(self, path: str, data: bytes) -> None:
        self.files[self._abs(path)] = data

    def listdir(self, path: str) -> list[str] | None:
        prefix = self._abs(path).rstrip("/") + "/"
        return sorted({p[len(prefix) :].split("/", 1)[0] for p in self.files if p.startswith(prefix)})


@volume_plugin("hostPath")
def plugin(cluster: Cluster, pod: dict, volume: dict) -> HostDir:
    files = cluster.part("nodefs", node_files)
    src = volume["hostPath"]
    path, kind = src.get("path", "/"), src.get("type", "")
    if kind in ("Directory", "File"):
        exists = path in files if kind == "File" else any(p.startswith(path.rstrip("/") + "/") for p in files)
        if not exists:
            # upstream: host_path.go checkType (hostPathTypeChecker errors)
            word = "directory" if kind == "Directory" else "file"
            raise VolumeError(
                "FailedMount",
                f'MountVolume.SetUp failed for volume "{volume["name"]}" : '
                f"hostPath type check failed: {path} is not a {word}",
            )
    return HostDir(files, path)
