"""What ``kubectl apply -f`` / ``kubectl create -f`` v1.32 print for a file, before anything is stored.

For the simulated kubectl (the ``apply`` and ``create`` verbs)::

    from k8stutor.validation import kubectl_errors

    check = kubectl_errors(text, "rs.yaml")          # text: str | bytes (or a parsed manifests.ParsedFile)
    for doc in check.documents:                      # the documents kubectl reads, in file order
        if doc.error is None:
            ... store.create(doc.obj) / apply it     # may still raise errors.Invalid (apiserver rules)
        else:
            errors.append(doc.error_text("creating"))    # or "applying" texts, see below
    if check.stream_error:                           # kubectl stopped reading the file here
        errors.append(check.stream_error)
    stderr = kubectl_error_output(errors)            # one error: "error: ..."; several: one per line

``KubectlDocument`` fields:

* ``index``: 0-based among non-empty documents (as ``validate`` numbers them);
  ``item``: index inside a ``kind: List`` (None otherwise); ``obj``: the object as kubectl sends it.
* ``stage``: None (kubectl sends it), ``"mapping"`` (discovery does not know the kind/version, or a
  ``List`` item has no kind:
  client-side, other documents still go ahead) or ``"decode"`` (the apiserver's decoder rejects the
  request with 400 BadRequest: strict unknown fields, wrong JSON types, bad quantities, bad base64).
* ``error``: kubectl's text for the document when it is created (``error_text("creating")``); for
  the decode stage the server part alone is ``server_message`` (wrap it yourself for a patch).

``KubectlCheck.stream_error`` is a reader failure (YAML syntax, ``apiVersion``/``kind`` not set, a
document that is not a mapping): kubectl stops reading the file there; the documents before it are
still applied.  Duplicate keys are not errors for kubectl (the last value wins), nor is ``\\'`` in a
double-quoted string (go-yaml accepts it), though ``validate`` reports both.

upstream: staging/src/k8s.io/cli-runtime/pkg/resource/visitor.go (StreamVisitor),
staging/src/k8s.io/cli-runtime/pkg/resource/mapper.go (resource mapping not found),
staging/src/k8s.io/kubectl/pkg/cmd/apply/apply.go, staging/src/k8s.io/kubectl/pkg/cmd/util/helpers.go
(AddSourceToErr, checkErr, MultipleErrors), staging/src/k8s.io/apiserver/pkg/endpoints/handlers/rest.go
(transformDecodeError: "... cannot be handled as a ...")
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from .. import manifests

STOP_VALIDATE = "if you choose to ignore these errors, turn validation off with --validate=false"


@dataclass
class KubectlDocument:
    index: int
    obj: dict | None
    stage: str | None = None  # None | "mapping" | "decode"
    error: str | None = None  # kubectl's line(s) for this document (as for "creating")
    server_message: str | None = None  # the apiserver's BadRequest message (decode stage)
    item: int | None = None

    def error_text(self, action: str = "creating", filename: str = "") -> str | None:
        """The error line for another action (``"creating"``, ``"replacing"``, ...)."""
        if self.stage != "decode" or self.server_message is None:
            return self.error
        return (
            f'Error from server (BadRequest): error when {action} "{filename or self._file}": '
            f"{self.server_message}"
        )

    _file: str = ""


class KubectlCheck(list):
    """The error lines (as for creating), plus ``documents`` and ``stream_error`` for per-document use.

    Being a list of strings, ``if kubectl_errors(...):`` means "kubectl would print an error".
    """

    def __init__(self, filename: str) -> None:
        super().__init__()
        self.filename = filename
        self.documents: list[KubectlDocument] = []
        self.stream_error: str | None = None

    @property
    def ok(self) -> bool:
        return self.stream_error is None and all(d.error is None for d in self.documents)

    def errors(self, action: str = "creating") -> list[str]:
        out = [d.error_text(action) for d in self.documents if d.error is not None]
        if self.stream_error:
            out.append(self.stream_error)
        return [e for e in out if e]

    def _finish(self) -> KubectlCheck:
        self[:] = self.errors()
        return self


def kubectl_error_output(errors: list[str]) -> str:
    """stderr for a command's errors: one gets ``error: `` (unless it is a server error), several are
    listed one per line without it (upstream: helpers.go checkErr / MultipleErrors)."""
    if not errors:
        return ""
    if len(errors) == 1:
        e = errors[0]
        return e if e.startswith(("Error from server", "error: ", "The ")) else f"error: {e}"
    return "\n".join(errors)


def kubectl_errors(source: Any, filename: str, cluster: Any = None) -> KubectlCheck:
    """Per document, what kubectl v1.32 (+ the apiserver's decoder) says before storage.

    ``source``: the file's text or bytes, or a :class:`k8stutor.manifests.ParsedFile`.
    ``filename``: the path as the user typed it after ``-f`` (kubectl quotes it in messages), or
    ``STDIN``.  ``cluster`` is accepted for symmetry with ``validate`` (discovery is static: v1.32's
    built-in kinds; the simulator has no CRDs).  Never raises on bad input.
    """
    from .validator import check_object

    parsed = source if isinstance(source, manifests.ParsedFile) else manifests.parse(source, filename)
    check = KubectlCheck(filename)
    stop = [p for p in parsed.problems if p.code not in ("duplicate-key", "yaml-escape")]
    if stop and not parsed.documents:
        check.stream_error = _reader_error(stop[0], filename)
        return check._finish()
    for doc in parsed.documents:
        if doc.syntax_error:
            problem = next((p for p in stop if p.document == doc.index), None)
            check.stream_error = _reader_error(problem, filename)
            break
        if doc.obj is None:
            continue  # a null document: kubectl skips it (visitor.go: "null")
        failure = _validate_data(doc.obj, filename)
        if failure:
            check.stream_error = failure
            break
        for c in check_object(doc, doc.obj, (), filename):
            if (
                not c.prefix
                and isinstance(c.obj, dict)
                and c.obj.get("kind") == "List"
                and c.obj.get("items")
            ):
                continue
            item = c.prefix[1] if c.prefix else None
            check.documents.append(_document(doc.index, item, c, filename))
    return check._finish()


def _reader_error(problem: manifests.Problem | None, filename: str) -> str:
    if problem is None:
        return f"error parsing {filename}: error converting YAML to JSON: yaml: invalid document"
    if problem.code == "yaml-syntax" and problem.kubectl:
        return f"error parsing {filename}: error converting YAML to JSON: {problem.kubectl}"
    if problem.kubectl:
        return f"error parsing {filename}: error converting YAML to JSON: {problem.kubectl}"
    # our own caps, bad tags, bad encodings: kubectl has no exact equivalent; say what we found
    return f"error parsing {filename}: {problem.message}"


def _validate_data(obj: Any, filename: str) -> str | None:
    """kubectl's client-side check of every document (upstream: kubectl/pkg/validation/schema.go)."""
    if not isinstance(obj, dict):
        what = "invalid object to validate"
    else:
        missing = [f"{f} not set" for f in ("apiVersion", "kind") if not obj.get(f)]
        if not missing:
            return None
        what = missing[0] if len(missing) == 1 else "[" + ", ".join(missing) + "]"
    return f'error validating "{filename}": error validating data: {what}; {STOP_VALIDATE}'


def _document(index: int, item: int | None, c, filename: str) -> KubectlDocument:
    obj = c.obj
    d = KubectlDocument(index, obj, item=item)
    d._file = filename
    if c.stage in ("mapping", "custom"):
        meta = obj.get("metadata") if isinstance(obj.get("metadata"), dict) else {}
        name, ns = meta.get("name", ""), meta.get("namespace", "")
        d.stage = "mapping"
        d.error = (
            f'resource mapping not found for name: "{name}" namespace: "{ns}" from "{filename}": '
            f'no matches for kind "{obj.get("kind")}" in version "{obj.get("apiVersion")}"\n'
            "ensure CRDs are installed first"
        )
    elif c.stage == "reader":  # a List item without kind (or not an object at all)
        # upstream: apimachinery/pkg/apis/meta/v1/unstructured/helpers.go (UnstructuredJSONScheme)
        d.stage = "mapping"
        raw = json.dumps(obj, separators=(",", ":"), sort_keys=True, ensure_ascii=False)
        missing = "Kind" if not obj.get("kind") else "apiVersion"
        d.error = f"unable to decode \"{filename}\": Object '{missing}' is missing in '{raw}'"
    elif c.stage == "decode" and c.decode_errors:
        d.stage = "decode"
        d.server_message = _decode_message(obj, c)
        d.error = d.error_text("creating")
    return d


def _decode_message(obj: dict, c) -> str:
    kind = obj.get("kind")
    version = str(obj.get("apiVersion", "")).rpartition("/")[2]
    prefix = f'{kind} in version "{version}" cannot be handled as a {kind}: '
    kinds = c.decode_kinds
    pairs = list(zip(kinds, c.decode_errors, strict=False))
    # a type error fails decoding outright (the first one met); unknown fields are reported together
    # by the strict pass (upstream: apimachinery/pkg/runtime/serializer/json/json.go)
    for code, text in pairs:
        if code != "unknown-field":
            return prefix + text
    unknown = [text for code, text in pairs if code == "unknown-field"]
    return prefix + "strict decoding error: " + ", ".join(unknown)
