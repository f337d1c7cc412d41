"""``kubectl describe TYPE [NAME_PREFIX]`` / ``TYPE/NAME`` / ``-f`` / ``-l``.

upstream: staging/src/k8s.io/kubectl/pkg/cmd/describe/describe.go (a name that matches no object
exactly describes every object whose name starts with it; several descriptions are separated by two
blank lines) and staging/src/k8s.io/kubectl/pkg/describe/describe.go (the describers, registered per
kind in k8stutor/kubectl/printers; kinds without one get the generic header and events).
"""

from __future__ import annotations

from ...api import errors, kinds
from ...terminal.result import Result
from .. import sources
from ..args import (
    ALL_NAMESPACES,
    FILENAME,
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
from ..printers import describer_for
from ..printers.describe_util import Writer, annotations_multiline, describe_events, labels_multiline

NAME = "describe"

SPEC = flags(
    FILENAME,
    RECURSIVE,
    SELECTOR,
    ALL_NAMESPACES,
    Flag("show-events", kind="bool", default=True),
    Flag("chunk-size", kind="int", default=500),
    Flag("kustomize", "k"),
)

NO_TYPE = (
    'error: You must specify the type of resource to describe. Use "kubectl api-resources" for a '
    "complete list of supported resources."
)


@guard
def run(cluster, argv: list[str], stdin: str = "") -> Result:
    p = parse(NAME, argv, SPEC)
    objs: list[dict] = []
    errs: list[str] = []
    if p["filename"]:
        for doc in sources.read(cluster, p["filename"], stdin, p["recursive"]):
            meta = doc.obj.get("metadata") or {}
            try:
                objs.append(
                    cluster.store.get(
                        doc.obj.get("kind", ""),
                        meta.get("name", ""),
                        meta.get("namespace") or namespace_of(p),
                    )
                )
            except errors.NotFound as exc:
                errs.append(api_error_text(exc))
    elif not p.args:
        raise ArgError(NO_TYPE)
    else:
        _collect(cluster, p, objs, errs)
    texts = [describe(cluster, obj, p["show-events"]) for obj in objs]
    out = "\n\n".join(texts)
    stderr = "".join(e + "\n" for e in errs)
    if not objs and not errs:
        stderr = (
            "No resources found\n"
            if p["all-namespaces"]
            else f"No resources found in {namespace_of(p)} namespace.\n"
        )
    return Result(out, stderr, 1 if errs else 0)


def _collect(cluster, p, objs: list[dict], errs: list[str]) -> None:
    req = resource_args(p.args)
    ns = None if p["all-namespaces"] else namespace_of(p)
    selector = None
    if p["selector"]:
        from .get import _selector

        selector = _selector(p)
    for k, names in req.requests:
        scope = ns if k.namespaced else None
        if not names:
            objs.extend(cluster.store.list(k.kind, scope, selector=selector))
            continue
        for name in names:
            exact = cluster.store.find(k.kind, name, ns or "default")
            if exact is not None:
                objs.append(exact)
                continue
            # upstream: describe.go falls back to every object whose name has the prefix
            prefixed = [
                o for o in cluster.store.list(k.kind, scope) if o["metadata"]["name"].startswith(name)
            ]
            if prefixed:
                objs.extend(prefixed)
            else:
                errs.append(api_error_text(errors.NotFound.of(k.resource, name)))


def describe(cluster, obj: dict, show_events: bool = True) -> str:
    fn = describer_for(obj.get("kind", ""))
    if fn is not None:
        return fn(cluster, obj)
    return generic(cluster, obj, show_events)


def generic(cluster, obj: dict, show_events: bool = True) -> str:
    """Name, namespace, labels, annotations and events: the part every describer starts with."""
    k = kinds.for_object(obj)
    meta = obj["metadata"]
    w = Writer()
    w.write(0, f"Name:\t{meta.get('name')}\n")
    if k.namespaced:
        w.write(0, f"Namespace:\t{meta.get('namespace')}\n")
    labels_multiline(w, "Labels", meta.get("labels"))
    annotations_multiline(w, "Annotations", meta.get("annotations"))
    w.write(0, f"API Version:\t{obj.get('apiVersion')}\n")
    w.write(0, f"Kind:\t{obj.get('kind')}\n")
    if show_events:
        describe_events(cluster, obj, w)
    return w.text()
