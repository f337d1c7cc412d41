"""``kubectl config current-context | get-contexts | use-context``: minikube's one context.

upstream: staging/src/k8s.io/kubectl/pkg/cmd/config/{current_context,get_contexts,use_context}.go
(texts); minikube writes a context, cluster and user all named "minikube" (namespace default).
"""

from __future__ import annotations

from ...terminal.result import Result, fail
from ..args import ArgError, Flag, flags, parse
from ..cmdutil import guard
from ..output import table

NAME = "config"
CONTEXT = "minikube"
SPEC = flags(
    Flag("output", "o", default=""),
    Flag("no-headers", kind="bool", default=False),
    Flag("minify", kind="bool", default=False),
    Flag("raw", kind="bool", default=False),
)


@guard
def run(cluster, argv: list[str], stdin: str = "") -> Result:
    p = parse("config", argv, SPEC)
    if not p.args:
        raise ArgError(
            "error: k8stutor simulates only: kubectl config current-context | get-contexts | "
            "use-context minikube"
        )
    sub, rest = p.args[0], p.args[1:]
    if sub == "current-context":
        return Result(CONTEXT + "\n")
    if sub == "get-contexts":
        if rest and rest[0] != CONTEXT:
            return fail(f"error: context {rest[0]} not found")
        if p["output"] == "name":
            return Result(CONTEXT + "\n")
        rows = [] if p["no-headers"] else [["CURRENT", "NAME", "CLUSTER", "AUTHINFO", "NAMESPACE"]]
        rows.append(["*", CONTEXT, CONTEXT, CONTEXT, "default"])
        return Result(table(rows))
    if sub == "use-context":
        if len(rest) != 1:
            raise ArgError(
                "error: Unexpected args: " + str(rest) + "\nSee 'kubectl config use-context -h' "
                "for help and examples"
            )
        if rest[0] != CONTEXT:
            return fail(f'error: no context exists with the name: "{rest[0]}"')
        return Result(f'Switched to context "{CONTEXT}".\n')
    return fail(
        f'k8stutor: "kubectl config {sub}" is a real kubectl command that this simulator does not cover yet.'
    )
