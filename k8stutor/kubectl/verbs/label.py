"""``kubectl label TYPE NAME k=v k2- [--overwrite]`` (and ``annotate``, which shares the rules).

upstream: staging/src/k8s.io/kubectl/pkg/cmd/label/label.go (``pod/x labeled`` / ``not labeled``,
"'k' already has a value (v), and --overwrite is false", "k-" removes) and annotate/annotate.go.
"""

from __future__ import annotations

import copy

from ...terminal.result import Result
from ..args import ALL_NAMESPACES, SELECTOR, ArgError, Flag, flags, namespace_of, parse, resource_args
from ..cmdutil import api_error_text, guard
from ..output import name_of

NAME = "label"

SPEC = flags(
    SELECTOR,
    ALL_NAMESPACES,
    Flag("overwrite", kind="bool", default=False),
    Flag("all", kind="bool", default=False),
    Flag("list", kind="bool", default=False),
    Flag("local", kind="bool", default=False),
    Flag("dry-run", default="none", no_opt="unchanged"),
    Flag("output", "o", default=""),
    Flag("resource-version", default=""),
    Flag("filename", "f", kind="array", default=[]),
    Flag("field-manager", default="kubectl-label"),
)


@guard
def run(cluster, argv: list[str], stdin: str = "") -> Result:
    return change(cluster, argv, "label", "labels", "labeled")


def change(cluster, argv: list[str], verb: str, field: str, done: str) -> Result:
    p = parse(verb, argv, SPEC)
    words = [a for a in p.args if not ("=" in a or a.endswith("-"))]
    edits = [a for a in p.args if "=" in a or a.endswith("-")]
    if not words:
        raise ArgError(
            "error: one or more resources must be specified as <resource> <name> or <resource>/<name>"
        )
    if not edits and not p["list"]:
        raise ArgError(f"error: at least one {field[:-1]} update is required")
    sets, removes = {}, []
    for e in edits:
        if e.endswith("-") and "=" not in e:
            removes.append(e[:-1])
        else:
            k, _, v = e.partition("=")
            sets[k] = v
    req = resource_args(words)
    targets = []
    errs = []
    for k, names in req.requests:
        if names:
            for n in names:
                obj = cluster.store.find(k.kind, n, namespace_of(p))
                if obj is None:
                    from ...api import errors

                    errs.append(api_error_text(errors.NotFound.of(k.resource, n)) + "\n")
                else:
                    targets.append(obj)
        elif p["all"] or p["selector"]:
            from .get import _selector

            targets.extend(
                cluster.store.list(
                    k.kind, None if p["all-namespaces"] else namespace_of(p), selector=_selector(p)
                )
            )
        else:
            raise ArgError("error: resource(s) were provided, but no name was specified")
    out = []
    for obj in targets:
        current = dict(obj["metadata"].get(field) or {})
        for key, value in sets.items():
            if key in current and current[key] != value and not p["overwrite"]:
                errs.append(
                    f"error: '{key}' already has a value ({current[key]}), and --overwrite is false\n"
                )
                break
        else:
            new = {**{k: v for k, v in current.items() if k not in removes}, **sets}
            if new == current:
                out.append(f"{name_of(obj)} not {done}\n")
                continue
            upd = copy.deepcopy(obj)
            upd["metadata"][field] = new
            if not new:
                upd["metadata"].pop(field)
            cluster.store.update(upd)
            # upstream: label.go updateDataChangeMsg: a smaller object without --overwrite is "unlabeled"
            shrunk = verb == "label" and not p["overwrite"] and len(str(new)) < len(str(current))
            out.append(f"{name_of(obj)} {'unlabeled' if shrunk else done}\n")
    return Result("".join(out), "".join(errs), 1 if errs else 0)
