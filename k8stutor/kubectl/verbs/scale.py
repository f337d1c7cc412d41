"""``kubectl scale TYPE NAME --replicas=N`` (deployments, replicasets, replicationcontrollers, statefulsets).

upstream: staging/src/k8s.io/kubectl/pkg/cmd/scale/scale.go (``--replicas`` required, the
``--current-replicas`` precondition, the ``scaled`` message) and pkg/scale (the scale subresource
exists for the kinds the rollout registry marks scalable).
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from ...api import kinds
from ...terminal.result import Result, fail
from .. import args as a
from ..cmdutil import guard
from ..output import name_of
from ..rollout import handlers_for

if TYPE_CHECKING:
    from ...cluster import Cluster

NAME = "scale"
FLAGS = a.flags(
    a.FILENAME,
    a.SELECTOR,
    a.OUTPUT,
    a.RECURSIVE,
    a.DRY_RUN,
    a.ALL_NAMESPACES,
    a.Flag("replicas", kind="int", default=-1),
    a.Flag("current-replicas", kind="int", default=-1),
    a.Flag("resource-version"),
    a.Flag("all", kind="bool", default=False),
    a.Flag("timeout", default="0s"),
)


@guard
def run(cluster: Cluster, argv: list[str], stdin: str = "") -> Result:
    parsed = a.parse("scale", argv, FLAGS)
    if "replicas" not in parsed.explicit:
        return fail('error: required flag(s) "replicas" not set')
    replicas = int(parsed["replicas"])
    if replicas < 0:
        return fail(
            "error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0"
        )
    res = a.resource_args(parsed.args)
    if not res.requests:
        return fail("error: required resource not specified")
    ns = a.namespace_of(parsed)
    out, err, code = "", "", 0
    for kind, names in res.requests:
        if not names:
            return fail("error: resource(s) were provided, but no name was specified")
        for name in names:
            text, ok = _scale(cluster, kind, name, ns, replicas, int(parsed["current-replicas"]))
            if ok:
                out += text
            else:
                err, code = err + text, 1
    return Result(out, err, code)


def _scale(
    cluster: Cluster, kind: kinds.Kind, name: str, ns: str, replicas: int, current: int
) -> tuple[str, bool]:
    obj = cluster.store.get(kind.kind, name, ns)
    h = handlers_for(kind.kind)
    if h is None or not h.scalable:
        return "Error from server (NotFound): the server could not find the requested resource\n", False
    have = int((obj.get("spec") or {}).get("replicas", 1))
    if current >= 0 and current != have:
        return f"error: Expected replicas to be {current}, was {have}\n", False
    new = copy.deepcopy(obj)
    new["spec"]["replicas"] = replicas
    new["metadata"].pop("resourceVersion", None)
    cluster.store.update(new)
    return f"{name_of(obj)} scaled\n", True
