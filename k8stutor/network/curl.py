"""curl 8.5.0 (Ubuntu 24.04's, the host of minikube's docker driver on Linux) on the simulated network.

Runs on the host (``cluster.curl``) or inside a container (``kubectl exec ... -- curl``).  Output
and error texts follow curl 8.5.0: src/tool_getparam.c (options), lib/connect.c ("Failed to connect
to %s port %u after %ld ms: %s"), lib/strerror.c (curl_easy_strerror: "Couldn't connect to server",
"Timeout was reached"), lib/http.c (-v lines), curl.se/docs/manpage.html.

Extra (not a curl option): ``--k8s-trace`` appends, on stderr, the path the request took
(which listener or Service, which endpoint pod answered); see docs/using/cluster.md.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from ..terminal.result import Result
from . import dns, proxy
from .http import ConnectionRefused, Request, Response, TLSFailure, Unreachable, listeners

if TYPE_CHECKING:
    from ..cluster import Cluster

VERSION = "8.5.0"
DEFAULT_HOSTS = (
    b"127.0.0.1\tlocalhost\n127.0.1.1\tlearner-laptop\n\n"
    b"# The following lines are desirable for IPv6 capable hosts\n"
    b"::1     ip6-localhost ip6-loopback\nfe00::0 ip6-localnet\nff00::0 ip6-mcastprefix\n"
    b"ff02::1 ip6-allnodes\nff02::2 ip6-allrouters\n"
)
LINUX_SYN_TIMEOUT = 127.0  # net.ipv4.tcp_syn_retries = 6: 1+2+4+8+16+32+64 s before ETIMEDOUT
_NO_ARG = {
    "-s": "silent",
    "--silent": "silent",
    "-S": "show-error",
    "--show-error": "show-error",
    "-i": "include",
    "--include": "include",
    "-I": "head",
    "--head": "head",
    "-L": "location",
    "--location": "location",
    "-k": "insecure",
    "--insecure": "insecure",
    "-v": "verbose",
    "--verbose": "verbose",
    "-f": "fail",
    "--fail": "fail",
    "--http1.1": "http11",
    "-4": "ipv4",
    "--ipv4": "ipv4",
    "--k8s-trace": "trace",
    "-N": "nobuffer",
    "--no-buffer": "nobuffer",
    "-g": "globoff",
    "--globoff": "globoff",
    "-#": "progress",
    "--compressed": "compressed",
}
_WITH_ARG = {
    "-H": "header",
    "--header": "header",
    "-X": "request",
    "--request": "request",
    "-d": "data",
    "--data": "data",
    "--data-raw": "data",
    "-o": "output",
    "--output": "output",
    "-w": "write-out",
    "--write-out": "write-out",
    "-m": "max-time",
    "--max-time": "max-time",
    "--connect-timeout": "connect-timeout",
    "--resolve": "resolve",
    "-A": "user-agent",
    "--user-agent": "user-agent",
    "--noproxy": "noproxy",
    "-u": "user",
    "--user": "user",
    "-e": "referer",
    "--referer": "referer",
}
_SHORT_NO_ARG = {k[1] for k in _NO_ARG if len(k) == 2}
_SHORT_WITH_ARG = {k[1] for k in _WITH_ARG if len(k) == 2}


class UsageError(Exception):
    pass


@dataclass
class Options:
    flags: set[str] = field(default_factory=set)
    headers: list[str] = field(default_factory=list)
    resolve: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    values: dict[str, str] = field(default_factory=dict)


def parse_args(argv: list[str]) -> Options:
    opts = Options()
    i = 0
    while i < len(argv):
        a = argv[i]
        i += 1
        if a.startswith("--") and "=" in a and a.split("=", 1)[0] in _WITH_ARG:
            a, val = a.split("=", 1)
            _set(opts, _WITH_ARG[a], val)
        elif a in _NO_ARG:
            opts.flags.add(_NO_ARG[a])
        elif a in _WITH_ARG:
            if i >= len(argv):
                raise UsageError(f"curl: option {a}: requires parameter")
            _set(opts, _WITH_ARG[a], argv[i])
            i += 1
        elif a.startswith("-") and not a.startswith("--") and len(a) > 1:
            for j, ch in enumerate(a[1:]):
                if ch in _SHORT_NO_ARG:
                    opts.flags.add(_NO_ARG["-" + ch])
                elif ch in _SHORT_WITH_ARG:
                    rest = a[j + 2 :]
                    if not rest:
                        if i >= len(argv):
                            raise UsageError(f"curl: option -{ch}: requires parameter")
                        rest = argv[i]
                        i += 1
                    _set(opts, _WITH_ARG["-" + ch], rest)
                    break
                else:
                    raise UsageError(f"curl: option {a}: is unknown")
        elif a.startswith("--"):
            raise UsageError(f"curl: option {a}: is unknown")
        else:
            opts.urls.append(a)
    return opts


_NUMERIC = {"max-time": "-m", "connect-timeout": "--connect-timeout"}


def _set(opts: Options, key: str, val: str) -> None:
    if key in _NUMERIC:
        try:
            if float(val) < 0:
                raise ValueError(val)
        except ValueError:
            # upstream: src/tool_getparam.c (PARAM_BAD_NUMERIC -> "expected a proper numerical parameter")
            raise UsageError(f"curl: option {_NUMERIC[key]}: expected a proper numerical parameter") from None
    if key == "header":
        opts.headers.append(val)
    elif key == "resolve":
        opts.resolve.append(val)
    else:
        opts.values[key] = val


def _usage_fail(msg: str) -> Result:
    return Result("", f"{msg}\ncurl: try 'curl --help' or 'curl --manual' for more information\n", 2)


# -- name resolution -----------------------------------------------------------------
def _hosts_file(text: str, name: str) -> str | None:
    for line in text.splitlines():
        line = line.split("#", 1)[0].split()
        if len(line) >= 2 and name.lower() in (n.lower() for n in line[1:]):
            try:
                if ipaddress.ip_address(line[0]).version == 4:
                    return line[0]
            except ValueError:
                continue
    return None


def host_hosts(cluster: Cluster) -> str:
    if "/etc/hosts" not in cluster.files:
        cluster.files["/etc/hosts"] = DEFAULT_HOSTS
    return cluster.files["/etc/hosts"].decode("utf-8", errors="replace")


def resolve_name(cluster: Cluster, host: str, port: int, opts: Options, source: dict | None) -> str | None:
    for entry in opts.resolve:
        parts = entry.split(":", 2)
        if len(parts) == 3 and parts[0].lower() == host.lower() and parts[1] in (str(port), "*"):
            return parts[2].strip("[]")
    try:
        ipaddress.ip_address(host)
        return host
    except ValueError:
        pass
    if source is None:
        if host.lower() == "localhost":
            return "127.0.0.1"
        return _hosts_file(host_hosts(cluster), host)
    hosts = source["fs"].read("/etc/hosts") if source.get("fs") else None
    found = _hosts_file(hosts.decode() if hosts else "", host)
    if found or host.lower() == "localhost":
        return found or "127.0.0.1"
    if source.get("node"):
        return None  # the node resolves through its own /etc/hosts and upstream DNS, not CoreDNS
    ans = dns.resolve(cluster, host, source.get("namespace", "default"))
    return ans.ips[0] if ans and ans.ips else None


# -- one exchange ---------------------------------------------------------------------
def exchange(cluster: Cluster, req: Request, source: dict | None) -> Response:
    """Send ``req`` to ``req.ip:req.port``: a listener on the host side, else the network."""
    if source is not None and req.ip in ("127.0.0.1", "::1"):
        req.client_ip = "127.0.0.1"  # type: ignore[attr-defined]
        return proxy.deliver_to_pod(cluster, req, source["pod_ip"], req.port)
    hit = listeners(cluster).lookup(req.ip, req.port)
    if hit is not None:
        owner, handler = hit
        resp = handler(cluster, req)
        resp.hops.insert(0, f"{owner}: listening on {req.ip}:{req.port}")
        return resp
    return proxy.route(cluster, req)


def run(cluster: Cluster, argv: list[str], stdin: str = "", source: dict | None = None) -> Result:
    """``curl ARGV`` on the host (``source`` None) or in a pod (``{"namespace", "pod_ip", "fs", "name"}``)."""
    try:
        opts = parse_args(argv)
    except UsageError as exc:
        return _usage_fail(str(exc))
    if not opts.urls:
        return _usage_fail("curl: no URL specified!")
    out, err, code = [], [], 0
    trace: list[str] = []
    for url in opts.urls:
        o, e, code, hops = _one(cluster, url, opts, source)
        out.append(o)
        err.append(e)
        trace += hops
    if "trace" in opts.flags:
        who = (
            "host" if source is None else f"pod {source.get('namespace', 'default')}/{source.get('name', '')}"
        )
        err.append("".join(f"k8stutor trace ({who}): {h}\n" for h in trace))
    return Result("".join(out), "".join(err), code)


def _error(opts: Options, code: int, msg: str) -> tuple[str, str, int, list[str]]:
    show = "silent" not in opts.flags or "show-error" in opts.flags
    return "", (f"curl: ({code}) {msg}\n" if show else ""), code, []


def _one(cluster: Cluster, url: str, opts: Options, source: dict | None):
    if "://" not in url:
        url = "http://" + url
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return _error(opts, 3, "URL rejected: Port number was not a decimal number between 0 and 65535")
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        return _error(opts, 1, f'Protocol "{parts.scheme}" not supported')
    host = parts.hostname or ""
    if not host:
        return _error(opts, 3, "URL rejected: No host part in the URL")
    port = port or (443 if scheme == "https" else 80)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    verbose: list[str] = []
    v = "verbose" in opts.flags
    ip = resolve_name(cluster, host, port, opts, source)
    if ip is None:
        if v:
            verbose.append(f"* Could not resolve host: {host}\n* Closing connection\n")
        o, e, c, h = _error(opts, 6, f"Could not resolve host: {host}")
        return o, "".join(verbose) + e, c, h
    if v:
        if host != ip:
            verbose.append(
                f"* Host {host}:{port} was resolved.\n* IPv6: {'::1' if ip == '127.0.0.1' else '(none)'}\n"
                f"* IPv4: {ip}\n"
            )
        if source is None and host.lower() == "localhost" and ip == "127.0.0.1":
            # curl tries the IPv6 loopback first (happy eyeballs); a port-forward listens on both
            verbose.append(f"*   Trying [::1]:{port}...\n")
            if listeners(cluster).lookup("::1", port) is not None:
                ip = "::1"
            else:
                eph = cluster.clock.random.randrange(32768, 61000)
                verbose.append(
                    f"* connect to ::1 port {port} from ::1 port {eph} failed: Connection refused\n"
                )
                verbose.append(f"*   Trying {ip}:{port}...\n")
        else:
            verbose.append(f"*   Trying {ip}:{port}...\n")
    method = opts.values.get("request") or (
        "HEAD" if "head" in opts.flags else ("POST" if "data" in opts.values else "GET")
    )
    headers = {
        "Host": host if port == (443 if scheme == "https" else 80) else f"{host}:{port}",
        "User-Agent": opts.values.get("user-agent", f"curl/{VERSION}"),
        "Accept": "*/*",
    }
    for h in opts.headers:
        name, _, value = h.partition(":")
        match = next((k for k in headers if k.lower() == name.strip().lower()), None)
        if match:
            del headers[match]
        if value.strip():
            headers[name.strip()] = value.strip()
    body = opts.values.get("data", "").encode()
    if body:
        headers["Content-Length"] = str(len(body))
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    host_header = headers.get("Host", host).split(":")[0]
    req = Request(
        method=method,
        scheme=scheme,
        host=host_header,
        port=port,
        path=path,
        headers=headers,
        body=body,
        ip=ip,
        source="host" if source is None else source.get("name", "pod"),
        insecure="insecure" in opts.flags,
    )
    if source is not None and not source.get("node"):
        req.client_ip = source.get("pod_ip", "")  # type: ignore[attr-defined]
    limit = _limit(opts)
    try:
        resp = exchange(cluster, req, source)
    except ConnectionRefused as exc:
        if type(exc).__name__ == "EmptyReply":
            o, e, c, h = _error(opts, 52, "Empty reply from server")
            return o, "".join(verbose) + e, c, h
        if v:
            eph = cluster.clock.random.randrange(32768, 61000)
            verbose.append(
                f"* connect to {ip} port {port} from {ip} port {eph} failed: Connection refused\n"
                f"* Failed to connect to {host} port {port} after 0 ms: Couldn't connect to server\n"
                "* Closing connection\n"
            )
        o, e, c, h = _error(
            opts, 7, f"Failed to connect to {host} port {port} after 0 ms: Couldn't connect to server"
        )
        return o, "".join(verbose) + e, c, h
    except Unreachable:
        return _timeout(cluster, opts, host, port, limit, verbose)
    except TLSFailure as exc:
        o, e, c, h = _error(opts, exc.code, exc.message)
        if e:
            e += (
                "More details here: https://curl.se/docs/sslcerts.html\n\n"
                "curl failed to verify the legitimacy of the server and therefore could not\n"
                "establish a secure connection to it. To learn more about this situation and\n"
                "how to fix it, please visit the web page mentioned above.\n"
            )
        return o, "".join(verbose) + e, c, h
    return _render(cluster, opts, req, resp, host, ip, port, verbose, source)


def _limit(opts: Options) -> float | None:
    vals = [float(opts.values[k]) for k in ("max-time", "connect-timeout") if k in opts.values]
    return min(vals) if vals else None


def _timeout(cluster: Cluster, opts: Options, host: str, port: int, limit: float | None, verbose: list[str]):
    """No answer: the SYN goes unanswered until the OS (127 s) or ``--max-time`` gives up; time passes."""
    wait = limit if limit is not None and limit < LINUX_SYN_TIMEOUT else LINUX_SYN_TIMEOUT
    ms = int(wait * 1000) + (1 if limit is not None else cluster.clock.random.randrange(800, 1600))
    cluster.advance(ms / 1000)
    if limit is not None and limit < LINUX_SYN_TIMEOUT:
        msg = f"Failed to connect to {host} port {port} after {ms} ms: Timeout was reached"
    else:
        msg = f"Failed to connect to {host} port {port} after {ms} ms: Couldn't connect to server"
    if "verbose" in opts.flags:
        verbose.append(f"* {msg}\n* Closing connection\n")
    o, e, c, h = _error(opts, 28, msg)
    return o, "".join(verbose) + e, c, h


def _render(
    cluster: Cluster,
    opts: Options,
    req: Request,
    resp: Response,
    host: str,
    ip: str,
    port: int,
    verbose: list[str],
    source: dict | None,
    depth: int = 0,
):
    v = "verbose" in opts.flags
    status_line = f"HTTP/1.1 {resp.status} {resp.reason}"
    head_lines = [status_line] + [f"{k}: {val}" for k, val in resp.headers.items()]
    head_text = "".join(line + "\r\n" for line in head_lines) + "\r\n"
    if v:
        verbose.append(f"* Connected to {host} ({ip}) port {port}\n")
        verbose.append(f"> {req.method} {req.path} HTTP/1.1\n")
        verbose += [f"> {k}: {val}\n" for k, val in req.headers.items()] + ["> \n"]
        verbose += [f"< {line}\n" for line in head_lines] + ["< \n"]
    hops = list(resp.hops)
    if "location" in opts.flags and 300 <= resp.status < 400 and "Location" in resp.headers and depth < 50:
        if v:
            verbose.append(
                f"* Connection #0 to host {host} left intact\n"
                f"* Issue another request to this URL: '{resp.headers['Location']}'\n"
            )
        prefix = head_text if ("include" in opts.flags or "head" in opts.flags) else ""
        o, e, c, h = _one(cluster, resp.headers["Location"], opts, source)
        return prefix + o, "".join(verbose) + e, c, hops + h
    if "fail" in opts.flags and resp.status >= 400:
        o, e, c, h = _error(opts, 22, f"The requested URL returned error: {resp.status}")
        return o, "".join(verbose) + e, c, hops
    body = b"" if req.method == "HEAD" else resp.body
    out = ""
    if "include" in opts.flags or "head" in opts.flags:
        out += head_text
    text = body.decode("utf-8", errors="replace")
    target = opts.values.get("output")
    if target and target != "-":
        if target != "/dev/null":
            cluster.write_file(target, body)
    else:
        out += text
    if v:
        verbose.append(f"* Connection #0 to host {host} left intact\n")
    if "write-out" in opts.values:
        out += _write_out(opts.values["write-out"], resp, req, ip, port, len(body))
    return out, "".join(verbose), 0, hops


def _write_out(fmt: str, resp: Response, req: Request, ip: str, port: int, size: int) -> str:
    """curl's -w variables (docs/cmdline-opts/write-out.md), the common ones."""
    values = {
        "http_code": f"{resp.status:03d}",
        "response_code": f"{resp.status:03d}",
        "remote_ip": ip,
        "remote_port": str(port),
        "size_download": str(size),
        "num_redirects": "0",
        "url_effective": f"{req.scheme}://{req.headers.get('Host', req.host)}{req.path}",
        "content_type": resp.headers.get("Content-Type", ""),
        "http_version": "1.1",
        "method": req.method,
        "scheme": req.scheme.upper(),
    }
    text = re.sub(r"%\{([a-z_]+)\}", lambda m: values.get(m.group(1), ""), fmt)
    return text.replace("\\n", "\n").replace("\\t", "\t").replace("\\r", "\r")
