"""``kubectl get services``: NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE (+ SELECTOR).

upstream: pkg/printers/internalversion/printers.go (printService, getServiceExternalIP,
loadBalancerStatusStringer with loadBalancerWidth 16, makePortString).
"""

from __future__ import annotations

from . import TableDef, register_table
from .common import age, format_labels, meta, spec, status

LOAD_BALANCER_WIDTH = 16


def load_balancer_ips(svc: dict, wide: bool) -> str:
    ingress = ((status(svc).get("loadBalancer") or {}).get("ingress")) or []
    result = ",".join(
        i.get("ip") or i.get("hostname") or "" for i in ingress if i.get("ip") or i.get("hostname")
    )
    if not wide and len(result) > LOAD_BALANCER_WIDTH:
        result = result[: LOAD_BALANCER_WIDTH - 3] + "..."
    return result


def external_ip(svc: dict, wide: bool = False) -> str:
    sp = spec(svc)
    typ = sp.get("type", "ClusterIP")
    external = sp.get("externalIPs") or []
    if typ in ("ClusterIP", "NodePort"):
        return ",".join(external) if external else "<none>"
    if typ == "LoadBalancer":
        lb = load_balancer_ips(svc, wide)
        if external:
            return ",".join([*(lb.split(",") if lb else []), *external])
        return lb or "<pending>"
    if typ == "ExternalName":
        return sp.get("externalName", "")
    return "<unknown>"


def port_string(ports: list[dict]) -> str:
    pieces = []
    for p in ports:
        proto = p.get("protocol", "TCP")
        if p.get("nodePort"):
            pieces.append(f"{p.get('port')}:{p['nodePort']}/{proto}")
        else:
            pieces.append(f"{p.get('port')}/{proto}")
    return ",".join(pieces)


def row(cluster, svc: dict) -> list[str]:
    sp = spec(svc)
    ips = sp.get("clusterIPs") or ([sp["clusterIP"]] if sp.get("clusterIP") else [])
    return [
        meta(svc).get("name", ""),
        sp.get("type", "ClusterIP"),
        ips[0] if ips else "<none>",
        external_ip(svc),
        port_string(sp.get("ports") or []) or "<none>",
        age(cluster, meta(svc).get("creationTimestamp")),
    ]


def wide_row(cluster, svc: dict) -> list[str]:
    return [format_labels(spec(svc).get("selector"))]


register_table(
    TableDef(
        "Service",
        ["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"],
        row,
        ["SELECTOR"],
        wide_row,
    )
)


# -- kubectl describe service (staging/src/k8s.io/kubectl/pkg/describe/describe.go describeService) --
from . import register_describer  # noqa: E402
from .describe_util import Writer, annotations_multiline, describe_events, labels_multiline  # noqa: E402
from .endpoints import format_endpoints  # noqa: E402


@register_describer("Service")
def describe_service(cluster, svc: dict) -> str:
    m, sp = meta(svc), spec(svc)
    ep = cluster.store.find("Endpoints", m.get("name", ""), m.get("namespace", "default")) or {}
    w = Writer()
    w.write(0, f"Name:\t{m.get('name')}\n")
    w.write(0, f"Namespace:\t{m.get('namespace')}\n")
    labels_multiline(w, "Labels", m.get("labels"))
    annotations_multiline(w, "Annotations", m.get("annotations"))
    w.write(0, f"Selector:\t{format_labels(sp.get('selector'))}\n")
    w.write(0, f"Type:\t{sp.get('type', 'ClusterIP')}\n")
    if sp.get("ipFamilyPolicy"):
        w.write(0, f"IP Family Policy:\t{sp['ipFamilyPolicy']}\n")
    w.write(0, f"IP Families:\t{','.join(sp.get('ipFamilies') or []) or '<none>'}\n")
    w.write(0, f"IP:\t{sp.get('clusterIP', '')}\n")
    w.write(0, f"IPs:\t{','.join(sp.get('clusterIPs') or []) or '<none>'}\n")
    if sp.get("externalIPs"):
        w.write(0, f"External IPs:\t{','.join(sp['externalIPs'])}\n")
    if sp.get("loadBalancerIP"):
        w.write(0, f"IP:\t{sp['loadBalancerIP']}\n")
    if sp.get("externalName"):
        w.write(0, f"External Name:\t{sp['externalName']}\n")
    ingress = (status(svc).get("loadBalancer") or {}).get("ingress") or []
    if ingress:
        w.write(
            0, f"LoadBalancer Ingress:\t{', '.join(i.get('ip') or i.get('hostname', '') for i in ingress)}\n"
        )
    for p in sp.get("ports") or []:
        name = p.get("name") or "<unset>"
        proto = p.get("protocol", "TCP")
        w.write(0, f"Port:\t{name}\t{p.get('port')}/{proto}\n")
        w.write(0, f"TargetPort:\t{p.get('targetPort', p.get('port'))}/{proto}\n")
        if p.get("nodePort"):
            w.write(0, f"NodePort:\t{name}\t{p['nodePort']}/{proto}\n")
        w.write(0, f"Endpoints:\t{_endpoints_for_port(ep, p.get('name', ''))}\n")
    w.write(0, f"Session Affinity:\t{sp.get('sessionAffinity', 'None')}\n")
    if sp.get("externalTrafficPolicy"):
        w.write(0, f"External Traffic Policy:\t{sp['externalTrafficPolicy']}\n")
    if sp.get("internalTrafficPolicy"):
        w.write(0, f"Internal Traffic Policy:\t{sp['internalTrafficPolicy']}\n")
    if sp.get("healthCheckNodePort"):
        w.write(0, f"HealthCheck NodePort:\t{sp['healthCheckNodePort']}\n")
    if sp.get("loadBalancerSourceRanges"):
        w.write(0, f"LoadBalancer Source Ranges:\t{','.join(sp['loadBalancerSourceRanges'])}\n")
    describe_events(cluster, svc, w)
    return w.text()


def _endpoints_for_port(ep: dict, port_name: str) -> str:
    """formatEndpoints(endpoints, sets.NewString(port name)): only the subset ports of that name."""
    subsets = []
    for ss in ep.get("subsets") or []:
        ports = [p for p in ss.get("ports") or [] if p.get("name", "") == port_name]
        if ss.get("ports") and not ports:
            continue
        subsets.append({**ss, "ports": ports} if ss.get("ports") else ss)
    if not ep.get("subsets"):
        return "<none>"
    return format_endpoints({"subsets": subsets}) if subsets else ""
