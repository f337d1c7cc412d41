"""Which apiVersion/kind pairs a v1.32 apiserver serves, and what replaced the removed ones.

Served: every kind of a GA version in the v1.32 schemas.  Alpha versions and beta versions
introduced after v1.24 are off by default (KEP-3136), so a default cluster (minikube) does
not serve them.  Removed versions come from the deprecated API migration guide.
upstream: https://kubernetes.io/docs/reference/using-api/deprecation-guide/
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import schema

_PRE_GA = re.compile(r"v\d+(alpha|beta)\d+\Z")


@dataclass(frozen=True)
class Removed:
    removed_in: str
    replacement: str  # apiVersion to use instead ("" when the kind is gone)
    note: str = ""


_INGRESS_V1 = (
    "in networking.k8s.io/v1 a backend is service: {name, port: {number}} and every path needs a pathType"
)

# (apiVersion, kind) -> Removed; kind "*" covers every kind of that apiVersion.
REMOVED: dict[tuple[str, str], Removed] = {
    ("extensions/v1beta1", "Deployment"): Removed("1.16", "apps/v1"),
    ("extensions/v1beta1", "DaemonSet"): Removed("1.16", "apps/v1"),
    ("extensions/v1beta1", "ReplicaSet"): Removed("1.16", "apps/v1"),
    ("extensions/v1beta1", "NetworkPolicy"): Removed("1.16", "networking.k8s.io/v1"),
    ("extensions/v1beta1", "PodSecurityPolicy"): Removed(
        "1.25", "", "PodSecurityPolicy was removed in 1.25; use Pod Security Admission (namespace labels)"
    ),
    ("extensions/v1beta1", "Ingress"): Removed(
        "1.22",
        "networking.k8s.io/v1",
        _INGRESS_V1,
    ),
    ("apps/v1beta1", "*"): Removed("1.16", "apps/v1"),
    ("apps/v1beta2", "*"): Removed("1.16", "apps/v1"),
    ("networking.k8s.io/v1beta1", "Ingress"): Removed(
        "1.22",
        "networking.k8s.io/v1",
        _INGRESS_V1,
    ),
    ("networking.k8s.io/v1beta1", "IngressClass"): Removed("1.22", "networking.k8s.io/v1"),
    ("batch/v1beta1", "CronJob"): Removed("1.25", "batch/v1"),
    ("batch/v2alpha1", "CronJob"): Removed("1.21", "batch/v1"),
    ("policy/v1beta1", "PodDisruptionBudget"): Removed("1.25", "policy/v1"),
    ("policy/v1beta1", "PodSecurityPolicy"): Removed(
        "1.25", "", "PodSecurityPolicy was removed in 1.25; use Pod Security Admission (namespace labels)"
    ),
    ("autoscaling/v2beta1", "HorizontalPodAutoscaler"): Removed("1.25", "autoscaling/v2"),
    ("autoscaling/v2beta2", "HorizontalPodAutoscaler"): Removed("1.26", "autoscaling/v2"),
    ("discovery.k8s.io/v1beta1", "EndpointSlice"): Removed("1.25", "discovery.k8s.io/v1"),
    ("events.k8s.io/v1beta1", "Event"): Removed("1.25", "events.k8s.io/v1"),
    ("node.k8s.io/v1beta1", "RuntimeClass"): Removed("1.25", "node.k8s.io/v1"),
    ("rbac.authorization.k8s.io/v1beta1", "*"): Removed("1.22", "rbac.authorization.k8s.io/v1"),
    ("rbac.authorization.k8s.io/v1alpha1", "*"): Removed("1.22", "rbac.authorization.k8s.io/v1"),
    ("apiextensions.k8s.io/v1beta1", "CustomResourceDefinition"): Removed("1.22", "apiextensions.k8s.io/v1"),
    ("admissionregistration.k8s.io/v1beta1", "MutatingWebhookConfiguration"): Removed(
        "1.22", "admissionregistration.k8s.io/v1"
    ),
    ("admissionregistration.k8s.io/v1beta1", "ValidatingWebhookConfiguration"): Removed(
        "1.22", "admissionregistration.k8s.io/v1"
    ),
    ("apiregistration.k8s.io/v1beta1", "APIService"): Removed("1.22", "apiregistration.k8s.io/v1"),
    ("authentication.k8s.io/v1beta1", "TokenReview"): Removed("1.22", "authentication.k8s.io/v1"),
    ("authorization.k8s.io/v1beta1", "*"): Removed("1.22", "authorization.k8s.io/v1"),
    ("certificates.k8s.io/v1beta1", "CertificateSigningRequest"): Removed("1.22", "certificates.k8s.io/v1"),
    ("coordination.k8s.io/v1beta1", "Lease"): Removed("1.22", "coordination.k8s.io/v1"),
    ("scheduling.k8s.io/v1beta1", "PriorityClass"): Removed("1.22", "scheduling.k8s.io/v1"),
    ("scheduling.k8s.io/v1alpha1", "PriorityClass"): Removed("1.17", "scheduling.k8s.io/v1"),
    ("storage.k8s.io/v1beta1", "CSIStorageCapacity"): Removed("1.27", "storage.k8s.io/v1"),
    ("storage.k8s.io/v1beta1", "CSIDriver"): Removed("1.22", "storage.k8s.io/v1"),
    ("storage.k8s.io/v1beta1", "CSINode"): Removed("1.22", "storage.k8s.io/v1"),
    ("storage.k8s.io/v1beta1", "StorageClass"): Removed("1.22", "storage.k8s.io/v1"),
    ("storage.k8s.io/v1beta1", "VolumeAttachment"): Removed("1.22", "storage.k8s.io/v1"),
    ("flowcontrol.apiserver.k8s.io/v1beta1", "*"): Removed("1.26", "flowcontrol.apiserver.k8s.io/v1"),
    ("flowcontrol.apiserver.k8s.io/v1beta2", "*"): Removed("1.29", "flowcontrol.apiserver.k8s.io/v1"),
    ("flowcontrol.apiserver.k8s.io/v1beta3", "*"): Removed("1.32", "flowcontrol.apiserver.k8s.io/v1"),
}

# Groups built into the apiserver (anything else is a custom resource or a config file type).
BUILTIN_GROUPS = frozenset(
    {
        "",
        "admissionregistration.k8s.io",
        "apiextensions.k8s.io",
        "apiregistration.k8s.io",
        "apps",
        "authentication.k8s.io",
        "authorization.k8s.io",
        "autoscaling",
        "batch",
        "certificates.k8s.io",
        "coordination.k8s.io",
        "discovery.k8s.io",
        "events.k8s.io",
        "extensions",
        "flowcontrol.apiserver.k8s.io",
        "internal.apiserver.k8s.io",
        "networking.k8s.io",
        "node.k8s.io",
        "policy",
        "rbac.authorization.k8s.io",
        "resource.k8s.io",
        "scheduling.k8s.io",
        "storage.k8s.io",
        "storagemigration.k8s.io",
    }
)


def group_of(api_version: str) -> str:
    return api_version.rpartition("/")[0]


def removed(api_version: str, kind: str) -> Removed | None:
    return REMOVED.get((api_version, kind)) or REMOVED.get((api_version, "*"))


def served(api_version: str, kind: str) -> bool:
    """True when a default v1.32 apiserver serves ``kind`` in ``api_version``."""
    version = api_version.rpartition("/")[2]
    return not _PRE_GA.match(version) and schema.definition_for(api_version, kind) is not None


def served_versions(kind: str) -> list[str]:
    """The apiVersions a default v1.32 apiserver serves ``kind`` in (for hints)."""
    out = []
    for key in schema.kinds_in_schema():
        api_version, _, k = key.rpartition("/")
        if k == kind and served(api_version, kind):
            out.append(api_version)
    return sorted(out)


def is_builtin_group(api_version: str) -> bool:
    return group_of(api_version) in BUILTIN_GROUPS
