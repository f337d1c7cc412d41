"""ObjectMeta: names, namespaces, labels and annotations.

upstream: staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go,
pkg/apis/core/validation/validation.go (ValidateObjectMeta, name validators per kind)
"""

from __future__ import annotations

from ..field import (
    FieldError,
    Key,
    is_dns1035_label,
    is_dns1123_label,
    is_dns1123_subdomain,
    is_label_value,
    is_qualified_name,
)
from . import Context, d, rule, s

# Kinds whose names must be DNS-1123 labels / DNS-1035 labels; every other kind: subdomain.
_LABEL_NAMES = {"Namespace", "StatefulSet"}
_DNS1035_NAMES = {"Service"}
_CLUSTER_SCOPED = {
    "Namespace",
    "Node",
    "PersistentVolume",
    "ClusterRole",
    "ClusterRoleBinding",
    "StorageClass",
    "IngressClass",
    "PriorityClass",
    "CustomResourceDefinition",
    "RuntimeClass",
    "CSIDriver",
    "CSINode",
    "VolumeAttachment",
    "ValidatingWebhookConfiguration",
    "MutatingWebhookConfiguration",
    "ValidatingAdmissionPolicy",
    "ValidatingAdmissionPolicyBinding",
    "APIService",
    "FlowSchema",
    "PriorityLevelConfiguration",
    "ComponentStatus",
    "CertificateSigningRequest",
}


_PATH_SEGMENT_NAMES = {"Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"}


def path_segment_errors(name: str) -> list[str]:
    """upstream: staging/src/k8s.io/apimachinery/pkg/api/validation/path/name.go (IsValidPathSegmentName)."""
    if name in (".", ".."):
        return [f"may not be '{name}'"]
    return [f"may not contain '{c}'" for c in ("/", "%") if c in name]


def name_errors(kind: str, name: str) -> list[str]:
    if kind in _PATH_SEGMENT_NAMES:
        return path_segment_errors(name)
    if kind in _DNS1035_NAMES:
        return is_dns1035_label(name)
    if kind in _LABEL_NAMES:
        return is_dns1123_label(name)
    return is_dns1123_subdomain(name)


@rule("*")
def object_meta(obj: dict, ctx: Context) -> list[FieldError]:
    if obj.get("kind") == "List":
        return []
    meta = d(obj.get("metadata"))
    return validate_meta(meta, ("metadata",), str(obj.get("kind", "")), top=True)


def validate_meta(meta: dict, path: tuple, kind: str, top: bool = False) -> list[FieldError]:
    errs: list[FieldError] = []
    if top:
        name, generate = s(meta.get("name")), s(meta.get("generateName"))
        if generate:
            errs += [
                FieldError(path + ("generateName",), "Invalid", generate, m)
                for m in name_errors(kind, _strip_dash(generate))
            ]
        if not name and not generate:
            errs.append(
                FieldError(
                    path + ("name",),
                    "Required",
                    detail="name or generateName is required",
                    hint="give the object a name under metadata",
                )
            )
        elif name:
            causes = name_errors(kind, name)
            if causes:  # the hint only matters for an invalid name (and costs a few scans of it)
                hint = _name_hint(name)
                errs += [FieldError(path + ("name",), "Invalid", name, m, hint) for m in causes]
        ns = s(meta.get("namespace"))
        if ns and kind not in _CLUSTER_SCOPED:
            errs += [FieldError(path + ("namespace",), "Invalid", ns, m) for m in is_dns1123_label(ns)]
    errs += validate_labels(meta.get("labels"), path + ("labels",))
    for key in d(meta.get("annotations")):
        errs += [
            FieldError(path + ("annotations",), "Invalid", key, m)
            for m in is_qualified_name(str(key).lower())
        ]
    return errs


def validate_labels(labels, path: tuple) -> list[FieldError]:
    """upstream: staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/validation/validation.go."""
    errs: list[FieldError] = []
    for key, value in d(labels).items():
        errs += [
            FieldError(path, "Invalid", key, m, f"check the label key {key!r}")
            for m in is_qualified_name(key)
        ]
        if isinstance(value, str):
            errs += [
                FieldError(path, "Invalid", value, m, f"check the value of label {key!r}")
                for m in is_label_value(value)
            ]
    return errs


def label_path_key(path: tuple, key: str) -> tuple:
    return path + (Key(key),)


def _strip_dash(generate: str) -> str:
    # upstream: apimachinery/pkg/api/validation/generic.go (maskTrailingDash)
    return generate[:-1] + "a" if len(generate) > 1 and generate.endswith("-") else generate


def _name_hint(name: str) -> str | None:
    if "$" in name or "{" in name or "<" in name:
        return "this looks like a template placeholder: replace it with a real name"
    if name != name.lower():
        return f"names must be lowercase: {name.lower()}"
    if "_" in name:
        return f"use '-' instead of '_': {name.replace('_', '-')}"
    return None
