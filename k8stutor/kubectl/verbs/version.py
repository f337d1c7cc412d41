"""``kubectl version``: client, kustomize and server versions of minikube v1.35's Kubernetes v1.32.

upstream: staging/src/k8s.io/kubectl/pkg/cmd/version/version.go (the three lines; ``--client``;
``-o json|yaml`` with clientVersion / kustomizeVersion / serverVersion).
"""

from __future__ import annotations

from ...terminal.result import Result
from ...version import KUBECTL_VERSION, KUBERNETES_VERSION
from ..args import OUTPUT, ArgError, Flag, flags, parse
from ..cmdutil import guard
from ..output import go_json, go_yaml

NAME = "version"
KUSTOMIZE_VERSION = "v5.5.0"  # the kustomize vendored in kubectl v1.32

SPEC = flags(OUTPUT, Flag("client", kind="bool", default=False))


def _info(version: str) -> dict:
    # upstream: the v1.32.0 release (k8s.io/component-base/version.Info)
    return {
        "buildDate": "2024-12-11T17:59:15Z",
        "compiler": "gc",
        "gitCommit": "70d3cc986aa8221cd1dfb1121852688902d3bf53",
        "gitTreeState": "clean",
        "gitVersion": version,
        "goVersion": "go1.23.3",
        "major": "1",
        "minor": "32",
        "platform": "linux/amd64",
    }


@guard
def run(cluster, argv: list[str], stdin: str = "") -> Result:
    p = parse(NAME, argv, SPEC)
    if p.args:
        raise ArgError(f"error: extra arguments: {p.args}\nSee 'kubectl version -h' for help and examples")
    if p["output"] in ("json", "yaml"):
        data: dict = {"clientVersion": _info(KUBECTL_VERSION), "kustomizeVersion": KUSTOMIZE_VERSION}
        if not p["client"]:
            data["serverVersion"] = _info(KUBERNETES_VERSION)
        return Result(go_json(data) if p["output"] == "json" else go_yaml(data))
    if p["output"]:
        raise ArgError("error: --output must be 'yaml' or 'json'")
    out = f"Client Version: {KUBECTL_VERSION}\nKustomize Version: {KUSTOMIZE_VERSION}\n"
    if not p["client"]:
        out += f"Server Version: {KUBERNETES_VERSION}\n"
    return Result(out)
