"""Per-kind rollout handlers: what ``kubectl rollout`` and ``kubectl scale`` do for each kind.

upstream: staging/src/k8s.io/kubectl/pkg/polymorphichelpers/ (StatusViewerFor, HistoryViewerFor,
RollbackerFn, ObjectPauserFn, ObjectResumerFn, ObjectRestarterFn): one entry a kind.  A module of
this package registers a :class:`Handlers` for its kind (``deployment.py`` here; the StatefulSet
side adds ``statefulset.py``).  A missing function means "not supported for this kind" and the
verb prints kubectl's own message for that.

Signatures (``obj`` is the object as stored; functions never print):

- ``status(cluster, obj, revision) -> (message, done)``; raise :class:`RolloutError` to fail
  (``message`` ends with a newline, as kubectl's StatusViewer returns it);
- ``history(cluster, obj, revision) -> str``: the text after the ``kind/name`` line (ViewHistory);
- ``rollback(cluster, obj, to_revision) -> str``: ``"rolled back"`` or ``"skipped rollback (...)"``;
- ``pause`` / ``resume`` / ``restart(cluster, obj) -> dict``: the changed object to write back
  (raise :class:`RolloutError` with kubectl's reason, e.g. ``"is already paused"``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..._plugins import load_all

if TYPE_CHECKING:
    from ...cluster import Cluster


class RolloutError(Exception):
    """A rollout step kubectl refuses; ``str()`` is its message (without ``error: ``)."""


@dataclass
class Handlers:
    kind: str
    status: Callable[[Cluster, dict, int], tuple[str, bool]] | None = None
    history: Callable[[Cluster, dict, int], str] | None = None
    rollback: Callable[[Cluster, dict, int], str] | None = None
    pause: Callable[[Cluster, dict], dict] | None = None
    resume: Callable[[Cluster, dict], dict] | None = None
    restart: Callable[[Cluster, dict], dict] | None = None
    #: ``kubectl scale`` works on this kind (it has a scale subresource: spec.replicas).
    scalable: bool = True


_HANDLERS: dict[str, Handlers] = {}


def register(handlers: Handlers) -> Handlers:
    _HANDLERS[handlers.kind] = handlers
    return handlers


def handlers_for(kind: str) -> Handlers | None:
    load_all(__name__)
    return _HANDLERS.get(kind)
