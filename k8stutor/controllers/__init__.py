"""kube-controller-manager (plus the scheduler): one module a controller.

A controller is a class with ``name``, ``order`` (lower runs first in a pass) and
``sync(cluster) -> None``: read desired and observed state from the store, act
through the store, record events.  :class:`k8stutor.Cluster` runs every
registered controller in passes until a pass changes nothing (see ``Cluster.settle``).
Controllers keep no private copies of objects; timers go through ``cluster.clock``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from .._plugins import load_all

if TYPE_CHECKING:
    from ..cluster import Cluster


class Controller(Protocol):
    name: str
    order: int

    def sync(self, cluster: Cluster) -> None: ...


_CONTROLLERS: dict[str, type] = {}


def register(cls: type) -> type:
    """Class decorator: ``@register`` makes every new Cluster run one instance of ``cls``."""
    _CONTROLLERS[cls.name] = cls
    return cls


def new_controllers(cluster: Cluster) -> list[Controller]:
    load_all(__name__)
    classes = sorted(_CONTROLLERS.values(), key=lambda c: (c.order, c.name))
    return [cls(cluster) for cls in classes]
