"""curl, cluster DNS, kube-proxy paths and port-forward.

Golden texts: curl 8.5.0 (lib/connect.c "Failed to connect to %s port %u after %ld ms: %s",
lib/strerror.c, src/tool_getparam.c), client-go tools/portforward/portforward.go ("Forwarding from",
"Handling connection for"), busybox 1.28 networking/nslookup.c (the StatefulSet tutorial's output),
kubernetes.io/docs/concepts/services-networking/dns-pod-service/.
"""

from __future__ import annotations

import pytest

from k8stutor import Cluster
from k8stutor.kubectl.verbs import port_forward
from k8stutor.network import dns
from k8stutor.node import exec as node_exec


def demo(c: Cluster, name: str = "kubernetes-demo-pod", image: str = "880831ian/kubernetes-demo") -> dict:
    return c.store.create(
        {
            "apiVersion": "v1",
            "kind": "Pod",
            "metadata": {"name": name, "labels": {"app": "demo"}},
            "spec": {
                "containers": [
                    {"name": "kubernetes-demo", "image": image, "ports": [{"containerPort": 3000}]}
                ]
            },
        }
    )


def service(c: Cluster, name: str = "kubernetes-demo-service", **spec) -> dict:
    spec.setdefault("selector", {"app": "demo"})
    spec.setdefault("ports", [{"protocol": "TCP", "port": 3000, "targetPort": 3000}])
    return c.store.create({"apiVersion": "v1", "kind": "Service", "metadata": {"name": name}, "spec": spec})


@pytest.fixture()
def cluster() -> Cluster:
    c = Cluster()
    demo(c)
    service(
        c, type="NodePort", ports=[{"protocol": "TCP", "port": 3000, "targetPort": 3000, "nodePort": 30001}]
    )
    c.advance("30s")
    return c


def test_node_port_reaches_the_demo_app(cluster):
    r = cluster.curl("http://192.168.49.2:30001")
    assert r.returncode == 0 and "<h1>Hello Kubernetes!</h1>" in r.stdout and "shiba" in r.stdout


def test_v1_tag_serves_the_logo_page():
    c = Cluster()
    demo(c, image="880831ian/kubernetes-demo:v1")
    service(c, type="NodePort", ports=[{"port": 3000, "nodePort": 30001}])
    c.advance("30s")
    body = c.curl("-s 192.168.49.2:30001").stdout
    assert "Kubernetes logo" in body and "shiba" not in body


def test_include_headers_of_express(cluster):
    r = cluster.curl("-i http://192.168.49.2:30001/")
    head = r.stdout.split("\r\n\r\n")[0].split("\r\n")
    assert head[0] == "HTTP/1.1 200 OK"
    assert head[1] == "X-Powered-By: Express"
    assert "Date: Wed, 15 Jan 2025 09:00:30 GMT" in head


def test_connection_refused_wording(cluster):
    assert str(cluster.curl("http://localhost:3000")) == (
        "curl: (7) Failed to connect to localhost port 3000 after 0 ms: Couldn't connect to server\n"
    )
    assert cluster.curl("localhost:3000").returncode == 7
    assert str(cluster.curl("http://192.168.49.2:30002/")).startswith(
        "curl: (7) Failed to connect to 192.168.49.2"
    )


def test_unknown_host(cluster):
    r = cluster.curl("http://test.tw/")
    assert (str(r), r.returncode) == ("curl: (6) Could not resolve host: test.tw\n", 6)
    assert cluster.curl("-s test.tw").stderr == ""  # -s silences errors ...
    assert (
        cluster.curl("-sS test.tw").stderr == "curl: (6) Could not resolve host: test.tw\n"
    )  # ... -S shows them


def test_cluster_ip_from_the_host_times_out_and_takes_time(cluster):
    ip = cluster.store.get("Service", "kubernetes-demo-service")["spec"]["clusterIP"]
    before = cluster.clock.now
    r = cluster.curl(f"--max-time 5 http://{ip}:3000")
    assert (str(r), r.returncode) == (
        f"curl: (28) Failed to connect to {ip} port 3000 after 5001 ms: Timeout was reached\n",
        28,
    )
    assert cluster.clock.now - before == pytest.approx(5.001)
    r = cluster.curl(f"http://{ip}:3000")
    assert r.returncode == 28 and r.stderr.endswith("ms: Couldn't connect to server\n")


def test_etc_hosts_on_the_host_and_resolve_flag(cluster):
    cluster.files["/etc/hosts"] = b"127.0.0.1 localhost\n192.168.49.2 test.tw\n"
    assert "Hello Kubernetes" in cluster.curl("http://test.tw:30001").stdout
    assert (
        "Hello Kubernetes" in cluster.curl("--resolve foo.tw:30001:192.168.49.2 http://foo.tw:30001").stdout
    )


def test_verbose_lines(cluster):
    r = cluster.curl("-v -s -o /dev/null http://192.168.49.2:30001/")
    assert r.stderr.splitlines()[:6] == [
        "*   Trying 192.168.49.2:30001...",
        "* Connected to 192.168.49.2 (192.168.49.2) port 30001",
        "> GET / HTTP/1.1",
        "> Host: 192.168.49.2:30001",
        "> User-Agent: curl/8.5.0",
        "> Accept: */*",
    ]
    assert r.stderr.endswith("* Connection #0 to host 192.168.49.2 left intact\n")


def test_write_out_and_head(cluster):
    assert str(cluster.curl("-s -o /dev/null -w '%{http_code}' http://192.168.49.2:30001/nope")) == "404"
    r = cluster.curl("-I http://192.168.49.2:30001/")
    assert r.stdout.startswith("HTTP/1.1 200 OK\r\n") and "<html>" not in r.stdout


def test_bad_options(cluster):
    r = cluster.curl("--bogus http://x")
    assert (str(r), r.returncode) == (
        "curl: option --bogus: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n",
        2,
    )
    assert str(cluster.curl("")).startswith("curl: no URL specified!")


def test_trace_names_the_service_and_the_pod(cluster):
    r = cluster.curl("-s -o /dev/null --k8s-trace http://192.168.49.2:30001/")
    lines = r.stderr.splitlines()
    assert lines[0] == (
        "k8stutor trace (host): kube-proxy: NodePort 30001 -> service default/kubernetes-demo-service "
        "-> endpoint 10.244.0.3:3000 (pod kubernetes-demo-pod, 1 of 1 ready)"
    )
    assert lines[1].endswith("container kubernetes-demo on port 3000: HTTP 200")


def test_service_without_ready_endpoints_refuses():
    c = Cluster()
    service(c, type="NodePort", ports=[{"port": 3000, "nodePort": 30001}])
    c.settle()
    assert c.curl("http://192.168.49.2:30001").returncode == 7


# -- DNS -----------------------------------------------------------------------------------
def client(c: Cluster, image: str = "busybox:1.28") -> dict:
    c.store.create(
        {
            "apiVersion": "v1",
            "kind": "Pod",
            "metadata": {"name": "client"},
            "spec": {"containers": [{"name": "client", "image": image, "command": ["sleep", "3600"]}]},
        }
    )
    c.advance("30s")
    return c.store.get("Pod", "client")


def test_service_names_resolve_inside_pods(cluster):
    p = client(cluster)
    ip = cluster.store.get("Service", "kubernetes-demo-service")["spec"]["clusterIP"]
    for name in (
        "kubernetes-demo-service",
        "kubernetes-demo-service.default",
        "kubernetes-demo-service.default.svc.cluster.local",
    ):
        assert dns.resolve(cluster, name, "default").ips == [ip]
    r = node_exec.run(cluster, p, "client", ["wget", "-qO-", "http://kubernetes-demo-service:3000"])
    assert "Hello Kubernetes" in r.stdout
    r = node_exec.run(cluster, p, "client", ["nslookup", "kubernetes-demo-service"])
    assert r.stdout == (
        "Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\n"
        f"Name:      kubernetes-demo-service\nAddress 1: {ip} "
        "kubernetes-demo-service.default.svc.cluster.local\n"
    )


def test_headless_service_and_pod_hostnames():
    c = Cluster()
    service(c, "nginx", clusterIP="None", selector={"app": "nginx"}, ports=[{"name": "web", "port": 80}])
    for i in range(2):
        c.store.create(
            {
                "apiVersion": "v1",
                "kind": "Pod",
                "metadata": {"name": f"web-{i}", "labels": {"app": "nginx"}},
                "spec": {
                    "hostname": f"web-{i}",
                    "subdomain": "nginx",
                    "containers": [
                        {
                            "name": "nginx",
                            "image": "registry.k8s.io/nginx-slim:0.8",
                            "ports": [{"containerPort": 80, "name": "web"}],
                        }
                    ],
                },
            }
        )
    c.advance("30s")
    p = client(c)
    r = node_exec.run(c, p, "client", ["nslookup", "web-0.nginx"])
    assert r.stdout == (
        "Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\n"
        "Name:      web-0.nginx\nAddress 1: 10.244.0.3 web-0.nginx.default.svc.cluster.local\n"
    )
    r = node_exec.run(c, p, "client", ["nslookup", "nginx"])
    assert r.stdout.endswith(
        "Name:      nginx\nAddress 1: 10.244.0.3 web-0.nginx.default.svc.cluster.local\n"
        "Address 2: 10.244.0.4 web-1.nginx.default.svc.cluster.local\n"
    )
    assert dns.srv(c, "_web._tcp.nginx", "default") == [
        (80, "web-0.nginx.default.svc.cluster.local"),
        (80, "web-1.nginx.default.svc.cluster.local"),
    ]
    web0 = c.store.get("Pod", "web-0")
    hosts = str(node_exec.run(c, web0, "nginx", ["cat", "/etc/hosts"]))
    assert hosts.endswith("10.244.0.3\tweb-0.nginx.default.svc.cluster.local\tweb-0\n")
    assert str(node_exec.run(c, web0, "nginx", ["hostname"])) == "web-0\n"


def test_external_name_is_a_cname():
    c = Cluster()
    service(c, "backend", ports=[{"port": 3000}])
    c.store.create({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "other"}})
    c.store.create(
        {
            "apiVersion": "v1",
            "kind": "Service",
            "metadata": {"name": "alias", "namespace": "other"},
            "spec": {"type": "ExternalName", "externalName": "backend.default.svc.cluster.local"},
        }
    )
    ans = dns.resolve(c, "alias", "other")
    assert ans.cname == "backend.default.svc.cluster.local"
    assert ans.ips == [c.store.get("Service", "backend")["spec"]["clusterIP"]]


def test_nslookup_unknown_name_fails():
    c = Cluster()
    p = client(c)
    r = node_exec.run(c, p, "client", ["nslookup", "nope"])
    assert (r.stderr, r.returncode) == ("nslookup: can't resolve 'nope'\n", 1)


def test_cluster_ip_works_from_inside_a_pod(cluster):
    p = client(cluster)
    ip = cluster.store.get("Service", "kubernetes-demo-service")["spec"]["clusterIP"]
    assert "Hello Kubernetes" in node_exec.run(cluster, p, "client", ["wget", "-qO-", f"{ip}:3000"]).stdout


# -- port-forward ---------------------------------------------------------------------------
def test_port_forward_lines_and_connections(cluster):
    fwd, started = port_forward.background(cluster, ["kubernetes-demo-pod", "3000:3000"])
    assert started.stdout == "Forwarding from 127.0.0.1:3000 -> 3000\nForwarding from [::1]:3000 -> 3000\n"
    assert "Hello Kubernetes" in cluster.curl("http://localhost:3000").stdout
    assert fwd.take() == "Handling connection for 3000\n"
    fwd.stop()
    assert cluster.curl("http://localhost:3000").returncode == 7


def test_port_forward_in_the_foreground_ends_like_ctrl_c(cluster):
    r = cluster.kubectl("port-forward kubernetes-demo-pod 3000:3000")
    assert r.stdout == "Forwarding from 127.0.0.1:3000 -> 3000\nForwarding from [::1]:3000 -> 3000\n"
    assert cluster.curl("http://localhost:3000").returncode == 7


def test_port_forward_errors(cluster):
    assert (
        str(cluster.kubectl("port-forward nope 3000:3000"))
        == 'Error from server (NotFound): pods "nope" not found\n'
    )
    assert cluster.kubectl("port-forward kubernetes-demo-pod").stderr.startswith(
        "error: TYPE/NAME and list of ports are required for port-forward"
    )
    fwd, _ = port_forward.background(cluster, ["kubernetes-demo-pod", "3000:3000"])
    r = cluster.kubectl("port-forward kubernetes-demo-pod 3000:3000")
    assert r.stderr.startswith(
        "Unable to listen on port 3000: Listeners failed to create with the following errors:"
    )
    fwd.stop()
    c = Cluster()
    c.store.create(
        {
            "apiVersion": "v1",
            "kind": "Pod",
            "metadata": {"name": "bad"},
            "spec": {"containers": [{"name": "c", "image": "nginx:1.161"}]},
        }
    )
    c.advance("5s")
    assert str(c.kubectl("port-forward bad 8080:80")) == (
        "error: unable to forward port because pod is not running. Current status=Pending\n"
    )


def test_port_forward_to_a_service_picks_a_pod(cluster):
    fwd, _ = port_forward.background(cluster, ["svc/kubernetes-demo-service", "8080:3000"])
    assert "Hello Kubernetes" in cluster.curl("localhost:8080").stdout
    fwd.stop()


def test_port_forward_help_is_kubectls():
    r = Cluster().kubectl("port-forward --help")
    assert r.returncode == 0 and r.stdout.startswith("Forward one or more local ports to a pod.")


def test_verbose_localhost_tries_ipv6_first(cluster):
    """curl 8.x resolves localhost to ::1 and 127.0.0.1 and tries ::1 first; port-forward listens on both."""
    fwd, _ = port_forward.background(cluster, ["kubernetes-demo-pod", "3000:3000"])
    lines = cluster.curl("-sv -o /dev/null http://localhost:3000").stderr.splitlines()
    assert lines[:5] == [
        "* Host localhost:3000 was resolved.",
        "* IPv6: ::1",
        "* IPv4: 127.0.0.1",
        "*   Trying [::1]:3000...",
        "* Connected to localhost (::1) port 3000",
    ]
    fwd.stop()
