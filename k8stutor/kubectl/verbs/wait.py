"""``kubectl wait --for=condition=Ready|delete|jsonpath='{...}'=VALUE TYPE[/NAME] [-l SEL] [--timeout=30s]``.

upstream: staging/src/k8s.io/kubectl/pkg/cmd/wait/wait.go ("pod/x condition met"; "error: timed out
waiting for the condition on pods/x"; the default timeout of 30s; "no matching resources found").
The waiting itself follows k8stutor's blocking rule (k8stutor/kubectl/watch.py).
"""

from __future__ import annotations

from ...clock import parse_duration
from ...terminal.result import Result
from .. import output
from ..args import (
    ALL_NAMESPACES,
    FILENAME,
    SELECTOR,
    ArgError,
    Flag,
    flags,
    namespace_of,
    parse,
    resource_args,
)
from ..cmdutil import guard
from ..watch import block

NAME = "wait"

SPEC = flags(
    FILENAME,
    SELECTOR,
    ALL_NAMESPACES,
    Flag("for", default=""),
    Flag("timeout", default="30s"),
    Flag("all", kind="bool", default=False),
    Flag("output", "o", default=""),
    Flag("field-selector", default=""),
    Flag("local", kind="bool", default=False),
)


def _condition_check(spec: str):
    """A predicate over the live object (None: gone) for a --for value; raises ArgError when malformed."""
    if spec == "delete":
        return lambda obj: obj is None
    if spec.startswith("condition="):
        cond, _, want = spec[len("condition=") :].partition("=")
        want = want or "True"

        def has(obj):
            conds = (obj or {}).get("status", {}).get("conditions") or []
            return any(c.get("type", "").lower() == cond.lower() and c.get("status") == want for c in conds)

        return has
    if spec.startswith("jsonpath="):
        expr, _, want = spec[len("jsonpath=") :].rpartition("=")
        if not expr:
            expr, want = want, None
        expr = expr.strip("'\"")
        if not expr.startswith("{"):
            expr = "{" + expr + "}"

        def matches(obj):
            if obj is None:
                return False
            try:
                got = output.jsonpath(expr, obj)
            except output.JSONPathError:
                return False
            return bool(got) if want is None else got == want

        return matches
    raise ArgError(f'error: unrecognized condition: "{spec}"')


@guard
def run(cluster, argv: list[str], stdin: str = "") -> Result:
    p = parse(NAME, argv, SPEC)
    if not p["for"]:
        raise ArgError('error: unrecognized condition: ""')
    check = _condition_check(p["for"])
    try:
        timeout = parse_duration(p["timeout"])
    except ValueError:
        raise ArgError(f'error: invalid argument "{p["timeout"]}" for "--timeout" flag') from None
    if not p.args:
        raise ArgError("error: You must provide one or more resources by argument or filename.")
    targets = []
    ns = None if p["all-namespaces"] else namespace_of(p)
    selector = None
    if p["selector"]:
        from .get import _selector

        selector = _selector(p)
    for k, names in resource_args(p.args).requests:
        if names:
            targets += [(k, ns or "default", n) for n in names]
        else:
            targets += [
                (k, o["metadata"].get("namespace", ""), o["metadata"]["name"])
                for o in cluster.store.list(k.kind, ns if k.namespaced else None, selector=selector)
            ]
    if not targets:
        return Result("", "error: no matching resources found\n", 1)

    def live(t):
        k, tns, name = t
        return cluster.store.find(k.kind, name, tns or "default")

    def missing_errors() -> list[str]:
        if p["for"] == "delete":
            return []
        return [
            f'Error from server (NotFound): {k.resource} "{name}" not found'
            for (k, tns, name) in targets
            if live((k, tns, name)) is None
        ]

    errs = missing_errors()
    if errs:
        return Result("", "".join(e + "\n" for e in errs), 1)
    block(cluster, done=lambda: all(check(live(t)) for t in targets), timeout=timeout or None)
    out, err = [], []
    for t in targets:
        k, _tns, name = t
        if check(live(t)):
            out.append(f"{k.qualified}/{name} condition met\n")
        else:
            err.append(f"error: timed out waiting for the condition on {k.resource}/{name}\n")
    return Result("".join(out), "".join(err), 1 if err else 0)
