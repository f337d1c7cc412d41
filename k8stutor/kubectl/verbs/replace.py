"""``kubectl replace -f FILE [--force]``: put the file's object in place of the live one.

upstream: staging/src/k8s.io/kubectl/pkg/cmd/replace/replace.go ("pod/x replaced"; NotFound as "error
when replacing"; --force deletes, waits until the object is gone, then creates it again).
"""

from __future__ import annotations

import copy

from ...api import errors, kinds
from ...terminal.result import Result
from .. import sources
from ..args import DRY_RUN, FILENAME, OUTPUT, RECURSIVE, ArgError, Flag, flags, parse
from ..cmdutil import api_error_text, guard
from ..output import name_of
from ..watch import block
from .apply import place

NAME = "replace"
SPEC = flags(
    FILENAME,
    RECURSIVE,
    OUTPUT,
    DRY_RUN,
    Flag("force", kind="bool", default=False),
    Flag("grace-period", kind="int", default=-1),
    Flag("cascade", default="background", no_opt="background"),
    Flag("wait", kind="bool", default=False),
    Flag("save-config", kind="bool", default=False),
    Flag("validate", default="strict", no_opt="strict"),
    Flag("kustomize", "k"),
    Flag("field-manager", default="kubectl-replace"),
)


@guard
def run(cluster, argv: list[str], stdin: str = "") -> Result:
    p = parse(NAME, argv, SPEC)
    if not p["filename"]:
        raise ArgError("error: must specify one of -f and -k")
    read = sources.read_all(cluster, p["filename"], stdin, p["recursive"])
    out, err = [], []
    for doc in place(read.docs, p):
        if doc.error is not None:
            err.append(doc.error("replacing"))
            continue
        obj, meta = doc.obj, doc.obj["metadata"]
        k = kinds.for_object(obj)
        ns = meta.get("namespace", "default")
        try:
            live = cluster.store.get(k.kind, meta.get("name", ""), ns)
            if p["force"]:
                cluster.store.delete(
                    k.kind,
                    meta["name"],
                    ns,
                    grace_period=None if p["grace-period"] < 0 else p["grace-period"],
                )
                out.append(f'{k.qualified} "{meta["name"]}" deleted\n')
                uid = live["metadata"].get("uid")
                block(
                    cluster,
                    done=lambda k=k, ns=ns, uid=uid, n=meta["name"]: (
                        (cluster.store.find(k.kind, n, ns) or {}).get("metadata", {}).get("uid") != uid
                    ),
                )
                stored = cluster.store.create(obj)
            else:
                new = copy.deepcopy(obj)
                new["metadata"].pop("resourceVersion", None)  # an unconditional PUT
                stored = cluster.store.update(new)
        except errors.ApiError as exc:
            err.append(api_error_text(exc, "replacing", doc.source))
            continue
        out.append(f"{name_of(stored)}\n" if p["output"] == "name" else f"{name_of(stored)} replaced\n")
    err += read.errors
    stderr = sources.error_output(err).rstrip("\n") + "\n" if err else ""
    return Result("".join(out), stderr, 1 if err else 0)
