"""``kubectl api-resources``: NAME SHORTNAMES APIVERSION NAMESPACED KIND, from the discovery table.

upstream: staging/src/k8s.io/kubectl/pkg/cmd/apiresources/apiresources.go (sorted by group, then name;
``--namespaced``, ``-o name|wide``, ``--api-group``).
"""

from __future__ import annotations

from ...api import kinds
from ...terminal.result import Result
from ..args import OUTPUT, Flag, flags, parse
from ..cmdutil import guard
from ..output import table

NAMES = ["api-resources"]

SPEC = flags(
    OUTPUT,
    Flag("namespaced", kind="bool", default=True),
    Flag("api-group", default=""),
    Flag("no-headers", kind="bool", default=False),
    Flag("sort-by", default=""),
    Flag("verbs", kind="strings", default=[]),
    Flag("categories", kind="strings", default=[]),
    Flag("cached", kind="bool", default=False),
)


@guard
def run(cluster, argv: list[str], stdin: str = "") -> Result:
    p = parse("api-resources", argv, SPEC)
    rows = sorted(kinds.KINDS, key=lambda k: (k.group, k.plural))
    if "namespaced" in p.explicit:
        rows = [k for k in rows if k.namespaced == p["namespaced"]]
    if "api-group" in p.explicit:
        rows = [k for k in rows if k.group == p["api-group"]]
    if p["output"] == "name":
        return Result("".join(f"{k.plural}{'.' + k.group if k.group else ''}\n" for k in rows))
    out = [] if p["no-headers"] else [["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"]]
    out += [
        [k.plural, ",".join(k.short_names), k.api_version, str(k.namespaced).lower(), k.kind] for k in rows
    ]
    return Result(table(out))
