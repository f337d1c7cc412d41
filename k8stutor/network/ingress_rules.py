"""Which backend an Ingress sends a request to: host and path matching.

The semantics are the Ingress specification's (kubernetes.io/docs/concepts/services-networking/ingress/,
"Path types", "Examples", "Multiple matches", "Hostname wildcards") as ingress-nginx implements them
(internal/ingress/controller/controller.go createServers/ createUpstreams; nginx location order):

- ``Exact`` matches the URL path exactly, case-sensitively.
- ``Prefix`` splits on ``/`` and matches element by element; trailing slashes are ignored on both sides.
- ``ImplementationSpecific`` is up to the controller: ingress-nginx (without the ``use-regex`` annotation)
  turns it into a plain nginx prefix location, a string prefix: ``/aaa/bb`` matches ``/aaa/bbb``.
- The longest matching path wins; on a tie, Exact beats Prefix.
- A rule's host matches exactly (case-insensitively), or as a wildcard ``*.foo.com`` that covers exactly
  one DNS label (``bar.foo.com``, not ``baz.bar.foo.com`` and not ``foo.com``).
- A request whose host has a server (some rule names it) is decided by that server's paths only; rules
  without a host make the catch-all server.  No matching path: the default backend, which for
  ingress-nginx is its own 404 page unless an Ingress sets ``spec.defaultBackend``.
"""

from __future__ import annotations

from dataclasses import dataclass

TYPE_RANK = {"Exact": 0, "Prefix": 1, "ImplementationSpecific": 2}


@dataclass(frozen=True)
class Route:
    """One ``http.paths`` entry of one Ingress rule, flattened."""

    host: str  # "" for a rule without host
    path: str
    path_type: str
    backend: dict  # the Ingress backend: {"service": {"name", "port": {"number"|"name"}}} or resource
    ingress: str  # namespace/name of the Ingress it comes from


def prefix_match(rule_path: str, request_path: str) -> bool:
    """Element-wise prefix match of the Ingress spec (trailing ``/`` ignored on both sides)."""
    rule = [p for p in rule_path.split("/") if p]
    req = [p for p in request_path.split("/") if p]
    return req[: len(rule)] == rule


def path_matches(path_type: str, rule_path: str, request_path: str) -> bool:
    if path_type == "Exact":
        return request_path == rule_path
    if path_type == "Prefix":
        return prefix_match(rule_path, request_path)
    # ImplementationSpecific in ingress-nginx: an nginx prefix location (string prefix).
    return request_path.startswith(rule_path or "/")


def host_matches(rule_host: str, request_host: str) -> bool:
    rule_host, request_host = rule_host.lower(), request_host.lower().rstrip(".")
    if rule_host.startswith("*."):
        suffix = rule_host[1:]  # ".foo.com"
        head = request_host[: -len(suffix)] if request_host.endswith(suffix) else ""
        return bool(head) and "." not in head
    return rule_host == request_host


def server_routes(routes: list[Route], request_host: str) -> list[Route]:
    """The routes of the nginx server that takes ``request_host``.

    Exact host names come before wildcards, as nginx's server_name lookup; only when no server
    names the host does the catch-all server (rules without host) answer.
    """
    named = [r for r in routes if r.host and host_matches(r.host, request_host)]
    exact = [r for r in named if not r.host.startswith("*.")]
    if exact:
        return exact
    wild = [r for r in named if r.host.startswith("*.")]
    if wild:
        return wild
    return [r for r in routes if not r.host]


def has_server(routes: list[Route], request_host: str) -> bool:
    return any(r.host and host_matches(r.host, request_host) for r in routes)


def best_route(routes: list[Route], request_host: str, request_path: str) -> Route | None:
    """The route a request takes, or None for the default backend."""
    server = server_routes(routes, request_host)
    candidates = [r for r in server if path_matches(r.path_type, r.path, request_path)]
    if not candidates:
        return None
    # Longest path first; on equal length Exact, then Prefix, then ImplementationSpecific.
    return min(candidates, key=lambda r: (-len(r.path.rstrip("/") or "/"), TYPE_RANK.get(r.path_type, 3)))


def routes_of(ingress: dict) -> list[Route]:
    meta = ingress["metadata"]
    ident = f"{meta.get('namespace', 'default')}/{meta['name']}"
    out = []
    for rule in (ingress.get("spec") or {}).get("rules") or []:
        for p in ((rule.get("http") or {}).get("paths")) or []:
            out.append(Route(rule.get("host", "") or "", p.get("path", "/") or "/",
                             p.get("pathType", "ImplementationSpecific"), p.get("backend") or {}, ident))
    return out
