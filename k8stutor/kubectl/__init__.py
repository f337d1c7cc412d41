"""The kubectl CLI, routed by a table of verbs (one module each in ``verbs/``).

A user's mistake comes back as kubectl's text and a non-zero return code; only a
bug raises.  A verb the simulator does not cover says so plainly.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..terminal.result import Result, fail

if TYPE_CHECKING:
    from ..cluster import Cluster

Verb = Callable[["Cluster", list[str], str], Result]
_VERBS: dict[str, Verb] = {}

# upstream: `kubectl --help` of v1.32: every verb a real kubectl has.
REAL_VERBS = (
    "create expose run set explain get edit delete rollout scale autoscale certificate cluster-info "
    "top cordon uncordon drain taint describe logs attach exec port-forward proxy cp auth debug events "
    "diff apply patch replace wait kustomize label annotate completion api-resources api-versions "
    "config plugin version"
).split()


def verb_table() -> dict[str, Verb]:
    if not _VERBS:
        pkg = importlib.import_module(f"{__name__}.verbs")

        for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda i: i.name):
            mod = importlib.import_module(f"{pkg.__name__}.{info.name}")
            names = getattr(mod, "NAMES", None) or [getattr(mod, "NAME", info.name)]
            for name in names:
                _VERBS[name] = mod.run
    return _VERBS


def run(cluster: Cluster, argv: list[str], stdin: str = "") -> Result:
    """Run ``kubectl ARGV...`` against ``cluster``."""
    if not argv:
        return fail("kubectl controls the Kubernetes cluster manager.\n\n"
                    "Use \"kubectl <command> --help\" for more information about a given command.")
    verb = verb_table().get(argv[0])
    if verb is None:
        if argv[0] in REAL_VERBS:
            return fail(f'k8stutor: "kubectl {argv[0]}" is a real kubectl command that this simulator '
                        "does not cover yet.")
        return fail(f'error: unknown command "{argv[0]}" for "kubectl"\n\n'
                    "Run 'kubectl --help' for usage.")
    return verb(cluster, argv[1:], stdin)
