"""The kubelet's environment for a container: env, envFrom, valueFrom, $(VAR) and service links.

Computed once when the container starts: a ConfigMap or Secret changed later reaches the
variables only when the container is started again (unlike a mounted volume).  A missing
ConfigMap/Secret/key that is not ``optional`` raises :class:`ConfigError` with the kubelet's
text; the kubelet then keeps the container waiting in ``CreateContainerConfigError``.
upstream: pkg/kubelet/kubelet_pods.go (makeEnvironmentVariables, podFieldSelectorRuntimeValue,
getServiceEnvVarMap), pkg/kubelet/envvars/envvars.go (FromServices),
third_party/forked/golang/expansion/expand.go (Expand, MappingFuncFor).
"""

from __future__ import annotations

import base64
import math
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..cluster import Cluster

NODE_IP = "192.168.49.2"


class ConfigError(Exception):
    """The kubelet could not build the container's config (event ``Failed``: ``Error: <message>``)."""


# -- expansion.Expand ----------------------------------------------------------------------

def expand(text: str, mapping: Callable[[str], str]) -> str:
    """``$(VAR)`` -> mapping(VAR); ``$$`` -> ``$``; anything else after ``$`` stays as written."""
    out: list[str] = []
    checkpoint = 0
    cursor = 0
    while cursor < len(text):
        if text[cursor] == "$" and cursor + 1 < len(text):
            out.append(text[checkpoint:cursor])
            rest = text[cursor + 1:]
            if rest[0] == "$":
                read, is_var, advance = "$", False, 1
            elif rest[0] == "(":
                close = rest.find(")", 1)
                if close >= 1:
                    read, is_var, advance = rest[1:close], True, close + 1
                else:
                    read, is_var, advance = "$(", False, 1
            else:
                read, is_var, advance = "$" + rest[0], False, 1
            out.append(mapping(read) if is_var else read)
            cursor += advance
            checkpoint = cursor + 1
        cursor += 1
    return "".join(out) + text[checkpoint:]


def mapping_for(*contexts: dict[str, str]) -> Callable[[str], str]:
    def mapping(name: str) -> str:
        for ctx in contexts:
            if name in ctx:
                return ctx[name]
        return f"$({name})"

    return mapping


# -- envvars.FromServices -------------------------------------------------------------------

def _env_name(name: str) -> str:
    return name.replace("-", "_").upper()


def service_env(cluster: Cluster, pod: dict) -> dict[str, str]:
    """Docker-link style variables for the Services visible to the pod when its container starts."""
    ns = pod["metadata"].get("namespace", "default")
    services = {}
    if pod["spec"].get("enableServiceLinks", True) is not False:
        services = {s["metadata"]["name"]: s for s in cluster.store.list("Service", ns)}
    master = cluster.store.find("Service", "kubernetes", "default")
    if master is not None:
        services["kubernetes"] = master  # the master service is always there (getServiceEnvVarMap)
    # the variables depend only on these Services (stored objects, replaced on change): one
    # computation serves every pod started while they stay the same
    memo = cluster.part("service-env", lambda _c: {})
    key = tuple(services.items())
    if memo.get("key") != key:
        memo["key"], memo["env"] = key, _service_vars(services)
    return dict(memo["env"])


def _service_vars(services: dict[str, dict]) -> dict[str, str]:
    out: dict[str, str] = {}
    for name in sorted(services):
        spec = services[name].get("spec") or {}
        ip, ports = spec.get("clusterIP"), spec.get("ports") or []
        if not ip or ip == "None" or not ports:
            continue
        prefix = _env_name(name)
        out[f"{prefix}_SERVICE_HOST"] = ip
        out[f"{prefix}_SERVICE_PORT"] = str(ports[0]["port"])
        for p in ports:
            if p.get("name"):
                out[f"{prefix}_SERVICE_PORT_{_env_name(p['name'])}"] = str(p["port"])
        for i, p in enumerate(ports):
            proto = (p.get("protocol") or "TCP")
            url = f"{proto.lower()}://{ip}:{p['port']}"
            if i == 0:
                out[f"{prefix}_PORT"] = url
            pp = f"{prefix}_PORT_{p['port']}_{proto.upper()}"
            out[pp] = url
            out[f"{pp}_PROTO"] = proto.lower()
            out[f"{pp}_PORT"] = str(p["port"])
            out[f"{pp}_ADDR"] = ip
    return out


# -- sources -------------------------------------------------------------------------------

def _get(cluster: Cluster, kind: str, name: str, ns: str, cache: dict) -> dict:
    """The kubelet's configmap/secret manager: NotFound reads ``configmap "x" not found``."""
    key = (kind, name)
    if key not in cache:
        obj = cluster.store.find(kind, name, ns)
        if obj is None:
            raise ConfigError(f'{kind.lower()} "{name}" not found')
        cache[key] = obj
    return cache[key]


def _secret_values(secret: dict) -> dict[str, str]:
    return {k: base64.b64decode(v).decode("utf-8", "replace") for k, v in (secret.get("data") or {}).items()}


_LABEL_REF = re.compile(r"metadata\.(labels|annotations)\['(.*)'\]")


def field_value(cluster: Cluster, pod: dict, path: str) -> str:
    """podFieldSelectorRuntimeValue (fieldRef.fieldPath)."""
    live = cluster.store.find("Pod", pod["metadata"]["name"], pod["metadata"].get("namespace", "default"))
    pod = live or pod
    meta, spec, status = pod["metadata"], pod.get("spec") or {}, pod.get("status") or {}
    m = _LABEL_REF.fullmatch(path)
    if m:
        return str((meta.get(m.group(1)) or {}).get(m.group(2), ""))
    if path in ("metadata.labels", "metadata.annotations"):
        values = meta.get(path.split(".")[1]) or {}
        return "\n".join(f'{k}="{values[k]}"' for k in sorted(values))
    pod_ip = status.get("podIP") or _runtime_ip(cluster, meta.get("uid", ""))
    simple = {
        "metadata.name": meta.get("name", ""),
        "metadata.namespace": meta.get("namespace", "default"),
        "metadata.uid": meta.get("uid", ""),
        "spec.nodeName": spec.get("nodeName", ""),
        "spec.serviceAccountName": spec.get("serviceAccountName", ""),
        "status.hostIP": status.get("hostIP") or NODE_IP,
        "status.hostIPs": status.get("hostIP") or NODE_IP,
        "status.podIP": pod_ip,
        "status.podIPs": pod_ip,
    }
    if path not in simple:
        raise ConfigError(f"unsupported fieldPath: {path}")
    return str(simple[path])


def _runtime_ip(cluster: Cluster, uid: str) -> str:
    try:
        from .runtime import runtime
    except ImportError:
        return ""
    rt = runtime(cluster).pods.get(uid)
    return rt.ip if rt else ""


# -- makeEnvironmentVariables ----------------------------------------------------------------

_ENV_NAME = re.compile(r"[-._a-zA-Z][-._a-zA-Z0-9]*")  # validation.IsEnvVarName


def _valid_env_name(name: str) -> bool:
    return bool(_ENV_NAME.fullmatch(name)) and name not in (".", "..") and not name.startswith("..")


def _invalid_keys_event(cluster: Cluster, pod: dict, kind: str, ns: str, name: str, keys: list[str]) -> None:
    """The kubelet skips envFrom keys that are not valid variable names and says so in an event."""
    from ..api.events import record

    live = cluster.store.find("Pod", pod["metadata"]["name"], ns)
    if live is None:
        return
    what = "configMap" if kind == "ConfigMap" else "secret"
    message = (f"Keys [{', '.join(sorted(keys))}] from the EnvFrom {what} {ns}/{name} were skipped "
               "since they are considered invalid environment variable names.")
    record(cluster.store, live, "Warning", "InvalidEnvironmentVariableNames", message, "kubelet",
           host="minikube")

def container_env(cluster: Cluster, pod: dict, container: dict) -> dict[str, str]:
    """The variables the kubelet passes to ``container`` (declared ones first, then service links)."""
    ns = pod["metadata"].get("namespace", "default")
    services = service_env(cluster, pod)
    cache: dict = {}
    env: dict[str, str] = {}
    for source in container.get("envFrom") or []:
        if not (source.get("configMapRef") or source.get("secretRef")):
            continue
        ref_kind = "ConfigMap" if source.get("configMapRef") else "Secret"
        ref = source["configMapRef" if ref_kind == "ConfigMap" else "secretRef"]
        try:
            obj = _get(cluster, ref_kind, ref.get("name", ""), ns, cache)
        except ConfigError:
            if ref.get("optional"):
                continue
            raise
        values = (obj.get("data") or {}) if ref_kind == "ConfigMap" else _secret_values(obj)
        invalid = []
        for key, value in values.items():
            name = source.get("prefix", "") + key
            if not _valid_env_name(name):
                invalid.append(name)
                continue
            env[name] = value
        if invalid:
            _invalid_keys_event(cluster, pod, ref_kind, ns, ref.get("name", ""), invalid)
    for var in container.get("env") or []:
        name, value = var.get("name", ""), var.get("value", "")
        if value:
            value = expand(value, mapping_for(env, services))
        elif var.get("valueFrom"):
            got = _value_from(cluster, pod, ns, var["valueFrom"], cache)
            if got is None:
                continue  # optional and missing
            value = got
        env[name] = value
    for key, value in services.items():
        env.setdefault(key, value)
    return env


def _value_from(cluster: Cluster, pod: dict, ns: str, source: dict, cache: dict) -> str | None:
    if source.get("fieldRef"):
        return field_value(cluster, pod, source["fieldRef"].get("fieldPath", ""))
    if source.get("resourceFieldRef"):
        return _resource_value(cluster, pod, source["resourceFieldRef"])
    for field, kind in (("configMapKeyRef", "ConfigMap"), ("secretKeyRef", "Secret")):
        ref = source.get(field)
        if not ref:
            continue
        name, key, optional = ref.get("name", ""), ref.get("key", ""), bool(ref.get("optional"))
        try:
            obj = _get(cluster, kind, name, ns, cache)
        except ConfigError:
            if optional:
                return None
            raise
        values = (obj.get("data") or {}) if kind == "ConfigMap" else _secret_values(obj)
        if key not in values:
            if optional:
                return None
            raise ConfigError(f"couldn't find key {key} in {kind} {ns}/{name}")
        return values[key]
    return ""


def _resource_value(cluster: Cluster, pod: dict, ref: dict) -> str:
    """resourceFieldRef: the container's limit or request in ``divisor`` units, rounded up.

    An unset limit is the node's allocatable (kubelet_resources.go defaultPodLimitsForDownwardAPI);
    an unset request is 0.  upstream: pkg/api/v1/resource/helpers.go ExtractContainerResourceValue.
    """
    from ..controllers.persistentvolume_util import parse_quantity

    containers = {c["name"]: c for c in pod["spec"].get("containers") or []}
    c = containers.get(ref.get("containerName", "")) or next(iter(containers.values()), {})
    kind, _, what = ref.get("resource", "").partition(".")
    value = ((c.get("resources") or {}).get(kind) or {}).get(what)
    if value is None and kind == "limits":
        node = cluster.store.find("Node", (pod.get("spec") or {}).get("nodeName") or "minikube", "")
        value = (((node or {}).get("status") or {}).get("allocatable") or {}).get(what)
    amount = parse_quantity(value if value is not None else "0")
    divisor = parse_quantity(ref.get("divisor") or "1") or 1.0
    if what == "cpu":  # MilliValue ratios
        return str(math.ceil(round(amount * 1000) / round(divisor * 1000)))
    return str(math.ceil(amount / divisor))
