"""``kubectl create namespace NAME`` (create_namespace.go: ``namespace/NAME created``)."""

from __future__ import annotations

from ...terminal.result import Result
from ..args import DRY_RUN, OUTPUT, ArgError, Flag, flags, parse
from . import subcommand
from ._common import finish

SPEC = flags(
    OUTPUT,
    DRY_RUN,
    Flag("save-config", kind="bool", default=False),
    Flag("validate", default="strict", no_opt="strict"),
    Flag("field-manager", default="kubectl-create"),
)


@subcommand("namespace", aliases=("ns",))
def run(cluster, argv: list[str], stdin: str = "") -> Result:
    p = parse("create namespace", argv, SPEC)
    if len(p.args) != 1:
        raise ArgError(
            f"error: exactly one NAME is required, got {len(p.args)}\n"
            "See 'kubectl create namespace -h' for help and examples"
        )
    obj = {
        "apiVersion": "v1",
        "kind": "Namespace",
        "metadata": {"creationTimestamp": None, "name": p.args[0]},
        "spec": {},
        "status": {},
    }
    return finish(cluster, p, obj, None)
