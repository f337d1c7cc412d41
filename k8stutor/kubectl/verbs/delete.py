"""``kubectl delete``: by name, -f, -l, --all; --cascade, --grace-period, --now, --force, --wait.

upstream: staging/src/k8s.io/kubectl/pkg/cmd/delete/{delete.go,delete_flags.go} (PrintObj:
``pod "x" deleted`` / ``force deleted``; --grace-period=0 without --force becomes 1; --now is 1;
--wait (default true) waits until the objects are gone, under k8stutor's blocking rule).
"""

from __future__ import annotations

from ...api import errors, kinds
from ...terminal.result import Result
from .. import sources
from ..args import (
    ALL_NAMESPACES,
    DRY_RUN,
    FILENAME,
    OUTPUT,
    RECURSIVE,
    SELECTOR,
    ArgError,
    Flag,
    flags,
    namespace_of,
    parse,
    resource_args,
)
from ..cmdutil import api_error_text, guard
from ..watch import block
from .apply import dry_run_mode

NAME = "delete"

SPEC = flags(
    FILENAME,
    RECURSIVE,
    SELECTOR,
    ALL_NAMESPACES,
    OUTPUT,
    DRY_RUN,
    Flag("all", kind="bool", default=False),
    Flag("cascade", default="background", no_opt="background"),
    Flag("grace-period", kind="int", default=-1),
    Flag("now", kind="bool", default=False),
    Flag("force", kind="bool", default=False),
    Flag("wait", kind="bool", default=True),
    Flag("timeout", default="0s"),
    Flag("ignore-not-found", kind="bool", default=False),
    Flag("field-selector", default=""),
    Flag("interactive", "i", kind="bool", default=False),
    Flag("kustomize", "k"),
    Flag("raw"),
)

NO_RESOURCES = (
    "error: You must provide one or more resources by argument or filename.\n"
    "Example resource specifications include:\n"
    "   '-f rsrc.yaml'\n"
    "   '--filename=rsrc.json'\n"
    "   '<resource> <name>'\n"
    "   '<resource>'"
)

FORCE_WARNING = (
    "Warning: Immediate deletion does not wait for confirmation that the running resource has "
    "been terminated. The resource may continue to run on the cluster indefinitely.\n"
)


@guard
def run(cluster, argv: list[str], stdin: str = "") -> Result:
    p = parse(NAME, argv, SPEC)
    cascade = _cascade(p["cascade"])
    grace = _grace(p)
    dry = dry_run_mode(p)
    targets, errs = _targets(cluster, p, stdin)
    out, err = [], list(errs)
    if grace == 0:
        err.insert(0, FORCE_WARNING)
    deleted = []
    for k, obj in targets:
        meta = obj["metadata"]
        kind_string = k.qualified
        op = "force deleted" if grace == 0 else "deleted"
        op += {"client": " (dry run)", "server": " (server dry run)"}.get(dry, "")
        if dry == "none":
            try:
                cluster.store.delete(
                    k.kind,
                    meta["name"],
                    meta.get("namespace", "default"),
                    cascade,
                    None if grace < 0 else grace,
                )
            except errors.NotFound as exc:
                if not p["ignore-not-found"]:
                    err.append(api_error_text(exc) + "\n")
                continue
            deleted.append((k, meta.get("namespace", "default"), meta["name"], meta.get("uid")))
        out.append(
            f"{kind_string}/{meta['name']}\n"
            if p["output"] == "name"
            else f'{kind_string} "{meta["name"]}" {op}\n'
        )
    if not targets and not errs and (p["all"] or p["selector"]):
        err.append(_none_found(p))
    if deleted and p["wait"]:
        cluster.settle()
        block(cluster, done=lambda: all(_gone(cluster, d) for d in deleted), timeout=_timeout(p))
    return Result(
        "".join(out),
        "".join(err),
        1 if any(not e.startswith("Warning") and "No resources" not in e for e in err) else 0,
    )


def _gone(cluster, d) -> bool:
    k, ns, name, uid = d
    obj = cluster.store.find(k.kind, name, ns)
    return obj is None or obj["metadata"].get("uid") != uid


def _timeout(p) -> float | None:
    from ...clock import parse_duration

    try:
        return parse_duration(p["timeout"]) or None
    except ValueError:
        raise ArgError(f'error: invalid argument "{p["timeout"]}" for "--timeout" flag') from None


def _cascade(value: str) -> str:
    mapping = {
        "background": "Background",
        "true": "Background",
        "foreground": "Foreground",
        "orphan": "Orphan",
        "false": "Orphan",
    }
    if value not in mapping:
        raise ArgError(
            f'error: invalid cascade value ({value}). Must be "background", "foreground", or "orphan"'
        )
    return mapping[value]


def _grace(p) -> int:
    grace = int(p["grace-period"])
    if p["now"]:
        if grace != -1:
            raise ArgError("error: --now and --grace-period cannot be specified together")
        grace = 1
    if grace == 0 and not p["force"]:
        grace = 1  # upstream: delete.go converts --grace-period=0 into 1 unless --force
    if p["force"] and grace < 0:
        grace = 0
    return grace


def _none_found(p) -> str:
    if p["all-namespaces"]:
        return "No resources found\n"
    return f"No resources found in {namespace_of(p)} namespace.\n"


def _targets(cluster, p, stdin: str) -> tuple[list[tuple[kinds.Kind, dict]], list[str]]:
    out: list[tuple[kinds.Kind, dict]] = []
    errs: list[str] = []
    ns = namespace_of(p)
    if p["filename"]:
        for doc in sources.read(cluster, p["filename"], stdin, p["recursive"]):
            k = kinds.for_object(doc.obj)
            meta = doc.obj.get("metadata") or {}
            _named(cluster, out, errs, k, [meta.get("name", "")], meta.get("namespace") or ns, p, doc.source)
        return out, errs
    if not p.args:
        raise ArgError(NO_RESOURCES)
    req = resource_args(p.args)
    has_names = any(names for _k, names in req.requests)
    if not has_names and not p["all"] and not p["selector"] and not p["field-selector"]:
        raise ArgError("error: resource(s) were provided, but no name was specified")
    if has_names and (p["all"] or p["selector"]):
        raise ArgError("error: name cannot be provided when a selector is specified")
    selector = None
    if p["selector"]:
        from .get import _selector

        selector = _selector(p)
    for k, names in req.requests:
        if names:
            _named(cluster, out, errs, k, names, ns, p)
        else:
            scope = None if (p["all-namespaces"] or not k.namespaced) else ns
            out.extend((k, o) for o in cluster.store.list(k.kind, scope, selector=selector))
    return out, errs


def _named(
    cluster, out, errs, k: kinds.Kind, names: list[str], ns: str, p, source: str | None = None
) -> None:
    for name in names:
        obj = cluster.store.find(k.kind, name, ns)
        if obj is None:
            if not p["ignore-not-found"]:
                # upstream: delete.go deleteResource -> cmdutil.AddSourceToErr("deleting", info.Source, err)
                errs.append(api_error_text(errors.NotFound.of(k.resource, name), "deleting", source) + "\n")
            continue
        out.append((k, obj))
