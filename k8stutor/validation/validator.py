"""``validate(text)``: YAML hygiene, apiVersion/kind, the official schema, the apiserver's rules,
and cross-document checks, each finding placed on its line.

The order follows what a request meets on its way in: kubectl's reader (YAML, apiVersion and
kind set), discovery (is that kind served in that version?), the decoder (strict schema), then
the apiserver's validation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .. import manifests
from . import apiversions, rules, schema
from .field import path_text
from .report import Finding, Report


@dataclass
class Checked:
    """One object (a document, or an item of a ``kind: List``) and what was found about it."""

    document: manifests.Document
    obj: dict
    prefix: tuple  # () for a document, ("items", i) for a List item
    findings: list[Finding]
    stage: str | None = None  # the first stage that rejects it: reader, mapping, decode, validation
    decode_errors: list[str] | None = None  # the decoder's texts (strict decoding, type errors)
    causes: list[str] | None = None  # the apiserver's Invalid causes
    decode_kinds: list[str] = field(default_factory=list)  # the code of each decode error
    schema_paths: set = field(default_factory=set)  # paths the decoder refuses (wrong type, bad value)
    unknown_paths: set = field(default_factory=set)  # paths of unknown fields
    required_paths: dict = field(default_factory=dict)  # path -> missing required field issue


MAX_FINDINGS = 1000  # per file


def validate(text: str | bytes, filename: str | None = None, cluster: Any = None) -> Report:
    """Validate a manifest file's content; never raises on bad input."""
    name = filename or "<stdin>"
    parsed = manifests.parse(text, name)
    checked, findings = check_parsed(parsed, name)
    from .crossdoc import cross_document

    findings += cross_document(checked, name, cluster)
    if len(findings) > MAX_FINDINGS:
        caps = [f for f in findings if f.code.startswith("cap-")]  # always say which cap was hit
        shown = sorted(
            (f for f in findings if not f.code.startswith("cap-")), key=lambda f: (f.line, f.column)
        )
        shown = shown[:MAX_FINDINGS]
        last = shown[-1]
        note = f"more than {MAX_FINDINGS} findings (findings cap hit): the rest are not shown"
        findings = (
            shown
            + caps
            + [Finding(name, last.line, last.column, None, "error", "", note, code="cap-findings")]
        )
    return Report(findings, {name: parsed.text}, {name: len(parsed.documents)})


def check_parsed(parsed: manifests.ParsedFile, name: str) -> tuple[list[Checked], list[Finding]]:
    findings = [_problem_finding(p, name, parsed) for p in parsed.problems]
    checked: list[Checked] = []
    for doc in parsed.documents:
        if doc.syntax_error:
            continue
        checked.extend(check_object(doc, doc.obj, (), name))
    for c in checked:
        findings.extend(c.findings)
    if not parsed.documents and not parsed.problems:
        findings.append(
            Finding(
                name,
                1,
                1,
                None,
                "warning",
                "",
                "the file holds no Kubernetes object (it is empty or only comments)",
                None,
                code="empty",
            )
        )
    return checked, findings


def _problem_finding(p: manifests.Problem, name: str, parsed: manifests.ParsedFile) -> Finding:
    kind = oname = None
    if p.document is not None and p.document < len(parsed.documents):
        obj = parsed.documents[p.document].obj
        if isinstance(obj, dict):
            kind, oname = _kind_name(obj)
    return Finding(
        name,
        p.line,
        p.column,
        p.document,
        p.severity,
        path_text(p.path),
        p.message,
        p.hint,
        kind,
        oname,
        p.code,
    )


def _kind_name(obj: dict) -> tuple[str | None, str | None]:
    kind = obj.get("kind") if isinstance(obj.get("kind"), str) else None
    meta = obj.get("metadata")
    name = meta.get("name") if isinstance(meta, dict) and isinstance(meta.get("name"), str) else None
    return kind, name


def check_object(doc: manifests.Document, obj: Any, prefix: tuple, name: str) -> list[Checked]:
    out: list[Finding] = []
    c = Checked(doc, obj if isinstance(obj, dict) else {}, prefix, out)

    def add(
        path: tuple,
        message: str,
        severity: str = "error",
        hint: str | None = None,
        code: str = "",
        key: bool = True,
    ) -> None:
        line, col = doc.position(prefix + tuple(path), key=key)
        kind, oname = _kind_name(c.obj)
        out.append(
            Finding(
                name,
                line,
                col,
                doc.index,
                severity,
                path_text(prefix + tuple(path)),
                message,
                hint,
                kind,
                oname,
                code,
            )
        )

    if obj is None and not prefix:
        add((), "the document is empty (null): kubectl skips it", "warning", code="empty-document")
        c.stage = "reader"
        return [c]
    if not isinstance(obj, dict):
        what = "a list" if isinstance(obj, list) else "a plain value"
        add(
            (),
            f"the document is {what}, not a Kubernetes object (a mapping with apiVersion, kind, metadata)",
            hint="a manifest starts with apiVersion:, kind: and metadata: at the left margin"
            if not prefix
            else None,
            code="not-mapping",
        )
        c.stage = "reader"
        return [c]
    api_version, kind = obj.get("apiVersion"), obj.get("kind")
    missing = [f for f in ("apiVersion", "kind") if not isinstance(obj.get(f), str) or not obj.get(f)]
    for f in missing:
        hint = {
            "apiVersion": "add apiVersion: (for example v1 for a Pod or Service, apps/v1 for a Deployment)",
            "kind": "add kind: (Pod, Service, Deployment, ...)",
        }[f]
        add((), f"{f} is not set", hint=hint, code="missing-" + f.lower())
    if missing:
        c.stage = "reader"
        return [c]
    if kind == "List" or (kind.endswith("List") and "items" in obj and api_version == "v1"):
        return _check_list(doc, obj, prefix, name, c, add)
    if not _check_version(api_version, kind, c, add):
        return [c]
    _check_schema(obj, api_version, kind, c, add)
    _check_rules(obj, c, add)
    return [c]


def _check_list(doc, obj: dict, prefix: tuple, name: str, c: Checked, add) -> list[Checked]:
    items = obj.get("items")
    if not isinstance(items, list):
        add(("items",), "a List needs items: a list of objects", code="type")
        c.stage = "decode"
        return [c]
    out = [c]
    for i, item in enumerate(items):
        out.extend(check_object(doc, item, prefix + ("items", i), name))
    return out


def _check_version(api_version: str, kind: str, c: Checked, add) -> bool:
    gone = apiversions.removed(api_version, kind)
    if gone is not None:
        instead = f"; use {gone.replacement}" if gone.replacement else ""
        note = f" ({gone.note})" if gone.note else ""
        add(
            ("apiVersion",),
            f"{kind} in {api_version} was removed in Kubernetes v{gone.removed_in}{instead}",
            hint=(f"apiVersion: {gone.replacement}" if gone.replacement else None)
            if not note
            else (f"apiVersion: {gone.replacement}{note}" if gone.replacement else gone.note),
            code="removed-api",
            key=False,
        )
        c.stage = "mapping"
        return False
    if apiversions.served(api_version, kind):
        return True
    if not apiversions.is_builtin_group(api_version):
        add(
            ("kind",),
            f"{kind} ({api_version}) is not a built-in kind: a custom resource (or a config file "
            "type) that cannot be checked without its definition",
            "warning",
            hint="apply its CustomResourceDefinition first",
            code="custom-resource",
            key=False,
        )
        c.stage = "custom"
        return False
    versions = apiversions.served_versions(kind)
    if schema.definition_for(api_version, kind) is not None:
        msg = (
            f"{api_version} is not served by a default Kubernetes v1.32 apiserver (alpha and newer beta "
            "APIs are off unless enabled)"
        )
    else:
        msg = f'no kind "{kind}" is served in version "{api_version}"'
    hint = f"apiVersion: {versions[0]}" if versions else _kind_hint(kind)
    add(("apiVersion",) if versions else ("kind",), msg, hint=hint, code="unknown-api", key=False)
    c.stage = "mapping"
    return False


def _kind_hint(kind: str) -> str | None:
    known = {k.rpartition("/")[2] for k in schema.kinds_in_schema()}
    lower = {k.lower(): k for k in known}
    if kind.lower() in lower:
        return f"did you mean kind: {lower[kind.lower()]}? (kinds are case-sensitive)"
    import difflib

    close = difflib.get_close_matches(kind, sorted(known), n=1, cutoff=0.75)
    return f"did you mean kind: {close[0]}?" if close else None


def _check_schema(obj: dict, api_version: str, kind: str, c: Checked, add) -> None:
    definition = schema.definition_for(api_version, kind)
    if definition is None:
        return
    issues = schema.check(obj, definition)
    c.schema_paths = {i.path for i in issues if i.code not in ("required", "unknown-field")}
    c.unknown_paths = {i.path for i in issues if i.code == "unknown-field"}
    c.required_paths = {i.path: i for i in issues if i.code == "required"}
    decode = []
    for issue in issues:
        if issue.code == "required":
            continue  # reported below, in the apiserver's words when a rule covers it
        # Bad base64 is only a warning: example files use placeholders such as "REPLACE_WITH_BASE64_CERT"
        # (kubectl_errors still reports the apiserver's refusal).
        severity = "warning" if issue.code == "base64" else "error"
        add(
            issue.path,
            issue.message,
            severity,
            hint=issue.hint,
            code=issue.code,
            key=issue.code == "unknown-field",
        )
        if issue.decode_error:
            decode.append(issue)
    if decode:
        c.stage = "decode"
        c.decode_errors = [i.decode_error for i in decode]
        c.decode_kinds = [i.code for i in decode]


def _check_rules(obj: dict, c: Checked, add) -> None:
    errs = rules.check(obj)
    bad_types = c.schema_paths
    required = dict(c.required_paths)
    # a value the decoder already refused is not judged again by the rules (set lookups: files may
    # hold thousands of findings)
    errs = [e for e in errs if not any(tuple(e.path[:n]) in bad_types for n in range(len(e.path) + 1))]
    # nor is an object whose problem is a misspelt field inside it (spec.selector with matchExpression)
    around_unknown = {u[:n] for u in c.unknown_paths for n in range(2, len(u))}
    errs = [e for e in errs if tuple(e.path) not in around_unknown]
    for e in errs:
        required.pop(tuple(e.path), None)
        add(
            e.path,
            e.body(),
            hint=e.hint,
            code="rule",
            key=e.type not in ("Invalid", "NotSupported", "NotFound"),
        )
    for issue in required.values():
        add(issue.path, issue.message, hint=issue.hint, code="required")
    if errs and c.stage is None:
        c.stage = "validation"
    c.causes = [str(e) for e in errs]
