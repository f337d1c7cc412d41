"""``kubectl rollout status|history|undo|pause|resume|restart``.

upstream: staging/src/k8s.io/kubectl/pkg/cmd/rollout/rollout_{status,history,undo,pause,resume,
restart}.go; the per-kind work is in k8stutor/kubectl/rollout/.  ``rollout status`` blocks as the
cli's rule in k8stutor/kubectl/watch.py says: virtual time runs until the rollout is done, the
deployment stays quiet, or --timeout; each status line prints when the object changes (repeated
identical lines print once).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...api import kinds
from ...clock import parse_duration
from ...terminal.result import Result, fail
from .. import args as a
from ..cmdutil import guard
from ..output import name_of
from ..rollout import Handlers, RolloutError, handlers_for

if TYPE_CHECKING:
    from ...cluster import Cluster

NAME = "rollout"
SUBCOMMANDS = ("history", "pause", "restart", "resume", "status", "undo")
FLAGS = a.flags(
    a.FILENAME,
    a.SELECTOR,
    a.OUTPUT,
    a.RECURSIVE,
    a.DRY_RUN,
    a.Flag("revision", kind="int", default=0),
    a.Flag("to-revision", kind="int", default=0),
    a.Flag("watch", "w", kind="bool", default=True),
    a.Flag("timeout", default="0s"),
)

USAGE = """Manage the rollout of one or many resources.

 Valid resource types include:

  *  deployments
  *  daemonsets
  *  statefulsets

Examples:
  # Rollback to the previous deployment
  kubectl rollout undo deployment/abc

  # Check the rollout status of a daemonset
  kubectl rollout status daemonset/foo

  # Restart a deployment
  kubectl rollout restart deployment/abc

  # Restart deployments with the 'app=nginx' label
  kubectl rollout restart deployment --selector=app=nginx

Available Commands:
  history       View rollout history
  pause         Mark the provided resource as paused
  restart       Restart a resource
  resume        Resume a paused resource
  status        Show the status of the rollout
  undo          Undo a previous rollout

Usage:
  kubectl rollout SUBCOMMAND [options]

Use "kubectl rollout <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
"""


@guard
def run(cluster: Cluster, argv: list[str], stdin: str = "") -> Result:
    if not argv or argv[0] not in SUBCOMMANDS:
        return Result(stdout=_help("rollout") or USAGE)
    sub = argv[0]
    parsed = a.parse(f"rollout {sub}", argv[1:], FLAGS)
    ns = a.namespace_of(parsed)
    targets = _targets(cluster, sub, parsed, ns, stdin)
    if isinstance(targets, Result):
        return targets
    return _join([_one(cluster, sub, parsed, obj) for obj in targets])


def _help(command: str) -> str | None:
    """kubectl v1.32's own help text when the cli captured it (k8stutor/kubectl/help/)."""
    try:
        from ..help import text
    except ImportError:
        return None
    return text(command)


def _targets(cluster: Cluster, sub: str, parsed: a.Parsed, ns: str, stdin: str = "") -> list[dict] | Result:
    """The objects named by ``TYPE NAME``, ``TYPE/NAME``, ``-f FILE`` or ``TYPE -l SELECTOR``."""
    if parsed["filename"]:
        from ..sources import read

        docs = read(cluster, list(parsed["filename"]), stdin, bool(parsed["recursive"]))
        return [cluster.store.get(d.obj["kind"], d.obj["metadata"]["name"],
                                  d.obj["metadata"].get("namespace") or ns) for d in docs]
    res = a.resource_args(parsed.args)
    if not res.requests:
        return fail("error: required resource not specified")
    out: list[dict] = []
    for kind, names in res.requests:
        if not names and parsed["selector"]:
            from ...api import selectors

            try:
                sel = selectors.parse(str(parsed["selector"]))
            except selectors.SelectorError as exc:
                return fail(f"error: {exc.message}")
            out += cluster.store.list(kind.kind, ns, selector=sel)
            continue
        if not names:
            return fail("error: resource(s) were provided, but no name was specified")
        for name in names:
            out.append(cluster.store.get(kind.kind, name, ns))
    if not out:
        return fail(f"error: no objects passed to {sub}")
    return out


def _one(cluster: Cluster, sub: str, parsed: a.Parsed, obj: dict) -> Result:
    k = kinds.for_object(obj)
    h = handlers_for(k.kind) or Handlers(k.kind)
    group_kind = f"{k.kind}.{k.group}" if k.group else k.kind
    try:
        if sub == "status":
            if h.status is None:
                return fail(f"error: no status viewer has been implemented for {group_kind}")
            return _status(cluster, h, obj, parsed)
        if sub == "history":
            if h.history is None:
                return fail(f'error: no history viewer has been implemented for "{group_kind}"')
            return _history(cluster, h, obj, parsed)
        if sub == "undo":
            if h.rollback is None:
                return fail(f'error: no rollbacker has been implemented for "{group_kind}"')
            message = h.rollback(cluster, obj, int(parsed["to-revision"]))
            return Result(stdout=f"{name_of(obj)} {message}\n")
        return _patch(cluster, sub, h, obj, k)
    except RolloutError as exc:
        return fail(f"error: {exc}")


def _patch(cluster: Cluster, sub: str, h: Handlers, obj: dict, k: kinds.Kind) -> Result:
    fn = {"pause": h.pause, "resume": h.resume, "restart": h.restart}[sub]
    if fn is None:
        reason = {"pause": "pausing", "resume": "resuming", "restart": "restarting"}[sub]
        return fail(f'error: {k.resource} "{obj["metadata"]["name"]}" {reason} is not supported')
    try:
        new = fn(cluster, obj)
    except RolloutError as exc:
        return fail(f'error: {k.resource} "{obj["metadata"]["name"]}" {exc}')
    new["metadata"].pop("resourceVersion", None)
    cluster.store.update(new)
    done = {"pause": "paused", "resume": "resumed", "restart": "restarted"}[sub]
    return Result(stdout=f"{name_of(obj)} {done}\n")


def _history(cluster: Cluster, h: Handlers, obj: dict, parsed: a.Parsed) -> Result:
    revision = int(parsed["revision"])
    text = h.history(cluster, obj, revision)  # type: ignore[misc]
    head = f"with revision #{revision}" if revision > 0 else ""
    return Result(stdout=f"{name_of(obj)} {head}\n{text}\n")


def _status(cluster: Cluster, h: Handlers, obj: dict, parsed: a.Parsed) -> Result:
    from ..watch import block

    k = kinds.for_object(obj)
    meta = obj["metadata"]
    key = (meta.get("namespace", "default"), meta["name"])
    revision = int(parsed["revision"])
    lines: list[str] = []
    state = {"done": False, "error": None, "changes": 0}

    def look(current: dict) -> None:
        if state["done"] or state["error"]:
            return
        try:
            message, done = h.status(cluster, current, revision)  # type: ignore[misc]
        except RolloutError as exc:
            state["error"] = str(exc)
            return
        if not lines or lines[-1] != message:
            lines.append(message)
        state["done"] = done

    def on_change(_event: str, changed: dict) -> None:
        m = changed.get("metadata") or {}
        if changed.get("kind") == k.kind and (m.get("namespace", "default"), m.get("name")) == key:
            state["changes"] += 1
            look(changed)

    try:
        timeout = parse_duration(str(parsed["timeout"]))
    except ValueError as exc:
        return fail(f'error: invalid argument "{parsed["timeout"]}" for "--timeout" flag: {exc}')
    look(obj)
    if parsed["watch"] and not state["done"] and not state["error"]:
        stop = cluster.store.watch(on_change, kinds=(k.kind,))
        try:
            block(cluster, done=lambda: bool(state["done"] or state["error"]), timeout=timeout or None)
        finally:
            stop()
    out = "".join(lines)
    if state["error"]:
        return Result(stdout=out, stderr=f"error: {state['error']}\n", returncode=1)
    if parsed["watch"] and not state["done"]:
        return Result(stdout=out, stderr="error: timed out waiting for the condition\n", returncode=1)
    return Result(stdout=out)


def _join(results: list[Result]) -> Result:
    code = 0
    for r in results:
        code = r.returncode or code
    return Result("".join(r.stdout for r in results), "".join(r.stderr for r in results), code)
