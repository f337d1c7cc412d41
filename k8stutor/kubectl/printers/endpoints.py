"""``kubectl get endpoints``: NAME ENDPOINTS AGE.

upstream: pkg/printers/internalversion/printers.go (printEndpoints, formatEndpoints: at most three
``ip:port`` then ``+ N more...``; ``<none>`` without subsets).
"""

from __future__ import annotations

from . import TableDef, register_table
from .common import age, meta

MAX_SHOWN = 3


def format_endpoints(ep: dict) -> str:
    subsets = ep.get("subsets") or []
    if not subsets:
        return "<none>"
    shown: list[str] = []
    more, count = False, 0
    for ss in subsets:
        addresses = ss.get("addresses") or []
        ports = ss.get("ports") or []
        if not ports:
            count += len(addresses)
            for a in addresses:
                if len(shown) == MAX_SHOWN:
                    more = True
                    break
                shown.append(a.get("ip", ""))
            continue
        for port in ports:
            count += len(addresses)
            for a in addresses:
                if len(shown) == MAX_SHOWN:
                    more = True
                    break
                ip = a.get("ip", "")
                host = f"[{ip}]" if ":" in ip else ip  # net.JoinHostPort
                shown.append(f"{host}:{port.get('port')}")
    text = ",".join(shown)
    return f"{text} + {count - MAX_SHOWN} more..." if more else text


def row(cluster, ep: dict) -> list[str]:
    return [meta(ep).get("name", ""), format_endpoints(ep), age(cluster, meta(ep).get("creationTimestamp"))]


register_table(TableDef("Endpoints", ["NAME", "ENDPOINTS", "AGE"], row))


# -- kubectl describe endpoints (describe.go describeEndpoints) --------------------------------------
from . import register_describer  # noqa: E402
from .describe_util import Writer, annotations_multiline, describe_events, labels_multiline  # noqa: E402


@register_describer("Endpoints")
def describe_endpoints(cluster, ep: dict) -> str:
    m = meta(ep)
    w = Writer()
    w.write(0, f"Name:\t{m.get('name')}\n")
    w.write(0, f"Namespace:\t{m.get('namespace')}\n")
    labels_multiline(w, "Labels", m.get("labels"))
    annotations_multiline(w, "Annotations", m.get("annotations"))
    w.write(0, "Subsets:\n")
    for ss in ep.get("subsets") or []:
        ready = ",".join(a.get("ip", "") for a in ss.get("addresses") or []) or "<none>"
        not_ready = ",".join(a.get("ip", "") for a in ss.get("notReadyAddresses") or []) or "<none>"
        w.write(1, f"Addresses:\t{ready}\n")
        w.write(1, f"NotReadyAddresses:\t{not_ready}\n")
        if ss.get("ports"):
            w.write(1, "Ports:\n")
            w.write(2, "Name\tPort\tProtocol\n")
            w.write(2, "----\t----\t--------\n")
            for p in ss["ports"]:
                w.write(2, f"{p.get('name') or '<unset>'}\t{p.get('port')}\t{p.get('protocol', 'TCP')}\n")
        w.write(0, "\n")
    describe_events(cluster, ep, w)
    return w.text()
