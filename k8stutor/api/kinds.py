"""The table of built-in kinds the simulated apiserver serves (discovery).

One row a kind, as the apiserver's discovery documents list them for v1.32
(``kubectl api-resources``).  ``resolve()`` maps what a user types (``po``,
``pods``, ``deployments.apps``, ``Deployment``) to a row, as kubectl's
RESTMapper does.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    kind: str
    group: str  # "" for the core group
    version: str
    plural: str
    short_names: tuple[str, ...] = ()
    namespaced: bool = True

    @property
    def api_version(self) -> str:
        return f"{self.group}/{self.version}" if self.group else self.version

    @property
    def singular(self) -> str:
        return self.kind.lower()

    @property
    def qualified(self) -> str:
        """What kubectl prints before the slash: ``pod``, ``deployment.apps``."""
        return f"{self.singular}.{self.group}" if self.group else self.singular

    @property
    def resource(self) -> str:
        """``pods``, ``deployments.apps``: the name in apiserver error texts."""
        return f"{self.plural}.{self.group}" if self.group else self.plural


# upstream: `kubectl api-resources` against a v1.32 apiserver (minikube v1.35).
KINDS: tuple[Kind, ...] = (
    Kind("Binding", "", "v1", "bindings"),
    Kind("ComponentStatus", "", "v1", "componentstatuses", ("cs",), False),
    Kind("ConfigMap", "", "v1", "configmaps", ("cm",)),
    Kind("Endpoints", "", "v1", "endpoints", ("ep",)),
    Kind("Event", "", "v1", "events", ("ev",)),
    Kind("LimitRange", "", "v1", "limitranges", ("limits",)),
    Kind("Namespace", "", "v1", "namespaces", ("ns",), False),
    Kind("Node", "", "v1", "nodes", ("no",), False),
    Kind("PersistentVolumeClaim", "", "v1", "persistentvolumeclaims", ("pvc",)),
    Kind("PersistentVolume", "", "v1", "persistentvolumes", ("pv",), False),
    Kind("Pod", "", "v1", "pods", ("po",)),
    Kind("PodTemplate", "", "v1", "podtemplates"),
    Kind("ReplicationController", "", "v1", "replicationcontrollers", ("rc",)),
    Kind("ResourceQuota", "", "v1", "resourcequotas", ("quota",)),
    Kind("Secret", "", "v1", "secrets"),
    Kind("ServiceAccount", "", "v1", "serviceaccounts", ("sa",)),
    Kind("Service", "", "v1", "services", ("svc",)),
    Kind("ControllerRevision", "apps", "v1", "controllerrevisions"),
    Kind("DaemonSet", "apps", "v1", "daemonsets", ("ds",)),
    Kind("Deployment", "apps", "v1", "deployments", ("deploy",)),
    Kind("ReplicaSet", "apps", "v1", "replicasets", ("rs",)),
    Kind("StatefulSet", "apps", "v1", "statefulsets", ("sts",)),
    Kind("HorizontalPodAutoscaler", "autoscaling", "v2", "horizontalpodautoscalers", ("hpa",)),
    Kind("CronJob", "batch", "v1", "cronjobs", ("cj",)),
    Kind("Job", "batch", "v1", "jobs"),
    Kind("EndpointSlice", "discovery.k8s.io", "v1", "endpointslices"),
    Kind("IngressClass", "networking.k8s.io", "v1", "ingressclasses", (), False),
    Kind("Ingress", "networking.k8s.io", "v1", "ingresses", ("ing",)),
    Kind("NetworkPolicy", "networking.k8s.io", "v1", "networkpolicies", ("netpol",)),
    Kind("PodDisruptionBudget", "policy", "v1", "poddisruptionbudgets", ("pdb",)),
    Kind("ClusterRoleBinding", "rbac.authorization.k8s.io", "v1", "clusterrolebindings", (), False),
    Kind("ClusterRole", "rbac.authorization.k8s.io", "v1", "clusterroles", (), False),
    Kind("RoleBinding", "rbac.authorization.k8s.io", "v1", "rolebindings"),
    Kind("Role", "rbac.authorization.k8s.io", "v1", "roles"),
    Kind("PriorityClass", "scheduling.k8s.io", "v1", "priorityclasses", ("pc",), False),
    Kind("StorageClass", "storage.k8s.io", "v1", "storageclasses", ("sc",), False),
)

_BY_KIND = {k.kind: k for k in KINDS}
_ALIASES: dict[str, Kind] = {}
for _k in KINDS:
    for _alias in (_k.plural, _k.singular, _k.kind, *_k.short_names, _k.resource, _k.qualified):
        _ALIASES.setdefault(_alias.lower(), _k)
    _ALIASES.setdefault(f"{_k.plural}.{_k.version}.{_k.group}".lower(), _k)


class UnknownKind(LookupError):
    """A resource type the apiserver does not serve; ``str()`` is kubectl's text."""

    def __init__(self, name: str) -> None:
        super().__init__(f'error: the server doesn\'t have a resource type "{name}"')
        self.name = name


def resolve(name: str) -> Kind:
    """The kind a user means by ``name`` (``po``, ``Pod``, ``deployments.apps``, ...)."""
    found = _ALIASES.get(name.lower())
    if found is None:
        raise UnknownKind(name)
    return found


def by_kind(kind: str) -> Kind | None:
    """Exact lookup by ``kind`` as written in a manifest (``Deployment``)."""
    return _BY_KIND.get(kind)


def for_object(obj: dict) -> Kind:
    found = _BY_KIND.get(obj.get("kind", ""))
    if found is None:
        raise UnknownKind(obj.get("kind", ""))
    return found
