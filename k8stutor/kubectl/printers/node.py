"""``kubectl get nodes``: NAME STATUS ROLES AGE VERSION (+ INTERNAL-IP EXTERNAL-IP OS-IMAGE ...).

upstream: pkg/printers/internalversion/printers.go (printNode, findNodeRoles, getNodeInternalIP).
"""

from __future__ import annotations

from . import TableDef, register_table
from .common import age, meta, spec, status

ROLE_PREFIX = "node-role.kubernetes.io/"


def node_status(node: dict) -> str:
    conds = {c.get("type"): c.get("status") for c in status(node).get("conditions") or []}
    out = []
    if "Ready" in conds:
        out.append("Ready" if conds["Ready"] == "True" else "NotReady")
    if not out:
        out.append("Unknown")
    if spec(node).get("unschedulable"):
        out.append("SchedulingDisabled")
    return ",".join(out)


def roles(node: dict) -> str:
    found = set()
    for k, v in (meta(node).get("labels") or {}).items():
        if k.startswith(ROLE_PREFIX) and k[len(ROLE_PREFIX) :]:
            found.add(k[len(ROLE_PREFIX) :])
        elif k == "kubernetes.io/role" and v:
            found.add(v)
    return ",".join(sorted(found)) or "<none>"


def _address(node: dict, typ: str) -> str:
    for a in status(node).get("addresses") or []:
        if a.get("type") == typ:
            return a.get("address", "")
    return "<none>"


def row(cluster, node: dict) -> list[str]:
    info = status(node).get("nodeInfo") or {}
    return [
        meta(node).get("name", ""),
        node_status(node),
        roles(node),
        age(cluster, meta(node).get("creationTimestamp")),
        info.get("kubeletVersion", ""),
    ]


def wide_row(cluster, node: dict) -> list[str]:
    info = status(node).get("nodeInfo") or {}
    return [
        _address(node, "InternalIP"),
        _address(node, "ExternalIP"),
        info.get("osImage") or "<unknown>",
        info.get("kernelVersion") or "<unknown>",
        info.get("containerRuntimeVersion") or "<unknown>",
    ]


register_table(
    TableDef(
        "Node",
        ["NAME", "STATUS", "ROLES", "AGE", "VERSION"],
        row,
        ["INTERNAL-IP", "EXTERNAL-IP", "OS-IMAGE", "KERNEL-VERSION", "CONTAINER-RUNTIME"],
        wide_row,
    )
)
