"""The HTTP apps the simulated images serve: nginx, the article's demo app, http-echo.

Response headers follow each server: nginx (src/http/ngx_http_header_filter_module.c: Server,
Date, Content-Type, Content-Length, Last-Modified, Connection, ETag, Accept-Ranges), Express 4
(X-Powered-By, ETag W/"..", Keep-Alive: timeout=5), http-echo (X-App-Name, X-App-Version).
"""

from __future__ import annotations

import functools
import hashlib
from datetime import timedelta
from typing import TYPE_CHECKING

from ..clock import EPOCH
from ..network.http import Request, Response
from .images import DEMO_LOGO, DEMO_SHIBA, NGINX, Image

if TYPE_CHECKING:
    from ..cluster import Cluster
    from .runtime import Container

NGINX_INDEX = b"""<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
"""
NGINX_50X = b"""<!DOCTYPE html>
<html>
<head>
<title>Error</title>
</head>
<body>
<h1>An error occurred.</h1>
</body>
</html>
"""
DEMO_PAGES = {
    DEMO_SHIBA: b"""<!DOCTYPE html>
<html>
<head><title>kubernetes-demo</title></head>
<body>
<h1>Hello Kubernetes!</h1>
<p>A shiba inu says hi from inside the pod.</p>
<img src="shiba.png" alt="shiba inu">
</body>
</html>
""",
    DEMO_LOGO: b"""<!DOCTYPE html>
<html>
<head><title>kubernetes-demo v1</title></head>
<body>
<h1>Hello Kubernetes! (v1)</h1>
<p>This version shows the Kubernetes logo.</p>
<img src="kubernetes-logo.png" alt="Kubernetes logo">
</body>
</html>
""",
}
IMAGE_BUILT = 1732636500  # 2024-11-26T15:55:00Z: when the nginx 1.27.3 image files were built


def files_of(image: Image) -> dict[str, bytes]:
    if image.app.name == NGINX:
        return {
            "/usr/share/nginx/html/index.html": NGINX_INDEX,
            "/usr/share/nginx/html/50x.html": NGINX_50X,
            "/etc/nginx/nginx.conf": b"user  nginx;\nworker_processes  auto;\n",
            "/etc/nginx/conf.d/default.conf": (
                b"server {\n    listen       80;\n    server_name  localhost;\n}\n"
            ),
        }
    if image.app.name in DEMO_PAGES:
        return {
            "/app/index.html": DEMO_PAGES[image.app.name],
            "/app/package.json": b'{"name": "kubernetes-demo"}\n',
        }
    return {}


def echo_text(argv: list[str]) -> str | None:
    for i, a in enumerate(argv):
        if a.startswith("-text=") or a.startswith("--text="):
            return a.split("=", 1)[1]
        if a in ("-text", "--text") and i + 1 < len(argv):
            return argv[i + 1]
    return None


def ports(image: Image, argv: list[str]) -> tuple[int, ...]:
    if image.app.name == "http-echo":
        for a in argv:
            if a.startswith(("-listen=", "--listen=")):
                return (int(a.rsplit(":", 1)[1]),)
    return image.app.ports


def _http_date(cluster: Cluster, at: float | None = None) -> str:
    return cluster.clock.datetime(at).strftime("%a, %d %b %Y %H:%M:%S GMT")


def client_ip(req: Request) -> str:
    """Who the server sees: kube-proxy masquerades host and node traffic to the bridge (10.244.0.1)."""
    return getattr(req, "client_ip", "") or "10.244.0.1"


def startup_log(cluster: Cluster, ct: Container) -> str:
    """What the image prints when it starts (the nginx image's docker-entrypoint.sh and nginx notices)."""
    if not ct.image:
        return ""
    at = cluster.clock.now if ct.started_at is None else ct.started_at
    return _startup_text(ct.image.app.name, ct.image.app.version, at, ct.listen)


@functools.lru_cache(maxsize=1024)
def _startup_text(app: str, version: str, started_at: float, listen: tuple[int, ...]) -> str:
    """The start-up log of an app started at ``started_at`` (pods started together log alike)."""
    stamp = (EPOCH + timedelta(seconds=started_at)).strftime("%Y/%m/%d %H:%M:%S")
    if app == NGINX and listen:
        ep = "/docker-entrypoint.sh"
        lines = [
            f"{ep}: /docker-entrypoint.d/ is not empty, will attempt to perform configuration",
            f"{ep}: Looking for shell scripts in /docker-entrypoint.d/",
            f"{ep}: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh",
            "10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf",
            "10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf",
            f"{ep}: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh",
            f"{ep}: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh",
            f"{ep}: Launching /docker-entrypoint.d/30-tune-worker-processes.sh",
            f"{ep}: Configuration complete; ready for start up",
        ]
        notices = [
            'using the "epoll" event method',
            f"nginx/{version}",
            "built by gcc 12.2.0 (Debian 12.2.0-14) ",
            "OS: Linux 6.8.0-51-generic",
            "getrlimit(RLIMIT_NOFILE): 1048576:1048576",
            "start worker processes",
        ]
        notices += [f"start worker process {29 + i}" for i in range(8)]
        return "".join(x + "\n" for x in lines + [f"{stamp} [notice] 1#1: {n}" for n in notices])
    if app == "http-echo" and listen:
        return f"{stamp} [INFO] server is listening on :{listen[0]}\n"
    return ""


def serve(cluster: Cluster, ct: Container, req: Request) -> Response:
    """The response of the container's main process to ``req`` (access logs go to the container's log)."""
    resp = _serve(cluster, ct, req)
    app = ct.image.app.name if ct.image else ""
    agent = req.headers.get("User-Agent", "-")
    if app == NGINX:
        # upstream: nginx's default "main" log_format in the image's nginx.conf
        when = cluster.clock.datetime().strftime("%d/%b/%Y:%H:%M:%S +0000")
        if resp.status == 404:
            stamp = cluster.clock.datetime().strftime("%Y/%m/%d %H:%M:%S")
            path = "/usr/share/nginx/html" + req.path.split("?", 1)[0]
            host = req.headers.get("Host", req.host)
            ct.logs.append(
                f'{stamp} [error] 29#29: *1 open() "{path}" failed (2: No such file or directory), '
                f'client: {client_ip(req)}, server: localhost, request: "{req.method} {req.path} '
                f'HTTP/1.1", host: "{host}"\n'
            )
        ct.logs.append(
            f'{client_ip(req)} - - [{when}] "{req.method} {req.path} HTTP/1.1" {resp.status} '
            f'{len(resp.body) if req.method != "HEAD" else 0} "-" "{agent}" "-"\n'
        )
    return resp


def _serve(cluster: Cluster, ct: Container, req: Request) -> Response:
    app = ct.image.app.name if ct.image else ""
    if app == NGINX:
        return _nginx(cluster, ct, req)
    if app in DEMO_PAGES:
        return _express(cluster, ct, req)
    if app == "http-echo":
        text = (echo_text(ct.argv) or "") + "\n"
        return Response(
            200,
            "OK",
            {
                "X-App-Name": "http-echo",
                "X-App-Version": ct.image.app.version or "1.0.0",
                "Date": _http_date(cluster),
                "Content-Length": str(len(text)),
                "Content-Type": "text/plain; charset=utf-8",
            },
            text.encode(),
        )
    if app == "ingress-nginx":
        return _ingress_nginx(cluster, req)
    if app == "coredns":  # /health and /ready of CoreDNS's health and ready plugins
        return Response(
            200,
            "OK",
            {"Date": _http_date(cluster), "Content-Length": "2", "Content-Type": "text/plain; charset=utf-8"},
            b"OK",
        )
    return Response(502, "Bad Gateway", {}, b"")


def _nginx_error(cluster: Cluster, version: str, status: int, reason: str) -> Response:
    body = (
        f"<html>\r\n<head><title>{status} {reason}</title></head>\r\n<body>\r\n"
        f"<center><h1>{status} {reason}</h1></center>\r\n<hr><center>nginx/{version}</center>\r\n"
        "</body>\r\n</html>\r\n"
    ).encode()
    return Response(
        status,
        reason,
        {
            "Server": f"nginx/{version}",
            "Date": _http_date(cluster),
            "Content-Type": "text/html",
            "Content-Length": str(len(body)),
            "Connection": "keep-alive",
        },
        body,
    )


def _nginx(cluster: Cluster, ct: Container, req: Request) -> Response:
    version = ct.image.app.version
    root = "/usr/share/nginx/html"
    path = req.path.split("?", 1)[0] or "/"
    if req.method not in ("GET", "HEAD"):
        return _nginx_error(cluster, version, 405, "Not Allowed")
    fs = ct.fs
    target = root + path
    if path.endswith("/"):
        index = fs.read(target + "index.html")
        if index is None:
            if fs.listdir(target.rstrip("/")) is None:
                return _nginx_error(cluster, version, 404, "Not Found")
            return _nginx_error(cluster, version, 403, "Forbidden")  # no index, autoindex off
        body = index
    else:
        body = fs.read(target)
        if body is None:
            if fs.listdir(target) is not None:
                loc = (
                    f"http://{req.host}{path}/" if req.port == 80 else f"http://{req.host}:{req.port}{path}/"
                )
                resp = _nginx_error(cluster, version, 301, "Moved Permanently")
                resp.headers["Location"] = loc
                return resp
            return _nginx_error(cluster, version, 404, "Not Found")
    mtime = (
        IMAGE_BUILT
        if body in (NGINX_INDEX, NGINX_50X)
        else int(cluster.clock.datetime(ct.started_at).timestamp())
    )
    ctype = "text/html" if target.endswith((".html", "/")) else "text/plain"
    headers = {
        "Server": f"nginx/{version}",
        "Date": _http_date(cluster),
        "Content-Type": ctype,
        "Content-Length": str(len(body)),
        "Last-Modified": _gmt(mtime),
        "Connection": "keep-alive",
        "ETag": f'"{mtime:x}-{len(body):x}"',
        "Accept-Ranges": "bytes",
    }
    return Response(200, "OK", headers, body)


def _gmt(epoch: int) -> str:
    from datetime import UTC, datetime

    return datetime.fromtimestamp(epoch, UTC).strftime("%a, %d %b %Y %H:%M:%S GMT")


def _express(cluster: Cluster, ct: Container, req: Request) -> Response:
    path = req.path.split("?", 1)[0] or "/"
    if path in ("/", "/index.html") and req.method in ("GET", "HEAD"):
        body, status, reason = ct.fs.read("/app/index.html") or b"", 200, "OK"
    else:
        body = (
            f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Error</title>\n'
            f"</head>\n<body>\n<pre>Cannot {req.method} {path}</pre>\n</body>\n</html>\n"
        ).encode()
        status, reason = 404, "Not Found"
    etag = hashlib.sha1(body).hexdigest()[:27]
    headers = {
        "X-Powered-By": "Express",
        "Content-Type": "text/html; charset=utf-8",
        "Content-Length": str(len(body)),
        "ETag": f'W/"{len(body):x}-{etag}"',
        "Date": _http_date(cluster),
        "Connection": "keep-alive",
        "Keep-Alive": "timeout=5",
    }
    if status == 404:
        headers = {
            "X-Powered-By": "Express",
            "Content-Security-Policy": "default-src 'none'",
            "X-Content-Type-Options": "nosniff",
            "Content-Type": "text/html; charset=utf-8",
            "Content-Length": str(len(body)),
            "Date": _http_date(cluster),
            "Connection": "keep-alive",
            "Keep-Alive": "timeout=5",
        }
    return Response(status, reason, headers, body)


def _ingress_nginx(cluster: Cluster, req: Request) -> Response:
    """The controller's health port (10254: /healthz "ok"); 80/443 go to the ingress router."""
    if req.port == 10254:
        ok = req.path.split("?", 1)[0] == "/healthz"
        body = b"ok" if ok else b"404 page not found\n"
        return Response(
            200 if ok else 404,
            "OK" if ok else "Not Found",
            {
                "Content-Type": "text/plain; charset=utf-8",
                "Date": _http_date(cluster),
                "Content-Length": str(len(body)),
            },
            body,
        )
    import importlib

    try:
        ingress = importlib.import_module("k8stutor.network.ingress")
    except ModuleNotFoundError:
        return Response(404, "Not Found", {"Date": _http_date(cluster)}, b"")
    return ingress.handle(cluster, req)
