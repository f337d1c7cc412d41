"""The ingress-nginx controller that ``minikube addons enable ingress`` runs, as seen from outside.

It listens on the node's ports 80 and 443 (hostPorts of the controller pod), picks a route with
:mod:`k8stutor.network.ingress_rules`, and proxies to a Ready endpoint of the backend Service.
Texts follow ingress-nginx v1.11 (the version minikube v1.35 deploys) and nginx itself: its error
pages (src/http/ngx_http_special_response.c, CRLF line ends), the 308 redirect to HTTPS for hosts
listed under ``spec.tls`` (ssl-redirect defaults to true), the 503 for a backend without endpoints,
and the self-signed "Kubernetes Ingress Controller Fake Certificate" for hosts without a TLS Secret.
"""

from __future__ import annotations

import base64
from typing import TYPE_CHECKING

from .http import ConnectionRefused, Request, Response, TLSFailure, listeners
from .ingress_rules import Route, best_route, host_matches, routes_of
from .x509 import BadCertificate, is_self_signed

if TYPE_CHECKING:
    from ..cluster import Cluster

NODE_IP = "192.168.49.2"
NAMESPACE = "ingress-nginx"
CONTROLLER = "k8s.io/ingress-nginx"
OWNER = "ingress-nginx"
REASONS = {200: "OK", 308: "Permanent Redirect", 404: "Not Found", 503: "Service Temporarily Unavailable"}


def error_page(status: int) -> bytes:
    """nginx's built-in error page (ngx_http_special_response.c): CRLF line ends, "nginx" tail."""
    title = f"{status} {REASONS[status]}"
    lines = ["<html>", f"<head><title>{title}</title></head>", "<body>", f"<center><h1>{title}</h1></center>",
             "<hr><center>nginx</center>", "</body>", "</html>", ""]
    return "\r\n".join(lines).encode()


def _page(status: int, hops: list[str], headers: dict[str, str] | None = None) -> Response:
    body = error_page(status)
    head = {"Content-Type": "text/html", "Content-Length": str(len(body)), "Connection": "keep-alive"}
    return Response(status, REASONS[status], {**head, **(headers or {})}, body, hops)


def handled_ingresses(cluster: Cluster) -> list[dict]:
    """Ingresses ingress-nginx serves: its classes, and class-less ones (--watch-ingress-without-class)."""
    classes = {c["metadata"]["name"] for c in cluster.store.list("IngressClass", None)
               if (c.get("spec") or {}).get("controller") == CONTROLLER}
    out = []
    for ing in cluster.store.list("Ingress", None):
        name = (ing.get("spec") or {}).get("ingressClassName")
        if (name is None or name in classes) and not ing["metadata"].get("deletionTimestamp"):
            out.append(ing)
    return out


def controller_ready(cluster: Cluster) -> bool:
    for pod in cluster.store.list("Pod", NAMESPACE):
        if pod["metadata"]["name"].startswith("ingress-nginx-controller-"):
            conds = (pod.get("status") or {}).get("conditions") or []
            if any(c.get("type") == "Ready" and c.get("status") == "True" for c in conds):
                return True
    return False


def tls_secret_for(cluster: Cluster, host: str) -> dict | None:
    """The kubernetes.io/tls Secret an Ingress names for ``host`` (None: the fake certificate)."""
    for ing in handled_ingresses(cluster):
        ns = ing["metadata"].get("namespace", "default")
        for tls in (ing.get("spec") or {}).get("tls") or []:
            if any(host_matches(h, host) for h in tls.get("hosts") or []) and tls.get("secretName"):
                return cluster.store.find("Secret", tls["secretName"], ns)
    return None


def _redirects_to_https(cluster: Cluster, host: str) -> bool:
    for ing in handled_ingresses(cluster):
        for tls in (ing.get("spec") or {}).get("tls") or []:
            if any(host_matches(h, host) for h in tls.get("hosts") or []):
                return True
    return False


def _default_backend(cluster: Cluster) -> tuple[str, dict] | None:
    """The first (oldest) handled Ingress with ``spec.defaultBackend``: it takes unmatched requests."""
    withdef = [i for i in handled_ingresses(cluster) if (i.get("spec") or {}).get("defaultBackend")]
    withdef.sort(key=lambda i: (i["metadata"]["creationTimestamp"], i["metadata"]["name"]))
    if not withdef:
        return None
    ing = withdef[0]
    return ing["metadata"].get("namespace", "default"), ing["spec"]["defaultBackend"]


def handle(cluster: Cluster, request: Request) -> Response:
    if not controller_ready(cluster):
        raise ConnectionRefused(f"{request.ip}:{request.port}")
    host = (request.host or request.ip).lower()
    hops: list[str] = []
    if request.scheme == "https" and not request.insecure:
        secret = tls_secret_for(cluster, host)
        raise TLSFailure(60, "SSL certificate problem: self-signed certificate"
                         if secret is None or _self_signed(secret)
                         else "SSL certificate problem: unable to get local issuer certificate")
    if request.scheme == "http" and _redirects_to_https(cluster, host):
        hops.append("ingress-nginx: the host has TLS, ssl-redirect answers 308")
        return _page(308, hops, {"Location": f"https://{host}{request.path}"})
    routes: list[Route] = [r for ing in handled_ingresses(cluster) for r in routes_of(ing)]
    route = best_route(routes, host, request.path.split("?", 1)[0])
    if route is None:
        fallback = _default_backend(cluster)
        if fallback is None:
            hops.append("ingress-nginx: no rule matches: the controller's default backend answers 404")
            return _page(404, hops)
        namespace, backend = fallback
        hops.append(f"ingress-nginx: no rule matches: spec.defaultBackend of an Ingress in {namespace}")
    else:
        namespace, backend = route.ingress.split("/", 1)[0], route.backend
        hops.append(f"ingress-nginx: rule host={route.host or '*'} path={route.path} ({route.path_type}) "
                    f"of Ingress {route.ingress}")
    return _to_backend(cluster, namespace, backend, request, hops)


def _to_backend(
    cluster: Cluster, namespace: str, backend: dict, request: Request, hops: list[str]
) -> Response:
    service = backend.get("service")
    if not service:
        hops.append("ingress-nginx: resource backends are not served by ingress-nginx: 503")
        return _page(503, hops)
    port = service.get("port") or {}
    port_ref = port.get("number") if port.get("number") else port.get("name")
    from . import proxy  # the net part: kube-proxy and endpoint picking

    try:
        response = proxy.service_backend(cluster, namespace, service["name"], port_ref, request)
    except proxy.NoEndpoints:
        hops.append(f"ingress-nginx: Service {namespace}/{service['name']} has no ready endpoint: 503")
        return _page(503, hops)
    response.hops[:0] = hops
    return response


def _self_signed(secret: dict) -> bool:
    """Whether the Secret's tls.crt is its own issuer (what `openssl req -x509` makes)."""
    data = (secret.get("data") or {}).get("tls.crt", "")
    try:
        return is_self_signed(base64.b64decode(data))
    except (ValueError, BadCertificate):
        return True  # ingress-nginx falls back to its fake, self-signed certificate


def start_listening(cluster: Cluster) -> None:
    table = listeners(cluster)
    table.listen(NODE_IP, 80, OWNER, handle)
    table.listen(NODE_IP, 443, OWNER, handle)


def stop_listening(cluster: Cluster) -> None:
    listeners(cluster).close_owner(OWNER)
