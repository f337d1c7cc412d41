"""The ingress addon and Ingress routing, end to end through curl, as a reader runs them.

upstream texts: nginx's error pages (src/http/ngx_http_special_response.c), kubectl's printIngress
(pkg/printers/internalversion/printers.go) and describeIngressV1 (kubectl/pkg/describe/describe.go),
minikube v1.35's addons enable output (cmd/minikube/cmd/config/enable.go, pkg/addons/addons.go).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from k8stutor import Cluster
from k8stutor.network.ingress import error_page

TLS = Path(__file__).parent / "fixtures" / "tls"

DEMO = """apiVersion: v1
kind: Pod
metadata:
  name: kubernetes-demo-pod
  labels:
    app: demo
spec:
  containers:
  - name: kubernetes-demo-container
    image: 880831ian/kubernetes-demo
    ports:
    - containerPort: 3000
---
apiVersion: v1
kind: Service
metadata:
  name: kubernetes-demo-service
spec:
  selector:
    app: demo
  ports:
  - protocol: TCP
    port: 3000
    targetPort: 3000
"""


def ingress(host: str | None, path: str = "/", path_type: str = "Prefix",
            service: str = "kubernetes-demo-service", port: int = 3000,
            name: str = "kubernetes-demo-ingress", extra_spec: str = "") -> str:
    host_line = f'  - host: "{host}"\n    http:' if host else "  - http:"
    return f"""apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: {name}
spec:
{extra_spec}  rules:
{host_line}
      paths:
      - path: {path}
        pathType: {path_type}
        backend:
          service:
            name: {service}
            port:
              number: {port}
"""


@pytest.fixture
def cluster() -> Cluster:
    c = Cluster(seed=0)
    c.write_file("demo.yaml", DEMO)
    assert c.kubectl("apply -f demo.yaml").returncode == 0
    out = c.minikube("addons enable ingress")
    assert out.returncode == 0, str(out)
    for host in ("test.tw", "test-test.tw"):
        c.sh(f"echo '192.168.49.2 {host}' | sudo tee -a /etc/hosts")
    c.advance("30s")
    return c


def apply(c: Cluster, text: str, name: str = "ingress.yaml") -> str:
    c.write_file(name, text)
    r = c.kubectl(f"apply -f {name}")
    assert r.returncode == 0, str(r)
    return r.stdout


def test_enable_prints_minikube_text() -> None:
    c = Cluster(seed=0)
    out = c.minikube("addons enable ingress")
    assert out.returncode == 0
    assert out.stdout.startswith("💡  ingress is an addon maintained by Kubernetes.")
    assert "    ▪ Using image registry.k8s.io/ingress-nginx/controller:v1.11.3\n" in out.stdout
    assert out.stdout.endswith("🔎  Verifying ingress addon...\n🌟  The 'ingress' addon is enabled\n")
    assert "enabled ✅" in c.minikube("addons list").stdout.split("| ingress ")[1].split("\n")[0]


def test_nothing_answers_on_port_80_before_the_addon() -> None:
    c = Cluster(seed=0)
    r = c.curl("http://192.168.49.2/")
    assert r.returncode == 7
    assert "Failed to connect to 192.168.49.2 port 80" in r.stderr


def test_host_rule_serves_its_host_and_404s_the_other(cluster: Cluster) -> None:
    assert apply(cluster, ingress("test.tw")) == "ingress.networking.k8s.io/kubernetes-demo-ingress created\n"
    ok = cluster.curl("http://test.tw/")
    assert ok.returncode == 0 and "shiba" in ok.stdout.lower()
    miss = cluster.curl("http://test-test.tw/")
    assert miss.returncode == 0
    assert miss.stdout == error_page(404).decode()


def test_path_only_rule_serves_every_host(cluster: Cluster) -> None:
    apply(cluster, ingress(None))
    for host in ("test.tw", "test-test.tw"):
        assert "shiba" in cluster.curl(f"http://{host}/").stdout.lower()


def test_host_header_and_resolve_reach_the_same_rule(cluster: Cluster) -> None:
    apply(cluster, ingress("foo.example"))
    assert "shiba" in cluster.curl("-H 'Host: foo.example' http://192.168.49.2/").stdout.lower()
    assert "shiba" in cluster.curl("--resolve foo.example:80:192.168.49.2 http://foo.example/").stdout.lower()


def test_trace_names_rule_service_and_pod(cluster: Cluster) -> None:
    apply(cluster, ingress("test.tw"))
    trace = cluster.curl("--k8s-trace http://test.tw/").stderr
    assert "Ingress default/kubernetes-demo-ingress" in trace
    assert "kubernetes-demo-pod" in trace


def test_default_class_and_address_after_the_status_sync(cluster: Cluster) -> None:
    apply(cluster, ingress("test.tw"))
    first = cluster.kubectl("get ing").stdout.splitlines()
    assert first[0].split() == ["NAME", "CLASS", "HOSTS", "ADDRESS", "PORTS", "AGE"]
    assert first[1].split()[:4] == ["kubernetes-demo-ingress", "nginx", "test.tw", "80"]
    cluster.advance("60s")
    assert cluster.kubectl("get ing").stdout.splitlines()[1].split()[:5] == [
        "kubernetes-demo-ingress", "nginx", "test.tw", "192.168.49.2", "80"]


def test_ingress_made_before_the_addon_has_no_class() -> None:
    c = Cluster(seed=0)
    c.write_file("i.yaml", ingress(None))
    c.kubectl("apply -f i.yaml")
    row = c.kubectl("get ing").stdout.splitlines()[1].split()
    assert row[:3] == ["kubernetes-demo-ingress", "<none>", "*"]


def test_describe_shows_rules_with_endpoints(cluster: Cluster) -> None:
    apply(cluster, ingress("test.tw"))
    out = cluster.kubectl("describe ing kubernetes-demo-ingress").stdout
    assert "Ingress Class:    nginx\nDefault backend:  <default>\n" in out
    assert "Rules:\n  Host        Path  Backends\n" in out
    assert "  test.tw     \n              /   kubernetes-demo-service:3000 (10.244.0." in out
    assert "Normal  Sync" in out and "nginx-ingress-controller  Scheduled for sync" in out


def test_backend_without_endpoints_is_503(cluster: Cluster) -> None:
    cluster.write_file("svc.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: nobody\nspec:\n"
                                   "  selector:\n    app: nobody\n  ports:\n  - port: 80\n")
    cluster.kubectl("apply -f svc.yaml")
    apply(cluster, ingress("test.tw", service="nobody", port=80))
    assert cluster.curl("http://test.tw/").stdout == error_page(503).decode()


def test_exact_and_prefix_rules_choose_the_backend(cluster: Cluster) -> None:
    cluster.write_file("echo.yaml", """apiVersion: v1
kind: Pod
metadata:
  name: echo
  labels:
    app: echo
spec:
  containers:
  - name: echo
    image: hashicorp/http-echo
    args: ["-text=exact"]
---
apiVersion: v1
kind: Service
metadata:
  name: echo
spec:
  selector:
    app: echo
  ports:
  - port: 5678
""")
    cluster.kubectl("apply -f echo.yaml")
    cluster.advance("30s")
    apply(cluster, ingress("test.tw"))
    exact = ingress("test.tw", path="/foo", path_type="Exact", service="echo", port=5678, name="exact")
    apply(cluster, exact, "exact.yaml")
    assert cluster.curl("http://test.tw/foo").stdout == "exact\n"
    # /foo/ is not /foo: the Prefix "/" rule sends it to the demo app, whose Express router has no such page.
    assert "<pre>Cannot GET /foo/</pre>" in cluster.curl("http://test.tw/foo/").stdout


def test_tls_termination_with_a_self_signed_secret(cluster: Cluster) -> None:
    cluster.write_file("tls.crt", (TLS / "test.tw.crt").read_bytes())
    cluster.write_file("tls.key", (TLS / "test.tw.key").read_bytes())
    made = cluster.kubectl("create secret tls test-tw-tls --cert=tls.crt --key=tls.key")
    assert made.stdout == "secret/test-tw-tls created\n", str(made)
    tls = '  tls:\n  - hosts:\n    - test.tw\n    secretName: test-tw-tls\n'
    apply(cluster, ingress("test.tw", extra_spec=tls))
    assert cluster.kubectl("get ing").stdout.splitlines()[1].split()[3:5] == ["80,", "443"]
    strict = cluster.curl("https://test.tw/")
    assert strict.returncode == 60
    assert "SSL certificate problem: self-signed certificate" in strict.stderr
    assert "shiba" in cluster.curl("-k https://test.tw/").stdout.lower()
    redirect = cluster.curl("-i http://test.tw/")
    assert redirect.stdout.startswith("HTTP/1.1 308 Permanent Redirect")
    assert "Location: https://test.tw/" in redirect.stdout


def test_disable_closes_port_80(cluster: Cluster) -> None:
    out = cluster.minikube("addons disable ingress")
    assert out.stdout == "🌑  \"The 'ingress' addon is disabled\"\n"
    assert cluster.curl("http://test.tw/").returncode == 7


def test_unknown_addon_is_an_error() -> None:
    r = Cluster(seed=0).minikube("addons enable ingres")
    assert r.returncode != 0 and "ingres is not a valid addon" in r.stderr
