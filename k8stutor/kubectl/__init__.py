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

# upstream: `kubectl --help` of v1.32, in its order (kubectl turns cobra's command sorting off, so
# suggestions for a mistyped verb come in this order too); "options" is added last.
REAL_VERBS = (
    "create expose run set explain get edit delete rollout scale autoscale certificate cluster-info "
    "top cordon uncordon drain taint describe logs attach exec port-forward proxy cp auth debug events "
    "diff apply patch replace wait kustomize label annotate completion api-resources api-versions "
    "config plugin version options"
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
    from .args import hoist_globals
    from .help import text as help_text

    argv = hoist_globals(argv)  # `kubectl -n kube-system get po`: cobra takes root flags before the verb
    if not argv or argv[0] in ("-h", "--help", "help"):
        return Result(help_text("kubectl") or "")  # the root help, on stdout, exit 0
    verb = verb_table().get(argv[0])
    if verb is None:
        if argv[0] in REAL_VERBS:
            return fail(f'k8stutor: "kubectl {argv[0]}" is a real kubectl command that this simulator '
                        "does not cover yet.")
        return fail(unknown_command(argv[0]))
    return verb(cluster, argv[1:], stdin)


def _levenshtein(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def unknown_command(typed: str) -> str:
    """cobra's text for an unknown verb, with its "Did you mean this?" suggestions.

    upstream: spf13/cobra command.go (SuggestionsFor: Levenshtein distance <= 2, ignoring case, or a
    prefix of the typed word), over kubectl's commands in help order.
    """
    low = typed.lower()
    near = [v for v in REAL_VERBS if _levenshtein(low, v) <= 2 or v.startswith(low)]
    text = f'Error: unknown command "{typed}" for "kubectl"'
    if near:
        text += "\n\nDid you mean this?\n" + "".join(f"\t{v}\n" for v in near) + "\n"
    return text
