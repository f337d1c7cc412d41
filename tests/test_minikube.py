"""The minikube CLI: ip, service, tunnel, dashboard, status, version.

Golden texts: kubernetes/minikube cmd/minikube/cmd/{ip,service,service_list,version}.go,
pkg/minikube/tunnel/reporter.go (the Status block) and loadbalancer_patcher.go (ingress = ClusterIP),
tablewriter as minikube's `service list` prints it.
"""

from __future__ import annotations

from k8stutor import Cluster
from k8stutor import minikube as mk


def lb_cluster() -> Cluster:
    c = Cluster()
    c.store.create(
        {
            "apiVersion": "v1",
            "kind": "Pod",
            "metadata": {"name": "demo", "labels": {"app": "demo"}},
            "spec": {"containers": [{"name": "demo", "image": "880831ian/kubernetes-demo"}]},
        }
    )
    c.store.create(
        {
            "apiVersion": "v1",
            "kind": "Service",
            "metadata": {"name": "kubernetes-demo-service"},
            "spec": {
                "type": "LoadBalancer",
                "selector": {"app": "demo"},
                "ports": [{"protocol": "TCP", "port": 3000, "targetPort": 3000}],
            },
        }
    )
    c.advance("30s")
    return c


def test_ip_and_version_and_status():
    c = Cluster()
    assert str(c.minikube("ip")) == "192.168.49.2\n"
    assert str(c.minikube("version")) == (
        "minikube version: v1.35.0\ncommit: dd5d320e41b5451cdf3c01891bc4e13d189586ed-dirty\n"
    )
    assert str(c.minikube("status")).splitlines()[:3] == ["minikube", "type: Control Plane", "host: Running"]


def test_service_url_and_list():
    c = Cluster()
    c.store.create(
        {
            "apiVersion": "v1",
            "kind": "Service",
            "metadata": {"name": "kubernetes-demo-service"},
            "spec": {
                "type": "NodePort",
                "selector": {"app": "demo"},
                "ports": [{"port": 3000, "targetPort": 3000, "nodePort": 30001}],
            },
        }
    )
    assert str(c.minikube("service kubernetes-demo-service --url")) == "http://192.168.49.2:30001\n"
    assert str(c.minikube("service list")) == (
        "|-------------|-------------------------|--------------|---------------------------|\n"
        "|  NAMESPACE  |          NAME           | TARGET PORT  |            URL            |\n"
        "|-------------|-------------------------|--------------|---------------------------|\n"
        "| default     | kubernetes              | No node port |                           |\n"
        "| default     | kubernetes-demo-service |         3000 | http://192.168.49.2:30001 |\n"
        "| kube-system | kube-dns                | No node port |                           |\n"
        "|-------------|-------------------------|--------------|---------------------------|\n"
    )
    opened = str(c.minikube("service kubernetes-demo-service"))
    assert opened.endswith("🎉  Opening service default/kubernetes-demo-service in default browser...\n")


def test_service_not_found():
    r = Cluster().minikube("service nope")
    assert r.returncode == 85
    assert (
        "❌  Exiting due to SVC_NOT_FOUND: Service 'nope' was not found in 'default' namespace." in r.stderr
    )


def test_load_balancer_is_pending_until_the_tunnel_runs():
    c = lb_cluster()
    svc = c.store.get("Service", "kubernetes-demo-service")
    assert svc["status"] == {"loadBalancer": {}}
    ip = svc["spec"]["clusterIP"]
    assert c.curl(f"--max-time 3 http://{ip}:3000").returncode == 28  # no route yet
    tunnel, first = mk.background(c, ["tunnel"])
    assert first.stdout == (
        "Status:\t\n\tmachine: minikube\n\tpid: 139214\n\troute: 10.96.0.0/12 -> 192.168.49.2\n"
        "\tminikube: Running\n\tservices: [kubernetes-demo-service]\n"
        "    errors: \n\t\tminikube: no errors\n\t\trouter: no errors\n\t\tloadbalancer emulator: no errors\n"
    )
    svc = c.store.get("Service", "kubernetes-demo-service")
    assert svc["status"]["loadBalancer"]["ingress"] == [{"ip": ip}]
    assert "Hello Kubernetes" in c.curl(f"http://{ip}:3000").stdout
    c.advance("5s")
    assert tunnel.take().startswith("Status:")  # reported again every 5 s
    tunnel.stop()
    assert c.store.get("Service", "kubernetes-demo-service")["status"] == {"loadBalancer": {}}


def test_tunnel_in_the_foreground_stops_and_cleans_up():
    c = lb_cluster()
    r = c.minikube("tunnel")
    assert r.stdout.startswith("Status:\t\n\tmachine: minikube\n")
    assert c.store.get("Service", "kubernetes-demo-service")["status"] == {"loadBalancer": {}}


def test_dashboard_says_what_it_would_open():
    out = str(Cluster().minikube("dashboard"))
    assert "🎉  Opening http://127.0.0.1:36667/api/v1/namespaces/kubernetes-dashboard/services/" in out


def test_unknown_command():
    r = Cluster().minikube("frobnicate")
    assert r.returncode == 1 and r.stderr.startswith('Error: unknown command "frobnicate" for "minikube"')


def test_ssh_curl_reaches_a_cluster_ip_from_the_node():
    c = lb_cluster()
    ip = c.store.get("Service", "kubernetes-demo-service")["spec"]["clusterIP"]
    assert "Hello Kubernetes" in c.minikube(["ssh", f"curl -s http://{ip}:3000"]).stdout
    assert c.minikube(["ssh", "--", "curl", "kubernetes-demo-service:3000"]).returncode == 6  # no cluster DNS
    assert c.minikube(["ssh", "ls"]).returncode == 1
