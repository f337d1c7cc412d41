"""The cluster in a box: a minikube-like one-node cluster with virtual time.

``Cluster`` ties the parts together the way a real cluster does: the API store
(apiserver + etcd), the controllers (kube-controller-manager, scheduler, kubelet),
the network (kube-proxy, CoreDNS, ingress), the host's terminal (files, shell) and
the virtual clock.  Every command runs, then the controllers settle.
"""

from __future__ import annotations

import importlib
import shlex
from pathlib import PurePosixPath

from .api.store import Store
from .clock import Clock, parse_duration
from .controllers import new_controllers
from .terminal.result import Result, fail

#: A pass limit that only a controller bug (two controllers fighting) can reach.
MAX_SETTLE_PASSES = 10_000


class Cluster:
    """A new simulated cluster, as ``minikube start`` leaves it; same seed, same output."""

    def __init__(self, seed: int = 0) -> None:
        self.seed = seed
        self.clock = Clock(seed)
        self.store = Store(self.clock)
        self.files: dict[str, bytes] = {}
        self.cwd = "/home/learner"
        self.env: dict[str, str] = {}
        self.addons: dict[str, bool] = {}
        self._ext: dict[str, object] = {}  # per-cluster state of optional parts (network, tunnel, ...)
        self.controllers = new_controllers(self)
        _bootstrap = _optional("k8stutor.bootstrap")
        if _bootstrap is not None:
            _bootstrap.start(self)
        self.settle()

    # -- state owned by parts -------------------------------------------------
    def part(self, name: str, factory):
        """Per-cluster state of a part (e.g. the network's IP allocator), made on first use."""
        if name not in self._ext:
            self._ext[name] = factory(self)
        return self._ext[name]

    # -- time -----------------------------------------------------------------
    def settle(self) -> None:
        """Run the controllers in passes until a whole pass changes nothing."""
        for _ in range(MAX_SETTLE_PASSES):
            before = self.store.revision
            for c in self.controllers:
                c.sync(self)
            if self.store.revision == before:
                return
        raise RuntimeError("controllers did not settle: a bug in a controller")

    def advance(self, duration: str | float = "0s") -> None:
        """Let virtual time pass, firing timers (kubelet, controllers) in order."""
        seconds = parse_duration(duration)
        self.settle()
        self.clock.run(self.clock.now + seconds, after_each=self.settle)
        self.settle()

    # -- the host's working directory --------------------------------------
    def path(self, name: str) -> str:
        p = PurePosixPath(name)
        if not p.is_absolute():
            p = PurePosixPath(self.cwd) / p
        parts: list[str] = []
        for part in p.parts[1:]:
            if part == "..":
                parts and parts.pop()
            elif part not in (".", ""):
                parts.append(part)
        return "/" + "/".join(parts)

    def write_file(self, path: str, data: str | bytes) -> None:
        """Save a file on the simulated host (no validation): what ``-f`` and ``--from-file`` read."""
        self.files[self.path(path)] = data.encode() if isinstance(data, str) else bytes(data)

    def read_file(self, path: str) -> bytes:
        """The file's bytes; raises FileNotFoundError (commands turn it into their own message)."""
        full = self.path(path)
        if full not in self.files:
            raise FileNotFoundError(full)
        return self.files[full]

    # -- commands -----------------------------------------------------------
    def kubectl(self, command: str | list[str], stdin: str = "") -> Result:
        return self._run("k8stutor.kubectl", command, stdin)

    def minikube(self, command: str | list[str]) -> Result:
        return self._run("k8stutor.minikube", command, "")

    def curl(self, command: str | list[str]) -> Result:
        return self._run("k8stutor.network.curl", command, "")

    def sh(self, line: str, stdin: str = "") -> Result:
        """A command line as typed in a terminal: pipes, ``$(...)``, ``for`` loops."""
        shell = _optional("k8stutor.terminal.shell")
        if shell is None:
            return fail("k8stutor: the shell is not available")
        result = shell.run(self, line, stdin)
        self.settle()
        return result

    def _run(self, module: str, command: str | list[str], stdin: str) -> Result:
        try:
            argv = shlex.split(command) if isinstance(command, str) else list(command)
        except ValueError as exc:
            return fail(f"k8stutor: cannot parse the command line: {exc}", 2)
        mod = _optional(module)
        if mod is None:
            return fail(f"k8stutor: {module.rsplit('.', 1)[-1]} is not available")
        result = mod.run(self, argv, stdin)
        self.settle()
        return result


def _optional(module: str):
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name != module:
            raise
        return None
