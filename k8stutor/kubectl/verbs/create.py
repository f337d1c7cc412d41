"""``kubectl create -f FILE`` and the dispatch of ``kubectl create <sub>`` to the subcommand registry.

upstream: staging/src/k8s.io/kubectl/pkg/cmd/create/create.go (RunCreate: "<kind>/<name> created",
``--save-config``, ``--dry-run``; AlreadyExists as "error when creating").
"""

from __future__ import annotations

from ...terminal.result import Result, fail
from .. import create as registry
from .. import sources
from ..apply_merge import drop_nulls, with_last_applied
from ..args import DRY_RUN, FILENAME, OUTPUT, RECURSIVE, SELECTOR, ArgError, Flag, flags, parse
from ..cmdutil import guard
from .apply import check_namespace, check_version, dry_run_mode, write_all

NAME = "create"

SPEC = flags(
    FILENAME,
    RECURSIVE,
    OUTPUT,
    DRY_RUN,
    SELECTOR,
    Flag("kustomize", "k"),
    Flag("validate", default="strict", no_opt="strict"),
    Flag("save-config", kind="bool", default=False),
    Flag("edit", kind="bool", default=False),
    Flag("windows-line-endings", kind="bool", default=False),
    Flag("raw"),
    Flag("field-manager", default="kubectl-create"),
    Flag("record", kind="bool", default=False),
    Flag("show-managed-fields", kind="bool", default=False),
)


@guard
def run(cluster, argv: list[str], stdin: str = "") -> Result:
    sub = _first_word(argv)
    if sub is not None:
        word, index = sub
        fn = registry.lookup(word)
        if fn is not None:
            return fn(cluster, argv[:index] + argv[index + 1 :], stdin)
        real = registry.real_name(word)
        if real is not None:
            return fail(
                f'k8stutor: "kubectl create {real}" is a real kubectl command that this simulator '
                "does not cover yet."
            )
    p = parse(NAME, argv, SPEC)
    if p.args:
        raise ArgError(
            f"error: Unexpected args: [{' '.join(p.args)}]\nSee 'kubectl create -h' for help and examples"
        )
    if not p["filename"]:
        raise ArgError("error: must specify one of -f and -k")
    dry = dry_run_mode(p)
    read = sources.read_all(cluster, p["filename"], stdin, p["recursive"])
    save = bool(p["save-config"])

    def create_one(cluster, obj: dict, dry: str):
        check_version(obj)
        check_namespace(cluster, obj)
        sent = with_last_applied(obj) if save else drop_nulls(obj)
        if dry != "none":
            if dry == "server":
                _exists_error(cluster, sent)
            return "created", sent
        return "created", cluster.store.create(sent)

    return write_all(cluster, read, p, dry, create_one, "creating")


def _exists_error(cluster, obj: dict) -> None:
    from ...api import errors, kinds

    meta = obj["metadata"]
    if cluster.store.find(obj["kind"], meta.get("name", ""), meta.get("namespace", "default")):
        raise errors.AlreadyExists.of(kinds.for_object(obj).resource, meta.get("name", ""))


def _first_word(argv: list[str]) -> tuple[str, int] | None:
    """The subcommand: the first word that is neither a flag nor a flag's value."""
    takes_value = {
        "-f",
        "--filename",
        "-o",
        "--output",
        "-n",
        "--namespace",
        "-l",
        "--selector",
        "-k",
        "--kustomize",
        "--context",
        "--kubeconfig",
        "--field-manager",
        "--raw",
        "--validate",
    }
    skip = False
    for i, word in enumerate(argv):
        if skip:
            skip = False
            continue
        if word == "--":
            return None
        if word.startswith("-"):
            skip = word in takes_value
            continue
        return word, i
    return None
