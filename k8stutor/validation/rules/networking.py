"""Ingress rules: pathType, absolute paths, backends.

upstream: pkg/apis/networking/validation/validation.go (validateHTTPIngressPath, validateIngressBackend)
"""

from __future__ import annotations

from ..field import FieldError, is_dns1035_label, is_valid_port_name, is_valid_port_num
from . import Context, d, lst, num, rule, s
from .core import not_supported

PATH_TYPES = ["Exact", "ImplementationSpecific", "Prefix"]
_INVALID_SEQUENCES = ["//", "/./", "/../", "%2f", "%2F"]
_INVALID_SUFFIXES = ["/..", "/."]


@rule("Ingress")
def ingress(obj: dict, ctx: Context) -> list[FieldError]:
    spec = d(obj.get("spec"))
    errs: list[FieldError] = []
    if "defaultBackend" in spec and spec["defaultBackend"] is not None:
        errs += _backend(d(spec["defaultBackend"]), ("spec", "defaultBackend"))
    for i, r in enumerate(lst(spec.get("rules"))):
        http = d(d(r).get("http"))
        for j, p in enumerate(lst(http.get("paths"))):
            errs += _path(d(p), ("spec", "rules", i, "http", "paths", j))
    return errs


def _path(p: dict, path: tuple) -> list[FieldError]:
    ptype = p.get("pathType")
    value = s(p.get("path")) or ""
    if ptype is None:
        return [
            FieldError(
                path + ("pathType",),
                "Required",
                detail="pathType must be specified",
                hint="add pathType: Prefix (or Exact)",
            )
        ]
    errs: list[FieldError] = []
    if ptype in ("Exact", "Prefix"):
        if not value.startswith("/"):
            errs.append(
                FieldError(
                    path + ("path",),
                    "Invalid",
                    value,
                    "must be an absolute path",
                    hint=f'start the path with "/": "/{value}"',
                )
            )
        if value:
            errs += [
                FieldError(path + ("path",), "Invalid", value, f"must not contain '{seq}'")
                for seq in _INVALID_SEQUENCES
                if seq in value
            ]
            errs += [
                FieldError(path + ("path",), "Invalid", value, f"cannot end with '{suf}'")
                for suf in _INVALID_SUFFIXES
                if value.endswith(suf)
            ]
    elif ptype == "ImplementationSpecific":
        if value and not value.startswith("/"):
            errs.append(FieldError(path + ("path",), "Invalid", value, "must be an absolute path"))
    else:
        errs.append(not_supported(path + ("pathType",), ptype, PATH_TYPES))
    if isinstance(p.get("backend"), dict):
        errs += _backend(p["backend"], path + ("backend",))
    return errs


def _backend(b: dict, path: tuple) -> list[FieldError]:
    service, resource = b.get("service"), b.get("resource")
    if service is not None and resource is not None:
        return [FieldError(path, "Invalid", "", "cannot set both resource and service backends")]
    if resource is not None:
        return []
    if service is None:
        return [FieldError(path, "Invalid", "", "resource or service backend is required")]
    service = d(service)
    errs: list[FieldError] = []
    name = s(service.get("name"))
    if not name:
        errs.append(FieldError(path + ("service", "name"), "Required"))
    else:
        errs += [FieldError(path + ("service", "name"), "Invalid", name, m) for m in is_dns1035_label(name)]
    port = d(service.get("port"))
    pname, pnum = s(port.get("name")), num(port.get("number"))
    if pname and pnum:
        errs.append(FieldError(path, "Invalid", "", "cannot set both port name & port number"))
    elif pname:
        errs += [
            FieldError(path + ("service", "port", "name"), "Invalid", pname, m)
            for m in is_valid_port_name(pname)
        ]
    elif pnum:
        errs += [
            FieldError(path + ("service", "port", "number"), "Invalid", pnum, m)
            for m in is_valid_port_num(pnum)
        ]
    else:
        errs.append(FieldError(path, "Required", detail="port name or number is required"))
    return errs
