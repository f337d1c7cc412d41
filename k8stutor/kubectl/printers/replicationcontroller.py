"""``kubectl get/describe replicationcontrollers``.

upstream: pkg/printers/internalversion/printers.go (printReplicationController: NAME DESIRED CURRENT
READY AGE; wide CONTAINERS IMAGES SELECTOR with labels.FormatLabels), staging/src/k8s.io/kubectl/
pkg/describe/describe.go (describeReplicationController: no "Controlled By" line).
"""

from __future__ import annotations

from ...api import selectors
from . import TableDef, register_describer, register_table
from .common import meta, spec, status
from .pvc import annotations_multiline, labels_multiline
from .replicaset import conditions_block, containers_images, finish, pods_status, rs_row
from .statefulset import describe_pod_template


def rc_wide_row(_cluster, rc: dict) -> list[str]:
    return [*containers_images(rc), selectors.format_labels(spec(rc).get("selector"))]


register_table(TableDef("ReplicationController", ["NAME", "DESIRED", "CURRENT", "READY", "AGE"], rs_row,
                        ["CONTAINERS", "IMAGES", "SELECTOR"], rc_wide_row))


@register_describer("ReplicationController")
def describe_rc(cluster, rc: dict) -> str:
    m, sp = meta(rc), spec(rc)
    text = f"Name:\t{m['name']}\nNamespace:\t{m.get('namespace', 'default')}\n"
    text += f"Selector:\t{selectors.format_labels(sp.get('selector'))}\n"
    text += labels_multiline("Labels", m.get("labels"))
    text += annotations_multiline("Annotations", m.get("annotations"))
    text += f"Replicas:\t{status(rc).get('replicas', 0)} current / {sp.get('replicas', 1)} desired\n"
    text += f"Pods Status:\t{pods_status(cluster, rc, selectors.from_set(sp.get('selector')))}\n"
    if sp.get("template") is None:
        text += "Pod Template:\n  <unset>"
    else:
        text += describe_pod_template(sp["template"])
    text += conditions_block(rc)
    return finish(cluster, rc, text)
