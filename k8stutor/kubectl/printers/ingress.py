"""``kubectl get/describe ingress`` and ``get ingressclass``.

upstream: pkg/printers/internalversion/printers.go (printIngress, formatHosts, formatPorts,
ingressLoadBalancerStatusStringer, printIngressClass) and staging/src/k8s.io/kubectl/pkg/describe/
describe.go of v1.32 (describeIngressV1, describeBackendV1 over Endpoints, serviceBackendStringer,
describeIngressTLSV1, formatEndpoints with a port filter).
"""

from __future__ import annotations

from . import TableDef, register_describer, register_table
from .common import age, meta, spec, status
from .describe_util import Writer, annotations_multiline, describe_events, labels_multiline

LOAD_BALANCER_WIDTH = 16
MAX_HOSTS = 3


def format_hosts(rules: list[dict]) -> str:
    shown: list[str] = []
    more = False
    for rule in rules:
        if len(shown) == MAX_HOSTS:
            more = True
        if not more and rule.get("host"):
            shown.append(rule["host"])
    if not shown:
        return "*"
    text = ",".join(shown)
    return f"{text} + {len(rules) - MAX_HOSTS} more..." if more else text


def address(ing: dict, wide: bool) -> str:
    entries = ((status(ing).get("loadBalancer") or {}).get("ingress")) or []
    text = ",".join(e.get("ip") or e.get("hostname") for e in entries if e.get("ip") or e.get("hostname"))
    if not wide and len(text) > LOAD_BALANCER_WIDTH:
        text = text[: LOAD_BALANCER_WIDTH - 3] + "..."
    return text


def row(cluster, ing: dict) -> list[str]:
    sp = spec(ing)
    return [meta(ing).get("name", ""), sp.get("ingressClassName") or "<none>",
            format_hosts(sp.get("rules") or []), address(ing, wide=False),
            "80, 443" if sp.get("tls") else "80", age(cluster, meta(ing).get("creationTimestamp"))]


register_table(TableDef("Ingress", ["NAME", "CLASS", "HOSTS", "ADDRESS", "PORTS", "AGE"], row))


def class_row(cluster, ic: dict) -> list[str]:
    params = spec(ic).get("parameters")
    shown = "<none>"
    if params:
        shown = params.get("kind", "")
        if params.get("apiGroup"):
            shown += "." + params["apiGroup"]
        shown += "/" + params.get("name", "")
    return [meta(ic).get("name", ""), spec(ic).get("controller", ""), shown,
            age(cluster, meta(ic).get("creationTimestamp"))]


register_table(TableDef("IngressClass", ["NAME", "CONTROLLER", "PARAMETERS", "AGE"], class_row))


def service_backend(backend: dict) -> str:
    port = backend.get("port") or {}
    return f"{backend.get('name')}:{port.get('number') or port.get('name', '')}"


def endpoints_for_port(ep: dict, port_names: set[str]) -> str:
    """formatEndpoints(endpoints, ports): at most three host:port pairs of the ports named."""
    if not ep.get("subsets"):
        return "<none>"
    shown: list[str] = []
    more, count = False, 0
    for ss in ep["subsets"]:
        addresses = ss.get("addresses") or []
        ports = ss.get("ports") or []
        if not ports:
            pairs = [a.get("ip", "") for a in addresses]
        else:
            chosen = [p for p in ports if p.get("name", "") in port_names]
            pairs = [f"{a.get('ip', '')}:{p.get('port')}" for p in chosen for a in addresses]
        count += len(pairs)
        for pair in pairs:
            if len(shown) == 3:
                more = True
                break
            shown.append(pair)
    text = ",".join(shown)
    return f"{text} + {count - 3} more..." if more else text


def describe_backend(cluster, namespace: str, backend: dict) -> str:
    svc_ref = backend.get("service")
    if svc_ref:
        shown = service_backend(svc_ref)
        ep = cluster.store.find("Endpoints", svc_ref.get("name", ""), namespace)
        if ep is None:
            return f'{shown} (<error: endpoints "{svc_ref.get("name")}" not found>)'
        svc = cluster.store.find("Service", svc_ref.get("name", ""), namespace)
        if svc is None:
            return f'{shown} (<error: services "{svc_ref.get("name")}" not found>)'
        port = svc_ref.get("port") or {}
        names = {p.get("name", "") for p in spec(svc).get("ports") or []
                 if (port.get("number") and port["number"] == p.get("port"))
                 or (port.get("name") and port["name"] == p.get("name"))}
        return f"{shown} ({endpoints_for_port(ep, names)})"
    res = backend.get("resource")
    if res:
        group = res.get("apiGroup") or "<none>"
        return f"APIGroup: {group}, Kind: {res.get('kind')}, Name: {res.get('name')}"
    return ""


@register_describer("Ingress")
def describe_ingress(cluster, ing: dict) -> str:
    m, sp = meta(ing), spec(ing)
    ns = m.get("namespace", "default")
    w = Writer()
    w.write(0, f"Name:\t{m.get('name')}\n")
    labels_multiline(w, "Labels", m.get("labels"))
    w.write(0, f"Namespace:\t{ns}\n")
    w.write(0, f"Address:\t{address(ing, wide=True)}\n")
    w.write(0, f"Ingress Class:\t{sp.get('ingressClassName') or '<none>'}\n")
    default = describe_backend(cluster, ns, sp["defaultBackend"]) if sp.get("defaultBackend") else "<default>"
    w.write(0, f"Default backend:\t{default}\n")
    if sp.get("tls"):
        w.write(0, "TLS:\n")
        for t in sp["tls"]:
            hosts = ",".join(t.get("hosts") or [])
            if t.get("secretName"):
                w.write(1, f"{t['secretName']} terminates {hosts}\n")
            else:
                w.write(1, f"SNI routes {hosts}\n")
    w.write(0, "Rules:\n  Host\tPath\tBackends\n")
    w.write(1, "----\t----\t--------\n")
    count = 0
    for rule in sp.get("rules") or []:
        if rule.get("http") is None:
            continue
        count += 1
        w.write(1, f"{rule.get('host') or '*'}\t\n")
        for path in rule["http"].get("paths") or []:
            target = describe_backend(cluster, ns, path.get("backend") or {})
            w.write(2, f"\t{path.get('path', '')} \t{target}\n")
    if count == 0:
        w.write(1, f"*\t*\t{default}\n")
    annotations_multiline(w, "Annotations", m.get("annotations"))
    describe_events(cluster, ing, w)
    return w.text()


@register_describer("IngressClass")
def describe_ingress_class(cluster, ic: dict) -> str:
    m, sp = meta(ic), spec(ic)
    w = Writer()
    w.write(0, f"Name:\t{m.get('name')}\n")
    labels_multiline(w, "Labels", m.get("labels"))
    annotations_multiline(w, "Annotations", m.get("annotations"))
    w.write(0, f"Controller:\t{sp.get('controller', '')}\n")
    params = sp.get("parameters")
    if params:
        w.write(0, "Parameters:\n")
        if params.get("apiGroup"):
            w.write(1, f"APIGroup:\t{params['apiGroup']}\n")
        w.write(1, f"Kind:\t{params.get('kind', '')}\n")
        w.write(1, f"Name:\t{params.get('name', '')}\n")
    describe_events(cluster, ic, w)
    return w.text()
