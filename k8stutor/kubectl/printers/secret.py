"""``kubectl get secrets`` (NAME TYPE DATA AGE) and ``kubectl describe secret`` (byte counts only).

upstream: pkg/printers/internalversion/printers.go (secretColumnDefinitions, printSecret),
staging/src/k8s.io/kubectl/pkg/describe/describe.go (describeSecret: ``key:\\t<n> bytes`` -- the
values are never printed, except a service-account token; no events section).
"""

from __future__ import annotations

from . import TableDef, register_describer, register_table
from .common import age, meta
from .configmap import decoded_len
from .describe_util import Writer, annotations_multiline, labels_multiline


def row(cluster, secret: dict) -> list[str]:
    return [meta(secret).get("name", ""), secret.get("type", ""), str(len(secret.get("data") or {})),
            age(cluster, meta(secret).get("creationTimestamp"))]


register_table(TableDef("Secret", ["NAME", "TYPE", "DATA", "AGE"], row))


@register_describer("Secret")
def describe_secret(cluster, secret: dict) -> str:
    m = meta(secret)
    w = Writer()
    w.write(0, f"Name:\t{m.get('name', '')}\n")
    w.write(0, f"Namespace:\t{m.get('namespace', '')}\n")
    labels_multiline(w, "Labels", m.get("labels"))
    annotations_multiline(w, "Annotations", m.get("annotations"))
    w.write(0, f"\nType:\t{secret.get('type', '')}\n")
    w.write(0, "\nData\n====\n")
    data = secret.get("data") or {}
    for key in sorted(data):
        if key == "token" and secret.get("type") == "kubernetes.io/service-account-token":
            import base64

            w.write(0, f"{key}:\t{base64.b64decode(data[key]).decode('utf-8', 'replace')}\n")
        else:
            w.write(0, f"{key}:\t{decoded_len(data[key])} bytes\n")
    return w.text()
