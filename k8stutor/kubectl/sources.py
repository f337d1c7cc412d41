"""``-f FILE|DIR|-``: reading manifests as kubectl's resource builder does, validating first.

upstream: staging/src/k8s.io/cli-runtime/pkg/resource/visitor.go (FileVisitor, ExpandPathsToFileVisitors:
a directory's .json/.yaml/.yml files in name order, ``-`` is STDIN, multi-document YAML) and
staging/src/k8s.io/kubectl/pkg/cmd/util/helpers.go (texts).  Validation runs the validator's
``kubectl_errors`` when it exists; any error stops the whole command before the cluster changes.
"""

from __future__ import annotations

from dataclasses import dataclass
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


def read(cluster: Cluster, filenames: list[str], stdin: str, recursive: bool = False) -> list[Document]:
    """Every object of every file, in order; raises :class:`ArgError` with kubectl's text."""
    docs: list[Document] = []
    for name in filenames:
        for source, text in _expand(cluster, name, stdin, recursive):
            docs.extend(_decode(cluster, source, text))
    return docs


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
        rel = p[len(prefix):]
        if ("/" in rel and not recursive) or not p.endswith(EXTENSIONS):
            continue
        out.append((name.rstrip("/") + "/" + rel, _text(cluster.files[p])))
    if not out:
        raise ArgError(f"error: error reading [{name}]: recognized file extensions are [.json .yaml .yml]")
    return out


def _text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


def _decode(cluster: Cluster, source: str, text: str) -> list[Document]:
    errors = _validator_errors(cluster, source, text)
    if errors:
        raise ArgError("\n".join(errors))
    try:
        loaded = [d for d in yaml.safe_load_all(text) if d is not None]
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", 0) + 1
        problem = getattr(exc, "problem", None) or str(exc)
        raise ArgError(f"error: error parsing {source}: error converting YAML to JSON: yaml: "
                       f"line {line}: {problem}") from None
    docs = []
    for obj in loaded:
        if isinstance(obj, dict) and obj.get("kind") == "List" and isinstance(obj.get("items"), list):
            docs.extend(Document(source, o) for o in obj["items"] if isinstance(o, dict))
            continue
        if not isinstance(obj, dict):
            raise ArgError(f'error: error validating "{source}": error validating data: '
                           "invalid object to validate; if you choose to ignore these errors, "
                           "turn validation off with --validate=false")
        for field in ("apiVersion", "kind"):
            if not obj.get(field):
                raise ArgError(f'error: error validating "{source}": error validating data: {field} not set; '
                               "if you choose to ignore these errors, turn validation off with "
                               "--validate=false")
        docs.append(Document(source, obj))
    return docs


def _validator_errors(cluster: Cluster, source: str, text: str) -> list[str]:
    """kubectl's client-side errors for ``text`` from the validator (empty when it is not there yet)."""
    try:
        from ..validation import kubectl_errors
    except ImportError:
        return []
    return list(kubectl_errors(text, filename=source, cluster=cluster) or [])
