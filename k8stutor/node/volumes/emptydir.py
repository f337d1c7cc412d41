"""emptyDir: a directory made for the pod, empty at first, gone with the pod.

upstream: pkg/volume/emptydir/empty_dir.go.  Keyed by pod uid, so containers of one pod share it
and it survives container restarts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..filesystem import DirBackend
from . import volume_plugin

if TYPE_CHECKING:
    from ...cluster import Cluster


def _dirs(_cluster: Cluster) -> dict[tuple[str, str], DirBackend]:
    return {}


@volume_plugin("emptyDir")
def plugin(cluster: Cluster, pod: dict, volume: dict) -> DirBackend:
    dirs = cluster.part("emptydir", _dirs)
    key = (pod["metadata"]["uid"], volume["name"])
    if key not in dirs:
        dirs[key] = DirBackend()
    return dirs[key]


def release(cluster: Cluster, pod_uid: str) -> None:
    """The kubelet's cleanup of a deleted pod's emptyDir volumes."""
    dirs = cluster.part("emptydir", _dirs)
    for key in [k for k in dirs if k[0] == pod_uid]:
        del dirs[key]
