"""``kubectl get configmaps`` (NAME DATA AGE) and ``kubectl describe configmap``.

upstream: pkg/printers/internalversion/printers.go (configMapColumnDefinitions, printConfigMap:
DATA = len(data) + len(binaryData)), staging/src/k8s.io/kubectl/pkg/describe/describe.go
(describeConfigMap: every value in full under its key and a ``----`` rule, then BinaryData as byte
counts, then the events).  Go ranges over the data map in random order; we print keys sorted.
"""

from __future__ import annotations

import base64
import binascii

from . import TableDef, register_describer, register_table
from .common import age, meta
from .describe_util import Writer, annotations_multiline, describe_events, labels_multiline


def row(cluster, cm: dict) -> list[str]:
    count = len(cm.get("data") or {}) + len(cm.get("binaryData") or {})
    return [meta(cm).get("name", ""), str(count), age(cluster, meta(cm).get("creationTimestamp"))]


register_table(TableDef("ConfigMap", ["NAME", "DATA", "AGE"], row))


def decoded_len(value: object) -> int:
    """Bytes behind a base64 field (binaryData, Secret data)."""
    try:
        return len(base64.b64decode(str(value), validate=True))
    except (binascii.Error, ValueError):
        return len(str(value))


@register_describer("ConfigMap")
def describe_configmap(cluster, cm: dict) -> str:
    m = meta(cm)
    w = Writer()
    w.write(0, f"Name:\t{m.get('name', '')}\n")
    w.write(0, f"Namespace:\t{m.get('namespace', '')}\n")
    labels_multiline(w, "Labels", m.get("labels"))
    annotations_multiline(w, "Annotations", m.get("annotations"))
    w.write(0, "\nData\n====\n")
    data = cm.get("data") or {}
    for key in sorted(data):
        w.write(0, f"{key}:\n----\n")
        w.write(0, f"{data[key]}\n")
    w.write(0, "\nBinaryData\n====\n")
    binary = cm.get("binaryData") or {}
    for key in sorted(binary):
        w.write(0, f"{key}: {decoded_len(binary[key])} bytes\n")
    w.write(0, "\n")
    describe_events(cluster, cm, w)
    return w.text()
