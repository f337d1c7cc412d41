"""Core group rules: pod specs (also inside templates), Services, ConfigMaps and Secrets.

upstream: pkg/apis/core/validation/validation.go (validateContainers, validateContainerPorts,
validateVolumes, ValidateService, ValidateConfigMap, ValidateSecret),
pkg/registry/core/service/portallocator (the NodePort range text)
"""

from __future__ import annotations

import base64
import binascii

from .. import quantity
from ..field import (
    FieldError,
    GoValue,
    Key,
    go_quote,
    is_config_map_key,
    is_dns1123_label,
    is_valid_port_name,
    is_valid_port_num,
)
from . import Context, d, lst, num, rule, s
from .meta import validate_labels

PROTOCOLS = ["SCTP", "TCP", "UDP"]
MAX_DATA_BYTES = 1024 * 1024  # core.MaxSecretSize, used for ConfigMaps too
NODE_PORT_RANGE = (30000, 32767)  # minikube keeps the apiserver's default --service-node-port-range


def not_supported(path: tuple, value, supported: list[str], hint: str | None = None) -> FieldError:
    detail = "supported values: " + ", ".join(go_quote(v) for v in supported)
    if hint is None and isinstance(value, str):
        close = [v for v in supported if v.lower() == value.lower()]
        hint = (
            f"did you mean {close[0]}? (values are case-sensitive)"
            if close
            else "use one of " + ", ".join(supported)
        )
    return FieldError(path, "NotSupported", value, detail, hint)


def pod_spec(
    spec: dict,
    path: tuple,
    ctx: Context,
    extra_volumes: set[str] = frozenset(),
    restart_policies: list[str] | None = None,
) -> list[FieldError]:
    errs: list[FieldError] = []
    volumes, verrs = _volumes(lst(spec.get("volumes")), path + ("volumes",))
    errs += verrs
    volumes |= set(extra_volumes)
    containers = spec.get("containers")
    if not lst(containers):
        errs.append(
            FieldError(
                path + ("containers",),
                "Required",
                hint="a pod needs at least one container under containers:",
            )
        )
    names: set[str] = set()
    for field in ("initContainers", "containers"):
        for i, c in enumerate(lst(spec.get(field))):
            errs += _container(d(c), path + (field, i), volumes, names, ctx)
    policy = s(spec.get("restartPolicy"))
    allowed = restart_policies or ["Always", "OnFailure", "Never"]
    if policy is not None and policy not in allowed:
        errs.append(not_supported(path + ("restartPolicy",), policy, allowed))
    dns = s(spec.get("dnsPolicy"))
    if dns is not None and dns not in ("ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"):
        errs.append(
            not_supported(
                path + ("dnsPolicy",), dns, ["ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"]
            )
        )
    return errs


def _volumes(volumes: list, path: tuple) -> tuple[set[str], list[FieldError]]:
    names: set[str] = set()
    errs: list[FieldError] = []
    for i, v in enumerate(volumes):
        v = d(v)
        name = s(v.get("name"))
        if not name:
            errs.append(FieldError(path + (i, "name"), "Required"))
        elif name in names:
            errs.append(FieldError(path + (i, "name"), "Duplicate", name))
        else:
            errs += [FieldError(path + (i, "name"), "Invalid", name, m) for m in is_dns1123_label(name)]
            names.add(name)
        if len([k for k in v if k != "name"]) == 0:
            errs.append(
                FieldError(
                    path + (i,),
                    "Required",
                    detail="must specify a volume type",
                    hint="add a source such as emptyDir: {}, configMap: or persistentVolumeClaim:",
                )
            )
    return names, errs


def _container(c: dict, path: tuple, volumes: set[str], names: set[str], ctx: Context) -> list[FieldError]:
    errs: list[FieldError] = []
    name = s(c.get("name"))
    if not name:
        errs.append(FieldError(path + ("name",), "Required"))
    elif name in names:
        errs.append(FieldError(path + ("name",), "Duplicate", name))
    else:
        names.add(name)
        errs += [FieldError(path + ("name",), "Invalid", name, m) for m in is_dns1123_label(name)]
    image = c.get("image")
    if not image:
        errs.append(
            FieldError(path + ("image",), "Required", hint="name the container image, e.g. image: nginx")
        )
    elif isinstance(image, str) and image != image.strip():
        errs.append(
            FieldError(path + ("image",), "Invalid", image, "must not have leading or trailing whitespace")
        )
    errs += _ports(lst(c.get("ports")), path + ("ports",), ctx)
    errs += _resources(d(c.get("resources")), path + ("resources",))
    pull = s(c.get("imagePullPolicy"))
    if pull is not None and pull not in ("Always", "IfNotPresent", "Never"):
        errs.append(not_supported(path + ("imagePullPolicy",), pull, ["Always", "IfNotPresent", "Never"]))
    for j, m in enumerate(lst(c.get("volumeMounts"))):
        m = d(m)
        mname = s(m.get("name"))
        if not mname:
            errs.append(FieldError(path + ("volumeMounts", j, "name"), "Required"))
        elif mname not in volumes:
            errs.append(
                FieldError(
                    path + ("volumeMounts", j, "name"),
                    "NotFound",
                    mname,
                    hint=f'no volume named "{mname}" in the pod\'s volumes: list',
                )
            )
        if not m.get("mountPath"):
            errs.append(FieldError(path + ("volumeMounts", j, "mountPath"), "Required"))
    return errs


# Extended resources such as nvidia.com/gpu cannot be overcommitted: request must equal limit.
_OVERCOMMIT = ("cpu", "memory", "ephemeral-storage")


def _resources(res: dict, path: tuple) -> list[FieldError]:
    """upstream: pkg/apis/core/validation/validation.go (ValidateResourceRequirements)."""
    errs: list[FieldError] = []
    limits = d(res.get("limits"))
    for field in ("limits", "requests"):
        for name, value in d(res.get(field)).items():
            parsed = quantity.parse(value)
            if parsed is not None and parsed[0] < 0:
                errs.append(
                    FieldError(
                        path + (field, Key(name)),
                        "Invalid",
                        quantity.canonical(value),
                        "must be a valid resource quantity",
                    )
                )
    for name, value in d(res.get("requests")).items():
        req, lim = quantity.parse(value), quantity.parse(limits.get(name))
        if req is None or lim is None:
            continue
        shown = (quantity.canonical(value), quantity.canonical(limits[name]))
        if req[0] != lim[0] and name not in _OVERCOMMIT and not name.startswith("hugepages-"):
            errs.append(
                FieldError(
                    path + ("requests",), "Invalid", shown[0], f"must be equal to {name} limit of {shown[1]}"
                )
            )
        elif req[0] > lim[0]:
            errs.append(
                FieldError(
                    path + ("requests",),
                    "Invalid",
                    shown[0],
                    f"must be less than or equal to {name} limit of {shown[1]}",
                    hint=f"a container cannot request more {name} than its limit",
                )
            )
    return errs


def _ports(ports: list, path: tuple, ctx: Context) -> list[FieldError]:
    errs: list[FieldError] = []
    names: set[str] = set()
    for i, p in enumerate(ports):
        p = d(p)
        pname = s(p.get("name"))
        if pname:
            msgs = is_valid_port_name(pname)
            if msgs:
                errs += [FieldError(path + (i, "name"), "Invalid", pname, m) for m in msgs]
            elif pname in names:
                errs.append(FieldError(path + (i, "name"), "Duplicate", pname))
            else:
                names.add(pname)
        cport = num(p.get("containerPort"))
        if not cport:
            if "containerPort" not in p or cport == 0:
                errs.append(FieldError(path + (i, "containerPort"), "Required"))
        else:
            errs += [
                FieldError(path + (i, "containerPort"), "Invalid", cport, m) for m in is_valid_port_num(cport)
            ]
        hport = num(p.get("hostPort"))
        if hport:
            errs += [
                FieldError(path + (i, "hostPort"), "Invalid", hport, m) for m in is_valid_port_num(hport)
            ]
        proto = s(p.get("protocol"))
        if proto is not None and proto not in PROTOCOLS:
            errs.append(not_supported(path + (i, "protocol"), proto, PROTOCOLS))
    return errs


@rule("Pod")
def pod(obj: dict, ctx: Context) -> list[FieldError]:
    return pod_spec(d(obj.get("spec")), ("spec",), ctx)


def template(
    tmpl: dict,
    path: tuple,
    ctx: Context,
    restart_policies: list[str] | None = None,
    extra_volumes: set[str] = frozenset(),
) -> list[FieldError]:
    """A pod template: labels and the pod spec (upstream: ValidatePodTemplateSpec)."""
    meta = d(tmpl.get("metadata"))
    errs = validate_labels(meta.get("labels"), path + ("metadata", "labels"))
    errs += pod_spec(d(tmpl.get("spec")), path + ("spec",), ctx, extra_volumes, restart_policies)
    return errs


# -- Service ------------------------------------------------------------------------------------
SERVICE_TYPES = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"]


@rule("Service")
def service(obj: dict, ctx: Context) -> list[FieldError]:
    spec = d(obj.get("spec"))
    errs: list[FieldError] = []
    stype = spec.get("type", "ClusterIP") if "type" in spec else "ClusterIP"
    if isinstance(stype, str) and stype not in SERVICE_TYPES:
        errs.append(not_supported(("spec", "type"), stype, SERVICE_TYPES))
    ports = lst(spec.get("ports"))
    if not ports and stype != "ExternalName" and spec.get("clusterIP") != "None":
        errs.append(FieldError(("spec", "ports"), "Required"))
    errs += _service_ports(ports, stype, ctx)
    for k, v in d(spec.get("selector")).items():
        errs += validate_labels({k: v}, ("spec", "selector"))
    return errs


def _service_ports(ports: list, stype, ctx: Context) -> list[FieldError]:
    errs: list[FieldError] = []
    names: set[str] = set()
    seen: set[tuple] = set()
    node_ports: set[tuple] = set()
    for i, p in enumerate(ports):
        p = d(p)
        path = ("spec", "ports", i)
        pname = s(p.get("name"))
        if len(ports) > 1 and not pname:
            errs.append(
                FieldError(
                    path + ("name",), "Required", hint="a Service with several ports must name each one"
                )
            )
        elif pname:
            msgs = [m for m in is_dns1123_label(pname)]
            errs += [FieldError(path + ("name",), "Invalid", pname, m) for m in msgs]
            if not msgs and pname in names:
                errs.append(FieldError(path + ("name",), "Duplicate", pname))
            names.add(pname)
        port = num(p.get("port"))
        if port is not None:
            errs += [FieldError(path + ("port",), "Invalid", port, m) for m in is_valid_port_num(port)]
        proto = s(p.get("protocol")) or "TCP"
        if proto not in PROTOCOLS:
            errs.append(not_supported(path + ("protocol",), proto, PROTOCOLS))
        target = p.get("targetPort")
        if isinstance(target, str):
            errs += [
                FieldError(path + ("targetPort",), "Invalid", target, m, _quoted_number_hint(target))
                for m in is_valid_port_name(target)
            ]
        elif num(target) is not None and num(target) != 0:
            errs += [
                FieldError(path + ("targetPort",), "Invalid", num(target), m)
                for m in is_valid_port_num(num(target))
            ]
        if port is not None:
            key = (proto, port)
            if key in seen:
                errs.append(
                    FieldError(
                        path,
                        "Duplicate",
                        _go_service_port(proto, port),
                        hint="two entries use the same port and protocol",
                    )
                )
            seen.add(key)
        errs += _node_port(p, path, stype, proto, node_ports)
    return errs


def _quoted_number_hint(value: str) -> str | None:
    if value.isdigit():
        return f"a quoted number is read as a port name: remove the quotes (targetPort: {value})"
    return None


def _node_port(p: dict, path: tuple, stype, proto: str, seen: set) -> list[FieldError]:
    node_port = num(p.get("nodePort"))
    if not node_port:
        return []
    if stype == "ClusterIP":
        return [
            FieldError(
                path + ("nodePort",),
                "Forbidden",
                detail=f"may not be used when `type` is '{stype}'",
                hint="set type: NodePort, or remove nodePort",
            )
        ]
    low, high = NODE_PORT_RANGE
    if not low <= node_port <= high:
        # upstream: pkg/registry/core/service/portallocator/allocator.go (ErrNotInRange) via the
        # Service REST storage, which reports it as an Invalid nodePort.
        return [
            FieldError(
                path + ("nodePort",),
                "Invalid",
                node_port,
                f"provided port is not in the valid range. The range of valid ports is {low}-{high}",
                hint=f"NodePorts must be between {low} and {high}",
            )
        ]
    if (proto, node_port) in seen:
        return [FieldError(path + ("nodePort",), "Duplicate", node_port)]
    seen.add((proto, node_port))
    return []


def _go_service_port(proto: str, port: int) -> GoValue:
    return GoValue(
        f'core.ServicePort{{Name:"", Protocol:"{proto}", AppProtocol:(*string)(nil), Port:{port}, '
        'TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}'
    )


# -- ConfigMap and Secret -----------------------------------------------------------------------
@rule("ConfigMap")
def config_map(obj: dict, ctx: Context) -> list[FieldError]:
    errs: list[FieldError] = []
    data, binary = d(obj.get("data")), d(obj.get("binaryData"))
    total = 0
    for key, value in data.items():
        errs += [FieldError(("data", Key(key)), "Invalid", key, m) for m in is_config_map_key(key)]
        if key in binary:
            errs.append(
                FieldError(("data", Key(key)), "Invalid", key, "duplicate of key present in binaryData")
            )
        total += len(value.encode()) if isinstance(value, str) else 0
    for key, value in binary.items():
        errs += [FieldError(("binaryData", Key(key)), "Invalid", key, m) for m in is_config_map_key(key)]
        total += _decoded_len(value)
    if total > MAX_DATA_BYTES:
        errs.append(
            FieldError(
                (Key(""),),  # upstream: field.NewPath("") prints as "[]"
                "TooLong",
                detail=f"must have at most {MAX_DATA_BYTES} bytes",
                hint="a ConfigMap holds at most 1 MiB: mount large files from a volume instead",
            )
        )
    return errs


@rule("Secret")
def secret(obj: dict, ctx: Context) -> list[FieldError]:
    errs: list[FieldError] = []
    total = 0
    for field in ("data", "stringData"):
        for key, value in d(obj.get(field)).items():
            errs += [FieldError((field, Key(key)), "Invalid", key, m) for m in is_config_map_key(key)]
            if field == "data":
                total += _decoded_len(value)
            elif isinstance(value, str):
                total += len(value.encode())
    if total > MAX_DATA_BYTES:
        errs.append(FieldError(("data",), "TooLong", detail=f"must have at most {MAX_DATA_BYTES} bytes"))
    return errs + _secret_type(obj)


def _secret_type(obj: dict) -> list[FieldError]:
    """Keys each Secret type requires (stringData counts: the apiserver merges it into data first)."""
    data = {**d(obj.get("stringData")), **d(obj.get("data"))}
    stype = obj.get("type")
    required = {
        "kubernetes.io/tls": ["tls.crt", "tls.key"],
        "kubernetes.io/dockercfg": [".dockercfg"],
        "kubernetes.io/dockerconfigjson": [".dockerconfigjson"],
    }
    if stype in required:
        return [
            FieldError(("data", Key(k)), "Required", hint=f'a {stype} Secret needs the key "{k}"')
            for k in required[stype]
            if k not in data
        ]
    if stype == "kubernetes.io/basic-auth" and "username" not in data and "password" not in data:
        return [FieldError(("data", Key(k)), "Required") for k in ("username", "password")]
    if stype == "kubernetes.io/ssh-auth" and not data.get("ssh-privatekey"):
        return [FieldError(("data", Key("ssh-privatekey")), "Required")]
    if stype == "kubernetes.io/service-account-token":
        annotations = d(d(obj.get("metadata")).get("annotations"))
        if not annotations.get("kubernetes.io/service-account.name"):
            return [
                FieldError(("metadata", "annotations", Key("kubernetes.io/service-account.name")), "Required")
            ]
    return []


def _decoded_len(value) -> int:
    if not isinstance(value, str):
        return 0
    try:
        return len(base64.b64decode(value, validate=True))
    except (binascii.Error, ValueError):
        return len(value)
