"""The one rule for commands that block on a real cluster, and watches that print while others run.

A command that would block (``get -w``, ``rollout status``, ``run -i --tty``, a delete waiting on
finalizers, ``port-forward``, ``minikube tunnel``) calls :func:`block`: the cluster's virtual time
runs forward, timer by timer, printing what the command prints, until the first of

1. the command's own end (``done()``: the rollout completed, the pod terminated, the object is gone);
2. the cluster has been quiet for :data:`QUIET` virtual seconds: nothing the command watches changed
   (as if the reader pressed Ctrl-C once the output stopped moving); and when no timer is pending at
   all nothing can change any more, so the command ends at once, without moving the clock;
3. ``--timeout`` / ``--request-timeout``, else :data:`CAP` virtual seconds.

:class:`Watch` records the lines of a ``get -w`` as the objects change; a shell runs one in the
background with ``&``: its lines print after each later command of the same cell, and when the cell
ends the watch runs rule 2 to its end and stops.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..cluster import Cluster

#: Virtual seconds without a change after which a blocking command ends (rule 2).
QUIET = 10.0
#: The longest a blocking command runs without --timeout/--request-timeout (rule 3).
CAP = 300.0


def block(
    cluster: Cluster,
    done: Callable[[], bool] | None = None,
    timeout: float | None = None,
    activity: Callable[[], int] | None = None,
    quiet: bool | None = None,
) -> bool:
    """Run virtual time forward under the blocking rule; True when ``done()`` became true.

    ``activity()`` is a counter that grows with every change the command watches (default: any
    change in the store); each change restarts the quiet window.  ``quiet`` (default: only when
    there is no ``done``) says whether rule 2 applies: a command that waits for its own end (rollout
    status, delete --wait) keeps waiting through quiet stretches such as an image pull.
    """
    if quiet is None:
        quiet = done is None
    clock = cluster.clock
    counter = activity or (lambda: cluster.store.revision)
    cluster.settle()
    start = clock.now
    deadline = start + (timeout if timeout and timeout > 0 else CAP)
    seen, last_change = counter(), start
    while True:
        if done is not None and done():
            return True
        nxt = clock.peek()
        horizon = min(deadline, last_change + QUIET) if quiet else deadline
        if nxt is None:
            return False
        if nxt > horizon:
            clock.run(horizon, after_each=cluster.settle)
            cluster.settle()
            return bool(done and done())
        clock.step()
        cluster.settle()
        now_seen = counter()
        if now_seen != seen:
            seen, last_change = now_seen, clock.now


class Watch:
    """Lines of a ``kubectl get -w``, recorded as the store changes (in virtual-time order)."""

    def __init__(
        self, cluster: Cluster, matches: Callable[[dict], bool], render: Callable[[dict], str]
    ) -> None:
        self.cluster = cluster
        self.matches = matches
        self.render = render
        self.lines: list[str] = []
        self.event_type = "ADDED"
        self.events = 0
        self._stop = cluster.store.watch(self._on_event)

    def _on_event(self, _type: str, obj: dict) -> None:
        if not self.matches(obj):
            return
        # upstream: get.go watch prints one row per watch event (ADDED, MODIFIED, DELETED), even when
        # the row looks the same as the one before (the tutorial traces show "Pending" twice).
        self.event_type = _type  # what --output-watch-events prints in its EVENT column
        self.lines.append(self.render(obj))
        self.events += 1

    def take(self) -> str:
        """The lines printed since the last call."""
        out, self.lines = "".join(self.lines), []
        return out

    def stop(self) -> None:
        self._stop()
