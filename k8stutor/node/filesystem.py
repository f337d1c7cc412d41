"""A container's filesystem: the image's files, a writable layer, and the pod's volume mounts.

Mounts follow the kubelet (pkg/kubelet/kubelet_pods.go makeMounts): ``mountPath`` hides what the
image has below it, ``subPath`` mounts one entry of the volume, ``readOnly`` refuses writes.
The kubelet also manages /etc/hosts, /etc/hostname and /etc/resolv.conf (kubelet_pods.go
makeHostsMount, pkg/kubelet/network/dns/dns.go).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field

from .volumes import Backend


class FSError(Exception):
    """``errno`` text as a shell would print it (``No such file or directory``)."""


@dataclass
class Mount:
    path: str
    backend: Backend
    sub_path: str = ""
    read_only: bool = False


@dataclass
class ContainerFS:
    files: dict[str, bytes] = field(default_factory=dict)  # image + writable layer, absolute paths
    mounts: list[Mount] = field(default_factory=list)

    # -- path resolution --------------------------------------------------------
    def _mount_for(self, path: str) -> tuple[Mount, str] | None:
        best = None
        for m in self.mounts:
            if path == m.path or path.startswith(m.path.rstrip("/") + "/"):
                if best is None or len(m.path) > len(best.path):
                    best = m
        if best is None:
            return None
        rel = path[len(best.path) :].lstrip("/")
        if best.sub_path:
            rel = posixpath.join(best.sub_path, rel) if rel else best.sub_path
        return best, rel

    def read(self, path: str) -> bytes | None:
        path = posixpath.normpath(path)
        hit = self._mount_for(path)
        if hit:
            return hit[0].backend.read(hit[1])
        return self.files.get(path)

    def listdir(self, path: str) -> list[str] | None:
        path = posixpath.normpath(path)
        hit = self._mount_for(path)
        if hit:
            return hit[0].backend.listdir(hit[1])
        prefix = path.rstrip("/") + "/"
        names = {p[len(prefix) :].split("/", 1)[0] for p in self.files if p.startswith(prefix)}
        names |= {m.path[len(prefix) :].split("/", 1)[0] for m in self.mounts if m.path.startswith(prefix)}
        if not names and path != "/" and path not in _DIRS:
            return None
        return sorted(names)

    def is_dir(self, path: str) -> bool:
        return self.read(path) is None and self.listdir(path) is not None

    def write(self, path: str, data: bytes, append: bool = False) -> None:
        path = posixpath.normpath(path)
        if append:
            data = (self.read(path) or b"") + data
        hit = self._mount_for(path)
        if hit:
            if hit[0].read_only or getattr(hit[0].backend, "read_only", False):
                raise FSError("Read-only file system")
            hit[0].backend.write(hit[1], data)
            return
        parent = posixpath.dirname(path)
        if parent != "/" and self.listdir(parent) is None:
            raise FSError("No such file or directory")
        self.files[path] = data


_DIRS = {"/tmp", "/root", "/home", "/var", "/etc", "/usr", "/bin", "/proc", "/dev"}


class DirBackend:
    """A plain directory of files (emptyDir, hostPath): paths relative to its root."""

    def __init__(self, files: dict[str, bytes] | None = None, read_only: bool = False) -> None:
        self.data: dict[str, bytes] = files if files is not None else {}
        self.read_only = read_only

    def read(self, path: str) -> bytes | None:
        return self.data.get(path.strip("/"))

    def write(self, path: str, data: bytes) -> None:
        self.data[path.strip("/")] = data

    def listdir(self, path: str) -> list[str] | None:
        rel = path.strip("/")
        prefix = rel + "/" if rel else ""
        names = {p[len(prefix) :].split("/", 1)[0] for p in self.data if p.startswith(prefix)}
        if not names and rel:
            return None
        return sorted(names)
