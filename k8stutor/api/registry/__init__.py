"""Per-kind apiserver strategies, one module a kind family (as pkg/registry/<group>/<kind>/strategy.go).

A :class:`Strategy` holds what the apiserver does to an object of its kind on the way
into storage: defaulting (pkg/apis/<group>/v1/defaults.go), allocation (Service IPs and
node ports), status reset, validation hooks, and clean-up after delete.  Modules in this
package register with :func:`register`; the store looks them up by kind.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..._plugins import load_all

if TYPE_CHECKING:
    from ..store import Store

Hook = Callable[["Store", dict], None]
UpdateHook = Callable[["Store", dict, dict], None]


def _noop(*_args: object) -> None:
    return None


@dataclass
class Strategy:
    kind: str
    #: Mutates a new object: defaults, allocations (may raise an ApiError; then nothing is kept).
    prepare_for_create: Hook = _noop
    #: Mutates the new version of an updated object (keep allocations, defaults).
    prepare_for_update: UpdateHook = _noop
    #: Releases what the object held (ClusterIP, nodePort, ...), after it left storage.
    after_delete: Hook = _noop
    #: Pods: deletion is graceful (deletionTimestamp first, removal by the kubelet).
    graceful_delete: Callable[[Store, dict], bool] = lambda _s, _o: False


_STRATEGIES: dict[str, Strategy] = {}


def register(strategy: Strategy) -> Strategy:
    _STRATEGIES[strategy.kind] = strategy
    return strategy


_DEFAULTS: dict[str, Strategy] = {}  # the do-nothing strategy of each kind without a module


def strategy_for(kind: str) -> Strategy:
    found = _STRATEGIES.get(kind)
    if found is None:
        load_all(__name__)
        found = _STRATEGIES.get(kind) or _DEFAULTS.get(kind)
        if found is None:
            found = _DEFAULTS[kind] = Strategy(kind)
    return found
