"""``kubectl create deployment NAME --image=IMAGE [--image=...] [--replicas=N] [--port=P] [-- COMMAND...]``.

upstream: staging/src/k8s.io/kubectl/pkg/cmd/create/create_deployment.go (label ``app: NAME``, container
names from the image names, ``strategy: {}``, ``resources: {}``); output texts as kubectl v1.32 prints them
(checked offline with ``--dry-run=client -o yaml``).
"""

from __future__ import annotations

from ...terminal.result import Result
from ..args import DRY_RUN, OUTPUT, ArgError, Flag, flags, namespace_of, parse
from . import subcommand
from ._common import finish

SPEC = flags(
    OUTPUT,
    DRY_RUN,
    Flag("image", kind="array", default=[]),
    Flag("replicas", "r", kind="int", default=1),
    Flag("port", kind="int", default=-1),
    Flag("save-config", kind="bool", default=False),
    Flag("validate", default="strict", no_opt="strict"),
    Flag("field-manager", default="kubectl-create"),
    Flag("show-managed-fields", kind="bool", default=False),
)
VERB = "create deployment"


def container_name(image: str) -> str:
    name = image.split("/")[-1].split(":")[0].split("@")[0]
    return name.replace("_", "-").replace(".", "-")


@subcommand("deployment", aliases=("deploy",))
def run(cluster, argv: list[str], stdin: str = "") -> Result:
    p = parse(VERB, argv, SPEC)
    if not p["image"]:
        raise ArgError('error: required flag(s) "image" not set')
    if len(p.args) != 1:
        raise ArgError(
            f"error: exactly one NAME is required, got {len(p.args)}\n"
            "See 'kubectl create deployment -h' for help and examples"
        )
    if p.dash and len(p["image"]) > 1:
        raise ArgError("error: cannot specify multiple --image options and command")
    name = p.args[0]
    labels = {"app": name}
    containers = []
    for image in p["image"]:
        c: dict = {"image": image, "name": container_name(image)}
        if p["port"] >= 0:
            c["ports"] = [{"containerPort": p["port"]}]
        c["resources"] = {}
        containers.append(c)
    if p.dash:
        containers[0]["command"] = list(p.dash)
    obj = {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"creationTimestamp": None, "labels": labels, "name": name},
        "spec": {
            "replicas": p["replicas"],
            "selector": {"matchLabels": labels},
            "strategy": {},
            "template": {
                "metadata": {"creationTimestamp": None, "labels": labels},
                "spec": {"containers": containers},
            },
        },
        "status": {},
    }
    return finish(cluster, p, obj, namespace_of(p))
