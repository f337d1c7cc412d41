"""One HTTP exchange on the simulated network, and who listens where.

``curl`` builds a :class:`Request`, resolves the host to an IP (the host's
/etc/hosts, ``--resolve``, cluster DNS inside pods), and hands it to the
listener registered for ``(ip, port)``: a NodePort of kube-proxy, the
ingress-nginx controller on the node's 80/443, a ``port-forward`` on
127.0.0.1, a tunnel's LoadBalancer IP, a pod's own port.  Each hop appends a
line to ``Response.hops`` so a reader can see the path a request took.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..cluster import Cluster


@dataclass
class Request:
    method: str = "GET"
    scheme: str = "http"
    host: str = ""  # the Host header's value (no port)
    port: int = 80
    path: str = "/"
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    ip: str = ""  # the address the connection goes to, once resolved
    source: str = "host"  # "host" or the name of the pod the request comes from
    insecure: bool = False  # curl -k: do not verify the server's TLS certificate


@dataclass
class Response:
    status: int = 200
    reason: str = "OK"
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    hops: list[str] = field(default_factory=list)


Handler = Callable[["Cluster", Request], Response]


class ConnectionRefused(Exception):
    """Nothing listens on (ip, port): curl's exit 7 ("Failed to connect ... Connection refused")."""


class Unreachable(Exception):
    """No route to (ip, port) (a ClusterIP from the host, an IP no one has): curl times out, exit 28."""


class TLSFailure(Exception):
    """The TLS handshake failed verification: curl's ``code`` (60) and ``message``.

    e.g. ``TLSFailure(60, "SSL certificate problem: self-signed certificate")``;
    curl prints ``curl: (60) <message>`` plus its hint text.
    """

    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class Listeners:
    """``(ip, port) -> handler``; a part of each Cluster (``cluster.part("listeners", Listeners)``)."""

    def __init__(self, _cluster: Cluster | None = None) -> None:
        self._table: dict[tuple[str, int], tuple[str, Handler]] = {}

    def listen(self, ip: str, port: int, owner: str, handler: Handler) -> None:
        """``owner`` names who listens (``kube-proxy``, ``ingress-nginx``, ``port-forward``...)."""
        self._table[(ip, port)] = (owner, handler)

    def close(self, ip: str, port: int) -> None:
        self._table.pop((ip, port), None)

    def close_owner(self, owner: str) -> None:
        for key in [k for k, (o, _h) in self._table.items() if o == owner]:
            del self._table[key]

    def lookup(self, ip: str, port: int) -> tuple[str, Handler] | None:
        return self._table.get((ip, port))


def listeners(cluster: Cluster) -> Listeners:
    return cluster.part("listeners", Listeners)
