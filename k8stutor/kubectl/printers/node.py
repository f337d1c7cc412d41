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


# -- kubectl describe node (staging/src/k8s.io/kubectl/pkg/describe/describe.go describeNode,
#    describeNodeResource; quantities as k8s.io/apimachinery/pkg/api/resource Quantity.String) -----
from . import register_describer  # noqa: E402
from .describe_util import (  # noqa: E402
    Writer,
    annotations_multiline,
    describe_events,
    labels_multiline,
    rfc1123z,
)

_BINARY = {"Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "Ti": 2**40, "Pi": 2**50, "Ei": 2**60}
_DECIMAL = {
    "n": 10**-9,
    "u": 10**-6,
    "m": 10**-3,
    "": 1,
    "k": 10**3,
    "M": 10**6,
    "G": 10**9,
    "T": 10**12,
    "P": 10**15,
    "E": 10**18,
}


def milli(q: str | int | float | None) -> int:
    """A quantity in thousandths (cpu "250m" -> 250, memory "1Ki" -> 1024000)."""
    text = str(q or "0").strip()
    for suffix, factor in _BINARY.items():
        if text.endswith(suffix):
            return int(round(float(text[: -len(suffix)]) * factor * 1000))
    for suffix in ("n", "u", "m", "k", "M", "G", "T", "P", "E"):
        if text.endswith(suffix):
            return int(round(float(text[:-1]) * _DECIMAL[suffix] * 1000))
    return int(round(float(text) * 1000))


def quantity(millis: int, binary: bool) -> str:
    """Quantity.String() of a sum: canonical binary (Mi/Gi) or decimal (m, k, M) form."""
    if millis == 0:
        return "0"
    if binary and millis % 1000 == 0:
        value = millis // 1000
        for suffix in ("Ei", "Pi", "Ti", "Gi", "Mi", "Ki"):
            if value % _BINARY[suffix] == 0:
                return f"{value // _BINARY[suffix]}{suffix}"
        return str(value)
    if millis % 1000:
        return f"{millis}m"
    value = millis // 1000
    for suffix in ("E", "P", "T", "G", "M", "k"):
        if value % _DECIMAL[suffix] == 0:
            return f"{value // _DECIMAL[suffix]}{suffix}"
    return str(value)


def _pod_totals(pod: dict) -> tuple[dict[str, int], dict[str, int]]:
    reqs: dict[str, int] = {}
    limits: dict[str, int] = {}
    for c in (pod.get("spec") or {}).get("containers") or []:
        res = c.get("resources") or {}
        for name, q in (res.get("requests") or {}).items():
            reqs[name] = reqs.get(name, 0) + milli(q)
        for name, q in (res.get("limits") or {}).items():
            limits[name] = limits.get(name, 0) + milli(q)
    for name, q in limits.items():
        reqs.setdefault(name, q)  # upstream: a limit without a request defaults the request
    return reqs, limits


def _fraction(value: int, total: int) -> int:
    return int(value / total * 100) if total else 0


@register_describer("Node")
def describe_node(cluster, node: dict) -> str:
    m, sp, st = meta(node), spec(node), status(node)
    info = st.get("nodeInfo") or {}
    w = Writer()
    w.write(0, f"Name:\t{m.get('name')}\n")
    w.write(0, f"Roles:\t{roles(node)}\n")
    labels_multiline(w, "Labels", m.get("labels"))
    annotations_multiline(w, "Annotations", m.get("annotations"))
    w.write(0, f"CreationTimestamp:\t{rfc1123z(m.get('creationTimestamp'))}\n")
    taints = sp.get("taints") or []
    w.write(0, "Taints:\t" + ("<none>\n" if not taints else ""))
    for i, t in enumerate(taints):
        value = f"={t['value']}" if t.get("value") else ""
        w.write(0, ("\t" if i else "") + f"{t.get('key')}{value}:{t.get('effect')}\n")
    w.write(0, f"Unschedulable:\t{'true' if sp.get('unschedulable') else 'false'}\n")
    # the kubelet renews its Lease in kube-node-lease every 10 s (no acquireTime on node leases)
    renew = cluster.clock.timestamp(cluster.clock.now - cluster.clock.now % 10)
    w.write(0, "Lease:\n")
    w.write(1, f"HolderIdentity:\t{m.get('name')}\n")
    w.write(1, "AcquireTime:\t<unset>\n")
    w.write(1, f"RenewTime:\t{rfc1123z(renew)}\n")
    if st.get("conditions"):
        w.write(0, "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n")
        w.write(1, "----\t------\t-----------------\t------------------\t------\t-------\n")
        for c in st["conditions"]:
            w.write(
                1,
                f"{c.get('type')} \t{c.get('status')} \t{rfc1123z(c.get('lastHeartbeatTime'))} \t"
                f"{rfc1123z(c.get('lastTransitionTime'))} \t{c.get('reason', '')} \t{c.get('message', '')}\n",
            )
    w.write(0, "Addresses:\n")
    for a in st.get("addresses") or []:
        w.write(1, f"{a.get('type')}:\t{a.get('address')}\n")
    for title, key in (("Capacity", "capacity"), ("Allocatable", "allocatable")):
        if st.get(key):
            w.write(0, f"{title}:\n")
            for name in sorted(st[key]):
                w.write(0, f"  {name}:\t{st[key][name]}\n")
    w.write(0, "System Info:\n")
    for label, key in (
        ("Machine ID", "machineID"),
        ("System UUID", "systemUUID"),
        ("Boot ID", "bootID"),
        ("Kernel Version", "kernelVersion"),
        ("OS Image", "osImage"),
        ("Operating System", "operatingSystem"),
        ("Architecture", "architecture"),
        ("Container Runtime Version", "containerRuntimeVersion"),
        ("Kubelet Version", "kubeletVersion"),
        ("Kube-Proxy Version", "kubeProxyVersion"),
    ):
        w.write(0, f"  {label}:\t{info.get(key, '')}\n")
    if sp.get("podCIDR"):
        w.write(0, f"PodCIDR:\t{sp['podCIDR']}\n")
    if sp.get("podCIDRs"):
        w.write(0, f"PodCIDRs:\t{','.join(sp['podCIDRs'])}\n")
    if sp.get("providerID"):
        w.write(0, f"ProviderID:\t{sp['providerID']}\n")
    _node_resources(cluster, node, w)
    describe_events(cluster, node, w)
    return w.text()


def _node_resources(cluster, node: dict, w: Writer) -> None:
    name = meta(node).get("name")
    pods = [
        p
        for p in cluster.store.list("Pod", None)
        if (p.get("spec") or {}).get("nodeName") == name
        and (p.get("status") or {}).get("phase") not in ("Succeeded", "Failed")
    ]
    alloc = status(node).get("allocatable") or status(node).get("capacity") or {}
    cpu_total, mem_total = milli(alloc.get("cpu")), milli(alloc.get("memory"))
    w.write(0, f"Non-terminated Pods:\t({len(pods)} in total)\n")
    w.write(1, "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n")
    w.write(1, "---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n")
    totals_req: dict[str, int] = {}
    totals_lim: dict[str, int] = {}
    for p in pods:
        reqs, limits = _pod_totals(p)
        for k, v in reqs.items():
            totals_req[k] = totals_req.get(k, 0) + v
        for k, v in limits.items():
            totals_lim[k] = totals_lim.get(k, 0) + v
        cr, cl, mr, ml = (
            reqs.get("cpu", 0),
            limits.get("cpu", 0),
            reqs.get("memory", 0),
            limits.get("memory", 0),
        )
        w.write(
            1,
            f"{meta(p).get('namespace')}\t{meta(p).get('name')}\t\t"
            f"{quantity(cr, False)} ({_fraction(cr, cpu_total)}%)\t"
            f"{quantity(cl, False)} ({_fraction(cl, cpu_total)}%)\t"
            f"{quantity(mr, True)} ({_fraction(mr, mem_total)}%)\t"
            f"{quantity(ml, True)} ({_fraction(ml, mem_total)}%)\t"
            f"{age(cluster, meta(p).get('creationTimestamp'))}\n",
        )
    w.write(0, "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n")
    w.write(1, "Resource\tRequests\tLimits\n")
    w.write(1, "--------\t--------\t------\n")
    for res, binary, total in (
        ("cpu", False, cpu_total),
        ("memory", True, mem_total),
        ("ephemeral-storage", True, milli(alloc.get("ephemeral-storage"))),
    ):
        r, lim = totals_req.get(res, 0), totals_lim.get(res, 0)
        w.write(
            1,
            f"{res}\t{quantity(r, binary)} ({_fraction(r, total)}%)\t"
            f"{quantity(lim, binary)} ({_fraction(lim, total)}%)\n",
        )
    for res in sorted(k for k in alloc if k.startswith("hugepages-")):
        r, lim = totals_req.get(res, 0), totals_lim.get(res, 0)
        w.write(
            1,
            f"{res}\t{quantity(r, True)} ({_fraction(r, milli(alloc[res]))}%)\t"
            f"{quantity(lim, True)} ({_fraction(lim, milli(alloc[res]))}%)\n",
        )
