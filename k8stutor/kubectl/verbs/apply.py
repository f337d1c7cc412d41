"""``kubectl apply -f FILE|DIR|-``: client-side apply with the last-applied annotation.

upstream: staging/src/k8s.io/kubectl/pkg/cmd/apply/apply.go (applyOneObject: create when absent, else a
three-way patch; "created" / "configured" / "unchanged", the dry-run suffixes, the missing-annotation
warning) and apply/patcher.go.  Each object is applied on its own, as kubectl does: a file that cannot be
read or parsed changes nothing; an object the apiserver rejects fails alone.
"""

from __future__ import annotations

import copy

from ...api import errors, kinds
from ...terminal.result import Result
from ...terminal.shell import Transcript
from .. import sources
from ..apply_merge import LAST_APPLIED, original_of, three_way, with_last_applied
from ..args import DRY_RUN, FILENAME, OUTPUT, RECURSIVE, SELECTOR, ArgError, Flag, flags, parse
from ..cmdutil import api_error_text, guard
from ..output import as_list, go_json, go_yaml, name_of

NAME = "apply"

SPEC = flags(
    FILENAME,
    RECURSIVE,
    OUTPUT,
    DRY_RUN,
    SELECTOR,
    Flag("kustomize", "k"),
    Flag("validate", default="strict", no_opt="strict"),
    Flag("server-side", kind="bool", default=False),
    Flag("force", kind="bool", default=False),
    Flag("force-conflicts", kind="bool", default=False),
    Flag("field-manager", default="kubectl-client-side-apply"),
    Flag("prune", kind="bool", default=False),
    Flag("all", kind="bool", default=False),
    Flag("overwrite", kind="bool", default=True),
    Flag("record", kind="bool", default=False),
    Flag("wait", kind="bool", default=False),
    Flag("show-managed-fields", kind="bool", default=False),
)


class NameMissing(Exception):
    """An object without metadata.name: apply cannot look it up."""


DRY_RUN_SUFFIX = {"client": " (dry run)", "server": " (server dry run)", "none": ""}


@guard
def run(cluster, argv: list[str], stdin: str = "") -> Result:
    p = parse(NAME, argv, SPEC)
    if p.args:
        raise ArgError(
            f"error: Unexpected args: [{' '.join(p.args)}]\nSee 'kubectl apply -h' for help and examples"
        )
    if p["kustomize"] and p["filename"]:
        raise ArgError("error: only one of -f or -k can be specified")
    if p["kustomize"]:
        raise ArgError("error: k8stutor does not simulate kustomize (-k); apply the files with -f")
    if not p["filename"]:
        raise ArgError("error: must specify one of -f and -k")
    dry = dry_run_mode(p)
    read = sources.read_all(cluster, p["filename"], stdin, p["recursive"])
    return write_all(cluster, read, p, dry, apply_one)


def dry_run_mode(p) -> str:
    value = p["dry-run"]
    if value == "unchanged":
        value = "client"  # a bare --dry-run is deprecated and means client
    if value not in DRY_RUN_SUFFIX:
        raise ArgError(f'error: Invalid dry-run value ({value}). Must be "none", "server", or "client".')
    return value


def place(docs: list[sources.Document], p) -> list[sources.Document]:
    """Set each object's namespace (the file's, else -n, else default) as the resource builder does."""
    explicit = "namespace" in p.explicit
    ns = p.get("namespace") or "default"
    out = []
    for doc in docs:
        if doc.error is not None:
            out.append(doc)
            continue
        obj = copy.deepcopy(doc.obj)
        k = kinds.for_object(obj)
        meta = obj.setdefault("metadata", {}) if isinstance(obj.get("metadata"), dict) else {}
        obj["metadata"] = meta
        if k.namespaced:
            own = meta.get("namespace")
            if own and explicit and own != ns:
                raise ArgError(
                    f'error: the namespace from the provided object "{own}" does not match the '
                    f"namespace \"{ns}\". You must pass '--namespace={own}' to perform this operation."
                )
            meta["namespace"] = own or ns
        out.append(sources.Document(doc.source, obj))
    return out


def write_all(cluster, read: sources.Read, p, dry: str, one, action: str | None = None) -> Result:
    """Run ``one`` per object; collect kubectl's lines, errors after the successes as kubectl prints them.

    upstream: apply.go / create.go go on past a document that fails and report all errors at the end.
    """
    out, err, shown = [], [], []
    terminal: list[str] = []  # what the terminal shows, in order: a warning comes before its object's line
    for doc in place(read.docs, p):
        if doc.error is not None:
            err.append(doc.error(action or ("patching" if _exists(cluster, doc.obj) else "creating")))
            continue
        try:
            verb, obj = one(cluster, doc.obj, dry)
        except errors.ApiError as exc:
            act = action or ("creating" if not _exists(cluster, doc.obj) else "patching")
            err.append(api_error_text(exc, act, doc.source))
            continue
        except kinds.UnknownKind:
            err.append(_no_mapping(doc))
            continue
        except NameMissing:
            err.append("error: resource name may not be empty")  # resource helper Get("") in apply.go
            continue
        if verb.startswith("Warning:"):
            err.append(verb.split("\n", 1)[0])
            terminal.append(err[-1] + "\n")
            verb = verb.split("\n", 1)[1]
        shown.append(obj)
        if p.get("output") == "name":
            out.append(name_of(obj))
        elif not p.get("output"):
            out.append(f"{name_of(obj)} {verb}{DRY_RUN_SUFFIX[dry]}")
        if not p.get("output") or p.get("output") == "name":
            terminal.append(out[-1] + "\n")
    stdout = "".join(line + "\n" for line in out)
    fmt = p.get("output")
    if fmt in ("yaml", "json") and shown:
        data = shown[0] if len(shown) == 1 else as_list(shown)
        stdout = go_yaml(data) if fmt == "yaml" else go_json(data)
    err += read.errors
    warnings = [e for e in err if e.startswith("Warning:")]
    errs = [e for e in err if not e.startswith("Warning:")]
    stderr = "".join(w + "\n" for w in warnings)
    tail = sources.error_output(errs).rstrip("\n") + "\n" if errs else ""
    stderr += tail
    if not warnings:
        return Result(stdout, stderr, 1 if errs else 0)
    text = (
        "".join(terminal) if not fmt or fmt == "name" else "".join(terminal[: len(warnings)]) + stdout
    ) + tail
    return Transcript(stdout, stderr, 1 if errs else 0, text)


def _exists(cluster, obj: dict) -> bool:
    meta = obj.get("metadata") if isinstance(obj.get("metadata"), dict) else {}
    if kinds.by_kind(str(obj.get("kind"))) is None:
        return False
    return (
        cluster.store.find(obj["kind"], str(meta.get("name", "")), str(meta.get("namespace") or "default"))
        is not None
    )


def _no_mapping(doc: sources.Document) -> str:
    meta = doc.obj.get("metadata") or {}
    return (
        f'error: resource mapping not found for name: "{meta.get("name", "")}" namespace: '
        f'"{meta.get("namespace", "") if "namespace" in (doc.obj.get("metadata") or {}) else ""}" '
        f'from "{doc.source}": no matches for kind "{doc.obj.get("kind")}" in version '
        f'"{doc.obj.get("apiVersion")}"\nensure CRDs are installed first'
    )


def check_namespace(cluster, obj: dict) -> None:
    k = kinds.for_object(obj)
    ns = obj["metadata"].get("namespace", "default")
    if k.namespaced and cluster.store.list("Namespace", None) and not cluster.store.find("Namespace", ns, ""):
        raise errors.NotFound.of("namespaces", ns)


def check_version(obj: dict) -> None:
    """An apiVersion the server does not serve for the kind: no REST mapping."""
    k = kinds.for_object(obj)
    if obj.get("apiVersion") != k.api_version:
        raise kinds.UnknownKind(obj.get("kind", ""))


def apply_one(cluster, obj: dict, dry: str) -> tuple[str, dict]:
    check_version(obj)
    meta = obj["metadata"]
    if not meta.get("name"):
        raise NameMissing()
    store = cluster.store
    live = store.find(obj["kind"], meta.get("name", ""), meta.get("namespace", "default"))
    sent = with_last_applied(obj)
    if live is None:
        check_namespace(cluster, obj)
        if dry != "none":
            return "created", sent
        return "created", store.create(sent)
    warning = ""
    if LAST_APPLIED not in ((live["metadata"].get("annotations")) or {}):
        # upstream: apply.go warningNoLastAppliedConfigAnnotation
        k = kinds.for_object(live)
        warning = (
            f"Warning: resource {k.resource}/{meta['name']} is missing the {LAST_APPLIED} annotation "
            "which is required by kubectl apply. kubectl apply should only be used on resources "
            "created declaratively by either kubectl create --save-config or kubectl apply. The "
            "missing annotation will be patched automatically.\n"
        )
    merged = three_way(original_of(live), sent, live)
    if merged == live:
        return warning + "unchanged", live
    if dry != "none":
        return warning + "configured", merged
    return warning + "configured", store.update(merged)
