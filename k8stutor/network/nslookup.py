"""busybox ``nslookup`` against the cluster DNS, in the two output formats busybox has had.

busybox <= 1.28 (networking/nslookup.c before the 1.29 rewrite) prints ``Address 1: IP NAME`` lines
with reverse lookups, as the Kubernetes StatefulSet tutorial shows; 1.29+ prints the BIND-like
``Name:``/``Address:`` form.  upstream: git.busybox.net busybox networking/nslookup.c.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..node.runtime import CLUSTER_DNS
from ..terminal.result import Result
from . import dns

if TYPE_CHECKING:
    from ..cluster import Cluster


def run(cluster: Cluster, pod: dict, args: list[str], old_format: bool) -> Result:
    names = [a for a in args if not a.startswith("-")]
    if not names:
        return Result(
            "",
            "BusyBox v1.28.4 (2018-05-22 17:00:17 UTC) multi-call binary.\n\n"
            "Usage: nslookup [HOST] [SERVER]\n\nQuery the nameserver for the IP address of the "
            "given HOST\noptionally using a specified DNS server\n",
            1,
        )
    name = names[0]
    ns = pod["metadata"].get("namespace", "default")
    ans = dns.resolve(cluster, name, ns)
    if old_format:
        head = (
            f"Server:    {CLUSTER_DNS}\nAddress 1: {CLUSTER_DNS} kube-dns.kube-system.svc.cluster.local\n\n"
        )
        if ans is None or not ans.ips:
            return Result(head, f"nslookup: can't resolve '{name}'\n", 1)
        lines = [f"Name:      {name}"]
        for i, ip in enumerate(ans.ips, 1):
            ptr = dns.reverse(cluster, ip)
            lines.append(f"Address {i}: {ip}" + (f" {ptr}" if ptr else ""))
        return Result(head + "\n".join(lines) + "\n")
    head = f"Server:\t\t{CLUSTER_DNS}\nAddress:\t{CLUSTER_DNS}:53\n\n"
    if ans is None or not ans.ips:
        return Result(head + f"** server can't find {name}: NXDOMAIN\n\n" * 2, "", 1)
    body = ""
    if ans.cname:
        body += f"{ans.name}\tcanonical name = {ans.cname}\n"
    body += "".join(f"Name:\t{ans.cname or ans.name}\nAddress: {ip}\n" for ip in ans.ips)
    return Result(head + body + "\n")
