"""``-f FILE|DIR|-``: reading manifests as kubectl's resource builder does, validating first.

upstream: staging/src/k8s.io/cli-runtime/pkg/resource/visitor.go (FileVisitor, ExpandPathsToFileVisitors:
a directory's .json/.yaml/.yml files in name order, ``-`` is STDIN, multi-document YAML) and
staging/src/k8s.io/kubectl/pkg/cmd/util/helpers.go (texts).  Validation runs the validator's
``kubectl_errors`` when it exists; any error stops the whole command before the cluster changes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import yaml

from .args import ArgError

if TYPE_CHECKING:
    from ..cluster import Cluster

EXTENSIONS = (".json", ".yaml", ".yml")


@dataclass
class Document:
    source: str  # the file name as the user gave it (``STDIN`` for ``-``)
    obj: dict
    #: kubectl's text for a document it cannot send, given the action ("creating"); None when fine
    error: Callable[[str], str] | None = None
    #: where kubectl fails on it: "mapping" (client side, no such kind) or "decode" (the apiserver's decoder)
    stage: str | None = None


@dataclass
class Read:
    docs: list[Document] = field(default_factory=list)
    #: errors that stopped reading a file (kubectl still sends the documents read before them)
    errors: list[str] = field(default_factory=list)


def read(cluster: Cluster, filenames: list[str], stdin: str, recursive: bool = False) -> list[Document]:
    """The documents kubectl would send; raises :class:`ArgError` on any error (get/delete/describe -f)."""
    result = read_all(cluster, filenames, stdin, recursive)
    # the apiserver's strict decoder only sees objects that are sent (create/apply); get/delete need names
    usable = [d for d in result.docs if d.error is None or (d.stage == "decode" and _named(d.obj))]
    errs = [d.error("creating") for d in result.docs if d.error and d not in usable] + result.errors
    errs += ["error: resource name may not be empty" for d in usable if not _named(d.obj)]
    if errs:
        raise ArgError(error_output(errs))
    return usable


def _named(obj: dict) -> bool:
    meta = obj.get("metadata")
    return isinstance(meta, dict) and isinstance(meta.get("name"), str) and bool(meta["name"])


def read_all(cluster: Cluster, filenames: list[str], stdin: str, recursive: bool = False) -> Read:
    """Every document of every file, with per-document errors (apply/create go on past them)."""
    out = Read()
    for name in filenames:
        for source, text in _expand(cluster, name, stdin, recursive):
            _decode(cluster, source, text, out)
    return out


def error_output(errors: list[str]) -> str:
    """upstream: kubectl/pkg/cmd/util/helpers.go checkErr: one error as is, several one per line."""
    try:
        from ..validation.kubectl import kubectl_error_output
    except ImportError:
        return "\n".join(errors)
    return kubectl_error_output(errors)


def _expand(cluster: Cluster, name: str, stdin: str, recursive: bool) -> list[tuple[str, str]]:
    if name == "-":
        return [("STDIN", stdin)]
    if name.startswith(("http://", "https://")):
        raise ArgError(f'error: unable to read URL "{name}": the simulated host has no internet access')
    full = cluster.path(name)
    if full in cluster.files:
        return [(name, _text(cluster.files[full]))]
    prefix = full.rstrip("/") + "/"
    inside = sorted(p for p in cluster.files if p.startswith(prefix))
    if not inside:
        raise ArgError(f'error: the path "{name}" does not exist')
    out = []
    for p in inside:
        rel = p[len(prefix) :]
        if ("/" in rel and not recursive) or not p.endswith(EXTENSIONS):
            continue
        out.append((name.rstrip("/") + "/" + rel, _text(cluster.files[p])))
    if not out:
        raise ArgError(f"error: error reading [{name}]: recognized file extensions are [.json .yaml .yml]")
    return out


def _text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


def _decode(cluster: Cluster, source: str, text: str, out: Read) -> None:
    try:
        from ..validation.kubectl import kubectl_errors
    except ImportError:
        _decode_plain(source, text, out)
        return
    check = kubectl_errors(text, filename=source, cluster=cluster)
    for doc in check.documents:
        if doc.error is None and isinstance(doc.obj, dict):
            out.docs.append(Document(source, doc.obj))
        else:
            out.docs.append(
                Document(
                    source,
                    doc.obj if isinstance(doc.obj, dict) else {},
                    lambda action, d=doc: d.error_text(action) or d.error or "",
                    doc.stage,
                )
            )
    if check.stream_error:
        out.errors.append(check.stream_error)


def _decode_plain(source: str, text: str, out: Read) -> None:
    """A stand-in reader (PyYAML) for when the validator is not installed."""
    try:
        loaded = [d for d in yaml.safe_load_all(text) if d is not None]
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", 0) + 1
        problem = getattr(exc, "problem", None) or str(exc)
        out.errors.append(
            f"error: error parsing {source}: error converting YAML to JSON: yaml: line {line}: {problem}"
        )
        return
    for obj in loaded:
        if isinstance(obj, dict) and obj.get("kind") == "List" and isinstance(obj.get("items"), list):
            out.docs.extend(Document(source, o) for o in obj["items"] if isinstance(o, dict))
            continue
        missing = [f for f in ("apiVersion", "kind") if not isinstance(obj, dict) or not obj.get(f)]
        if missing:
            out.errors.append(
                f'error: error validating "{source}": error validating data: {missing[0]} not set; '
                "if you choose to ignore these errors, turn validation off with --validate=false"
            )
            return
        out.docs.append(Document(source, obj))
