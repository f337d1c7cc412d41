"""Node strategy.  upstream: pkg/registry/core/node/strategy.go (status is the kubelet's to write)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import Strategy, register

if TYPE_CHECKING:
    from ..store import Store


def prepare_for_update(store: Store, old: dict, new: dict) -> None:
    if "status" in old:
        new["status"] = old["status"]


register(Strategy("Node", prepare_for_update=prepare_for_update))
