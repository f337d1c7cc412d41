"""Pod strategy: defaulting, the default admission plugins, status reset, graceful delete.

upstream: pkg/apis/core/v1/defaults.go (SetDefaults_PodSpec, _Container, _Probe, _Volume ...),
plugin/pkg/admission/serviceaccount/admission.go (serviceAccountName, kube-api-access-* volume),
plugin/pkg/admission/defaulttolerationseconds/admission.go (300s not-ready/unreachable),
plugin/pkg/admission/priority/admission.go (priority 0), pkg/registry/core/pod/strategy.go
(PrepareForCreate: status = {phase: Pending, qosClass}; CheckGracefulDelete).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import errors
from . import Strategy, register

if TYPE_CHECKING:
    from ..store import Store

SA_MOUNT = "/var/run/secrets/kubernetes.io/serviceaccount"
# upstream: pkg/apis/scheduling/types.go (the two built-in PriorityClasses)
_PRIORITY = {"system-cluster-critical": 2000000000, "system-node-critical": 2000001000}


def image_pull_policy(image: str) -> str:
    """upstream: defaults.go SetDefaults_Container: Always for ``:latest`` or no tag."""
    if "@" in image:
        return "IfNotPresent"
    last = image.rsplit("/", 1)[-1]
    tag = last.split(":", 1)[1] if ":" in last else ""
    return "Always" if tag in ("", "latest") else "IfNotPresent"


def _default_probe(probe: dict | None) -> None:
    if not probe:
        return
    probe.setdefault("timeoutSeconds", 1)
    probe.setdefault("periodSeconds", 10)
    probe.setdefault("successThreshold", 1)
    probe.setdefault("failureThreshold", 3)
    if "httpGet" in probe:
        probe["httpGet"].setdefault("scheme", "HTTP")
        probe["httpGet"].setdefault("path", "/")


def _default_container(c: dict) -> None:
    c.setdefault("imagePullPolicy", image_pull_policy(c.get("image", "")))
    c.setdefault("terminationMessagePath", "/dev/termination-log")
    c.setdefault("terminationMessagePolicy", "File")
    c.setdefault("resources", {})
    for p in c.get("ports") or []:
        p.setdefault("protocol", "TCP")
    for e in c.get("env") or []:
        ref = (e.get("valueFrom") or {}).get("fieldRef")
        if ref is not None:
            ref.setdefault("apiVersion", "v1")
    for name in ("livenessProbe", "readinessProbe", "startupProbe"):
        _default_probe(c.get(name))


def _default_volume(v: dict) -> None:
    # upstream: defaults.go SetDefaults_{ConfigMap,Secret,Projected,DownwardAPI,HostPath}VolumeSource
    for src in ("configMap", "projected", "downwardAPI"):
        if src in v and v[src] is not None:
            v[src].setdefault("defaultMode", 420)
    if v.get("secret") is not None and "secret" in v:
        v["secret"].setdefault("defaultMode", 420)
    if v.get("hostPath") is not None and "hostPath" in v:
        v["hostPath"].setdefault("type", "")
    if "emptyDir" in v and v["emptyDir"] is None:
        v["emptyDir"] = {}


def _service_account(store: Store, pod: dict) -> None:
    """upstream: plugin/pkg/admission/serviceaccount/admission.go (Admit)."""
    spec, meta = pod["spec"], pod["metadata"]
    name = spec.get("serviceAccountName") or spec.get("serviceAccount") or "default"
    spec["serviceAccountName"] = name
    ns = meta.get("namespace", "default")
    if store.find("ServiceAccount", name, ns) is None:
        raise errors.Forbidden(
            # admission names the object by generateName while it has no name (admission/errors.go)
            f'pods "{meta.get("name") or meta.get("generateName", "")}" is forbidden: '
            f'error looking up service account {ns}/{name}: '
            f'serviceaccount "{name}" not found'
        )
    if spec.get("automountServiceAccountToken") is False:
        return
    mounts_sa = any(
        m.get("mountPath") == SA_MOUNT
        for c in spec.get("containers") or []
        for m in c.get("volumeMounts") or []
    )
    if mounts_sa:
        return
    vol_name = "kube-api-access-" + store.random_suffix()
    spec.setdefault("volumes", []).append(
        {
            "name": vol_name,
            "projected": {
                "defaultMode": 420,
                "sources": [
                    {"serviceAccountToken": {"expirationSeconds": 3607, "path": "token"}},
                    {
                        "configMap": {
                            "name": "kube-root-ca.crt",
                            "items": [{"key": "ca.crt", "path": "ca.crt"}],
                        }
                    },
                    {
                        "downwardAPI": {
                            "items": [
                                {
                                    "path": "namespace",
                                    "fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.namespace"},
                                }
                            ]
                        }
                    },
                ],
            },
        }
    )
    for c in (spec.get("initContainers") or []) + (spec.get("containers") or []):
        c.setdefault("volumeMounts", []).append({"name": vol_name, "mountPath": SA_MOUNT, "readOnly": True})


def qos_class(spec: dict) -> str:
    """upstream: pkg/apis/core/helper/qos/qos.go GetPodQOS (requests/limits of cpu and memory)."""
    requests, limits, guaranteed = False, False, True
    for c in (spec.get("initContainers") or []) + (spec.get("containers") or []):
        res = c.get("resources") or {}
        req, lim = res.get("requests") or {}, res.get("limits") or {}
        if any(k in req for k in ("cpu", "memory")):
            requests = True
        if any(k in lim for k in ("cpu", "memory")):
            limits = True
        for k in ("cpu", "memory"):
            if k not in lim or (k in req and str(req[k]) != str(lim[k])):
                guaranteed = False
    if not requests and not limits:
        return "BestEffort"
    return "Guaranteed" if guaranteed else "Burstable"


def set_defaults(pod: dict) -> None:
    spec = pod.setdefault("spec", {})
    spec.setdefault("restartPolicy", "Always")
    spec.setdefault("terminationGracePeriodSeconds", 30)
    spec.setdefault("dnsPolicy", "ClusterFirst")
    spec.setdefault("securityContext", {})
    spec.setdefault("schedulerName", "default-scheduler")
    spec.setdefault("enableServiceLinks", True)
    for c in (spec.get("initContainers") or []) + (spec.get("containers") or []):
        _default_container(c)
    for v in spec.get("volumes") or []:
        _default_volume(v)


def prepare_for_create(store: Store, pod: dict) -> None:
    set_defaults(pod)
    spec = pod["spec"]
    _service_account(store, pod)
    spec["serviceAccount"] = spec["serviceAccountName"]  # the deprecated alias, as defaults.go keeps it
    # upstream: admission/priority: no priorityClassName and no global default -> priority 0.
    spec.setdefault("priority", _PRIORITY.get(spec.get("priorityClassName", ""), 0))
    spec.setdefault("preemptionPolicy", "PreemptLowerPriority")
    tolerations = spec.setdefault("tolerations", [])
    for key in ("node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"):
        if not any(t.get("key") == key and t.get("effect") in (None, "", "NoExecute") for t in tolerations):
            tolerations.append(
                {"key": key, "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300}
            )
    pod["status"] = {"phase": "Pending", "qosClass": qos_class(spec)}


def prepare_for_update(store: Store, old: dict, new: dict) -> None:
    set_defaults(new)


def graceful_delete(store: Store, pod: dict) -> bool:
    """upstream: pod/strategy.go CheckGracefulDelete: unscheduled or finished pods go at once."""
    if not (pod.get("spec") or {}).get("nodeName"):
        return False
    return (pod.get("status") or {}).get("phase") not in ("Succeeded", "Failed")


register(Strategy("Pod", prepare_for_create, prepare_for_update, graceful_delete=graceful_delete))
