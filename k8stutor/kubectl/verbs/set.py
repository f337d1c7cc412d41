"""``kubectl set image`` (and the deprecated ``--record``).

upstream: staging/src/k8s.io/kubectl/pkg/cmd/set/set_image.go (container lookup across containers,
initContainers; ``*`` for all; "unable to find container named"; a patch that changes nothing prints
nothing) and staging/src/k8s.io/kubectl/pkg/cmd/util/record_flags.go (``--record`` writes
``kubernetes.io/change-cause`` = "kubectl" + the arguments + each flag as ``--name=value``; cobra
prints the deprecation notice on stderr).
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from ...controllers.deployment_util import CHANGE_CAUSE
from ...terminal.result import Result, fail
from .. import args as a
from ..cmdutil import guard
from ..output import name_of

if TYPE_CHECKING:
    from ...cluster import Cluster

NAME = "set"
RECORD_DEPRECATION = "Flag --record has been deprecated, --record will be removed in the future\n"
FLAGS = a.flags(
    a.FILENAME,
    a.SELECTOR,
    a.OUTPUT,
    a.RECURSIVE,
    a.DRY_RUN,
    a.Flag("all", kind="bool", default=False),
    a.Flag("local", kind="bool", default=False),
    a.Flag("record", kind="bool", default=False),
)
#: the kinds whose pod template ``set image`` reaches (polymorphichelpers/updatepodspec.go)
POD_SPEC_PATHS = {
    "Pod": ("spec",),
    "Deployment": ("spec", "template", "spec"),
    "ReplicaSet": ("spec", "template", "spec"),
    "ReplicationController": ("spec", "template", "spec"),
    "StatefulSet": ("spec", "template", "spec"),
    "DaemonSet": ("spec", "template", "spec"),
    "Job": ("spec", "template", "spec"),
    "CronJob": ("spec", "jobTemplate", "spec", "template", "spec"),
}

USAGE = """Configure application resources.

 These commands help you make changes to existing application resources.

Available Commands:
  env              Update environment variables on a pod template
  image            Update the image of a pod template
  resources        Update resource requests/limits on objects with pod templates
  selector         Set the selector on a resource
  serviceaccount   Update the service account of a resource
  subject          Update the user, group, or service account in a role binding or cluster role binding

Usage:
  kubectl set SUBCOMMAND [options]

Use "kubectl set <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
"""


@guard
def run(cluster: Cluster, argv: list[str], stdin: str = "") -> Result:
    if not argv or argv[0] in ("-h", "--help"):
        return Result(stdout=_help("set") or USAGE)
    if argv[0] != "image":
        if argv[0] in ("env", "resources", "selector", "serviceaccount", "subject"):
            return fail(
                f'k8stutor: "kubectl set {argv[0]}" is a real kubectl command that this simulator '
                "does not cover yet."
            )
        return Result(stdout=_help("set") or USAGE)
    return _set_image(cluster, argv[1:])


def _help(command: str) -> str | None:
    """kubectl v1.32's own help text when the cli captured it (k8stutor/kubectl/help/)."""
    try:
        from ..help import text
    except ImportError:
        return None
    return text(command)


def _set_image(cluster: Cluster, argv: list[str]) -> Result:
    parsed = a.parse("set image", argv, FLAGS)
    warn = RECORD_DEPRECATION if "record" in parsed.explicit else ""
    resources = [w for w in parsed.args if "=" not in w]
    pairs = [w for w in parsed.args if "=" in w]
    if not resources:
        return Result(
            stderr=warn + "error: one or more resources must be specified as <resource> <name> or "
            "<resource>/<name>\n",
            returncode=1,
        )
    if not pairs:
        return Result(stderr=warn + "error: at least one image update is required\n", returncode=1)
    images = dict(p.split("=", 1) for p in pairs)
    res = a.resource_args(resources)
    ns = a.namespace_of(parsed)
    cause = _change_cause(argv, parsed) if parsed["record"] else None
    out, errs = "", []
    for kind, names in res.requests:
        for name in names:
            obj = cluster.store.get(kind.kind, name, ns)
            text, obj_errs = _update_one(cluster, obj, images, cause)
            out += text
            errs += obj_errs
    stderr = warn + "".join(f"error: {e}\n" for e in errs)
    return Result(out, stderr, 1 if errs else 0)


def _update_one(
    cluster: Cluster, obj: dict, images: dict[str, str], cause: str | None
) -> tuple[str, list[str]]:
    path = POD_SPEC_PATHS.get(obj["kind"])
    if path is None:
        return "", [f"{name_of(obj)} the object is not a pod or does not have a pod template: {obj['kind']}"]
    new = copy.deepcopy(obj)
    spec = new
    for key in path:
        spec = spec.setdefault(key, {})
    errs = []
    for container, image in images.items():
        found = False
        for c in (spec.get("initContainers") or []) + (spec.get("containers") or []):
            if container in ("*", c.get("name")):
                c["image"] = image
                found = True
        if not found:
            errs.append(f'unable to find container named "{container}"')
    if cause is not None:
        new["metadata"].setdefault("annotations", {})[CHANGE_CAUSE] = cause
    if new == obj:
        return "", errs
    new["metadata"].pop("resourceVersion", None)
    cluster.store.update(new)
    return f"{name_of(obj)} image updated\n", errs


def _change_cause(argv: list[str], parsed: a.Parsed) -> str:
    """record_flags.go parseCommandArguments: "kubectl" + the arguments + ``--long-name=value`` for each
    flag in the order typed (pflag's ParseAll callback; short flags print under their long name)."""
    table = {**a.GLOBAL, **FLAGS}
    shorts = {f.short: f for f in table.values() if f.short}
    flags: list[str] = []
    i = 0
    while i < len(argv):
        word = argv[i]
        i += 1
        if word == "--":
            break
        flag, value = None, None
        if word.startswith("--"):
            name, eq, value = word[2:].partition("=")
            flag = table.get(name)
            value = value if eq else None
        elif word.startswith("-") and len(word) > 1:
            flag = shorts.get(word[1])
            value = word[2:].removeprefix("=") or None
        if flag is None:
            continue
        if value is None:
            if flag.kind == "bool":
                value = "true"
            elif i < len(argv):
                value, i = argv[i], i + 1
        flags.append(f"--{flag.long}={value}")
    return " ".join(["kubectl", "set", "image", *parsed.args]) + "".join(f" {f}" for f in flags)
