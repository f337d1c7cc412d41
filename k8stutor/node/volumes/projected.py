"""The projected volume plugin: several sources (configMap, secret, downwardAPI,
serviceAccountToken) merged into one directory.

Every pod gets one (``kube-api-access-xxxxx``, added by the ServiceAccount admission plugin)
holding ``token``, ``ca.crt`` (from the ``kube-root-ca.crt`` ConfigMap) and ``namespace``.
upstream: pkg/volume/projected/projected.go (collectData), pkg/volume/downwardapi/downwardapi.go
(CollectData), pkg/fieldpath/fieldpath.go (FormatMap, ExtractFieldPathAsString).
"""

from __future__ import annotations

import base64
import hashlib
import json
from typing import TYPE_CHECKING

from . import VolumeError, volume_plugin
from .configmap import Lookup, Payload, Projection, mount, source_payload

if TYPE_CHECKING:
    from ...cluster import Cluster


def format_map(values: dict) -> str:
    """fieldpath.FormatMap: ``key="value"`` lines, sorted, no final newline."""
    return "\n".join(f"{k}={json.dumps(values[k], ensure_ascii=False)}" for k in sorted(values))


def downward_value(pod: dict, path: str) -> str:
    meta = pod["metadata"]
    if path in ("metadata.labels", "metadata.annotations"):
        return format_map(meta.get(path.split(".")[1]) or {})
    simple = {"metadata.name": meta.get("name", ""), "metadata.namespace": meta.get("namespace", "default"),
              "metadata.uid": meta.get("uid", "")}
    if path.startswith("metadata.labels['") or path.startswith("metadata.annotations['"):
        field, _, key = path[len("metadata."):].partition("['")
        return str((meta.get(field) or {}).get(key.rstrip("']"), ""))
    if path not in simple:
        raise VolumeError("FailedMount", f"unsupported fieldPath: {path}")
    return simple[path]


_COMPACT = json.JSONEncoder(separators=(",", ":"))  # json.dumps(obj, separators=...), made once


def _jwt_part(obj: object) -> str:
    return base64.urlsafe_b64encode(_COMPACT.encode(obj).encode()).decode().rstrip("=")


_TOKEN_HEAD = _jwt_part({"alg": "RS256", "kid": "k8stutor"})


def service_account_token(pod: dict) -> str:
    """A JWT-shaped token, deterministic per pod (the simulator signs nothing)."""
    meta = pod["metadata"]
    ns, sa = meta.get("namespace", "default"), (pod.get("spec") or {}).get("serviceAccountName", "default")
    issuer = "https://kubernetes.default.svc.cluster.local"
    claims = {"aud": [issuer], "iss": issuer,
              "kubernetes.io": {"namespace": ns,
                                "pod": {"name": meta.get("name", ""), "uid": meta.get("uid", "")},
                                "serviceaccount": {"name": sa}},
              "sub": f"system:serviceaccount:{ns}:{sa}"}

    head, body = _TOKEN_HEAD, _jwt_part(claims)
    sig = base64.urlsafe_b64encode(hashlib.sha256(f"{head}.{body}".encode()).digest()).decode().rstrip("=")
    return f"{head}.{body}.{sig}"


def collect(pod: dict, sources: list[dict], lookup: Lookup) -> Payload:
    out: Payload = {}
    errs: list[str] = []
    for src in sources:
        try:
            if "configMap" in src:
                out.update(source_payload(lookup, "ConfigMap", src["configMap"] or {}))
            elif "secret" in src:
                out.update(source_payload(lookup, "Secret", src["secret"] or {}))
            elif "downwardAPI" in src:
                for item in (src["downwardAPI"] or {}).get("items") or []:
                    path = (item.get("fieldRef") or {}).get("fieldPath", "")
                    out[item.get("path", "").strip("/")] = downward_value(pod, path).encode()
            elif "serviceAccountToken" in src:
                path = (src["serviceAccountToken"] or {}).get("path", "token")
                out[path.strip("/")] = service_account_token(pod).encode()
        except VolumeError as exc:
            errs.append(exc.message)
    if errs:  # utilerrors.NewAggregate
        raise VolumeError("FailedMount", errs[0] if len(errs) == 1 else "[" + ", ".join(errs) + "]")
    return out


@volume_plugin("projected")
def plugin(cluster: Cluster, pod: dict, volume: dict) -> Projection:
    sources = (volume.get("projected") or {}).get("sources") or []
    return mount(cluster, pod, volume, lambda lookup: collect(pod, sources, lookup))
