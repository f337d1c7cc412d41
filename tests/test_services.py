"""Services: defaults, ClusterIP/NodePort allocation and their apiserver errors, Endpoints.

Golden texts: pkg/registry/core/service/storage/alloc.go (field.Invalid on spec.ports[i].nodePort and
spec.clusterIPs), portallocator/allocator.go (ErrNotInRange, ErrAllocated), ipallocator (ErrNotInRange,
ErrAllocated); defaults: pkg/apis/core/v1/defaults.go SetDefaults_Service.
"""

from __future__ import annotations

import ipaddress

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from k8stutor import Cluster
from k8stutor.api import errors


def svc(name: str, **spec) -> dict:
    spec.setdefault("ports", [{"port": 3000}])
    spec.setdefault("selector", {"app": "demo"})
    return {"apiVersion": "v1", "kind": "Service", "metadata": {"name": name}, "spec": spec}


@pytest.fixture(scope="module")
def base() -> Cluster:
    return Cluster()


def test_defaults_of_a_nodeport_service(base):
    c = Cluster()
    s = c.store.create(svc("web", type="NodePort", ports=[{"port": 3000, "nodePort": 30001}]))["spec"]
    assert s["sessionAffinity"] == "None"
    assert s["externalTrafficPolicy"] == "Cluster"
    assert s["internalTrafficPolicy"] == "Cluster"
    assert s["ipFamilies"] == ["IPv4"] and s["ipFamilyPolicy"] == "SingleStack"
    assert s["ports"] == [{"nodePort": 30001, "port": 3000, "protocol": "TCP", "targetPort": 3000}]
    assert s["clusterIPs"] == [s["clusterIP"]]


def test_clusterip_is_the_default_type_and_gets_no_node_port():
    c = Cluster()
    s = c.store.create(svc("web"))["spec"]
    assert s["type"] == "ClusterIP"
    assert "nodePort" not in s["ports"][0]
    assert "externalTrafficPolicy" not in s


def test_cluster_ip_comes_from_the_dynamic_band_of_the_service_cidr():
    c = Cluster()
    ip = ipaddress.ip_address(c.store.create(svc("web"))["spec"]["clusterIP"])
    assert ip in ipaddress.ip_network("10.96.0.0/12")
    # upstream: ipallocator calculateRangeOffset: the first 256 addresses are kept for static picks
    assert int(ip) - int(ipaddress.ip_address("10.96.0.0")) > 256


def test_same_seed_same_addresses():
    a, b = Cluster(seed=3), Cluster(seed=3)
    pick = [c.store.create(svc("web", type="NodePort"))["spec"] for c in (a, b)]
    assert pick[0]["clusterIP"] == pick[1]["clusterIP"]
    assert pick[0]["ports"][0]["nodePort"] == pick[1]["ports"][0]["nodePort"]


def test_node_port_already_allocated_is_invalid_and_changes_nothing():
    c = Cluster()
    c.store.create(svc("a", type="NodePort", ports=[{"port": 80, "nodePort": 30001}]))
    rev = c.store.revision
    with pytest.raises(errors.Invalid) as exc:
        c.store.create(svc("b", type="NodePort", ports=[{"port": 80, "nodePort": 30001}]))
    assert exc.value.kubectl_text() == (
        'The Service "b" is invalid: spec.ports[0].nodePort: Invalid value: 30001: '
        "provided port is already allocated"
    )
    assert c.store.find("Service", "b") is None and c.store.revision == rev


def test_node_port_out_of_range_names_the_range():
    c = Cluster()
    with pytest.raises(errors.Invalid) as exc:
        c.store.create(svc("b", type="NodePort", ports=[{"port": 80, "nodePort": 37267}]))
    assert exc.value.kubectl_text() == (
        'The Service "b" is invalid: spec.ports[0].nodePort: Invalid value: 37267: '
        "provided port is not in the "
        "valid range. The range of valid ports is 30000-32767"
    )


def test_cluster_ip_errors():
    c = Cluster()
    with pytest.raises(errors.Invalid) as exc:
        c.store.create(svc("dns", clusterIP="10.96.0.10"))
    assert exc.value.kubectl_text() == (
        'The Service "dns" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.10"}: '
        "failed to allocate IP 10.96.0.10: provided IP is already allocated"
    )
    with pytest.raises(errors.Invalid) as exc:
        c.store.create(svc("far", clusterIP="10.0.0.5"))
    assert exc.value.kubectl_text().endswith(
        "failed to allocate IP 10.0.0.5: the provided IP (10.0.0.5) is not in the valid range. "
        "The range of valid IPs is 10.96.0.0/12"
    )


def test_delete_releases_the_node_port():
    c = Cluster()
    c.store.create(svc("a", type="NodePort", ports=[{"port": 80, "nodePort": 30001}]))
    c.store.delete("Service", "a")
    assert c.store.create(svc("b", type="NodePort", ports=[{"port": 80, "nodePort": 30001}]))


def test_update_without_allocated_values_keeps_them():
    """upstream: storage.go patchAllocatedValues (what lets a re-apply keep clusterIP and nodePort)."""
    c = Cluster()
    first = c.store.create(svc("a", type="NodePort"))
    again = svc("a", type="NodePort")
    again["metadata"] = dict(first["metadata"])
    after = c.store.update(again)["spec"]
    assert after["clusterIP"] == first["spec"]["clusterIP"]
    assert after["ports"][0]["nodePort"] == first["spec"]["ports"][0]["nodePort"]


def test_load_balancer_defaults_and_headless_and_external_name():
    c = Cluster()
    lb = c.store.create(svc("lb", type="LoadBalancer"))
    assert lb["spec"]["allocateLoadBalancerNodePorts"] is True
    assert 30000 <= lb["spec"]["ports"][0]["nodePort"] <= 32767
    headless = c.store.create(svc("h", clusterIP="None"))["spec"]
    assert headless["clusterIP"] == "None" and headless["clusterIPs"] == ["None"]
    ext = c.store.create(
        {
            "apiVersion": "v1",
            "kind": "Service",
            "metadata": {"name": "db"},
            "spec": {"type": "ExternalName", "externalName": "db.example.com"},
        }
    )["spec"]
    assert "clusterIP" not in ext and "ipFamilies" not in ext


@settings(max_examples=20, deadline=None)
@given(n=st.integers(min_value=1, max_value=60), seed=st.integers(min_value=0, max_value=10_000))
def test_allocated_node_ports_never_collide(n, seed):
    c = Cluster(seed=seed)
    ports = [c.store.create(svc(f"s{i}", type="NodePort"))["spec"]["ports"][0]["nodePort"] for i in range(n)]
    assert len(set(ports)) == n
    assert all(30000 <= p <= 32767 for p in ports)
    # upstream: portallocator calculateRangeOffset = min(max(16, 2768/32), 128) = 86:
    # random picks skip 30000-30085
    assert all(p >= 30086 for p in ports)


def pod(name: str, image: str = "nginx:1.27", labels: dict | None = None, **spec) -> dict:
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": name, "labels": labels or {"app": "demo"}},
        "spec": {"containers": [{"name": "c", "image": image, "ports": [{"containerPort": 80}]}], **spec},
    }


def test_endpoints_list_ready_pods_and_drop_deleted_ones():
    c = Cluster()
    c.store.create(svc("web", ports=[{"port": 80}]))
    for i in range(3):
        c.store.create(pod(f"web-{i}"))
    c.store.create(pod("other", labels={"app": "other"}))
    c.settle()
    ep = c.store.get("Endpoints", "web")
    assert "subsets" not in ep or not ep["subsets"][0].get("addresses")
    c.advance("30s")
    ep = c.store.get("Endpoints", "web")
    ips = [a["ip"] for a in ep["subsets"][0]["addresses"]]
    assert ips == ["10.244.0.3", "10.244.0.4", "10.244.0.5"]
    assert ep["subsets"][0]["ports"] == [{"port": 80, "protocol": "TCP"}]
    assert ep["subsets"][0]["addresses"][0]["targetRef"]["name"] == "web-0"
    c.store.delete("Pod", "web-1")
    c.settle()
    ips = [a["ip"] for a in c.store.get("Endpoints", "web")["subsets"][0]["addresses"]]
    assert ips == ["10.244.0.3", "10.244.0.5"]  # terminating pods leave at once


def test_not_ready_pods_go_to_not_ready_addresses():
    c = Cluster()
    c.store.create(svc("web", ports=[{"port": 80}]))
    bad = pod("web-0")
    bad["spec"]["containers"][0]["readinessProbe"] = {"httpGet": {"path": "/missing", "port": 80}}
    c.store.create(bad)
    c.advance("30s")
    sub = c.store.get("Endpoints", "web")["subsets"][0]
    assert "addresses" not in sub
    assert [a["ip"] for a in sub["notReadyAddresses"]] == ["10.244.0.3"]


def test_service_deleted_deletes_its_endpoints():
    c = Cluster()
    c.store.create(svc("web"))
    c.settle()
    assert c.store.find("Endpoints", "web") is not None
    c.store.delete("Service", "web")
    c.settle()
    assert c.store.find("Endpoints", "web") is None


def test_requests_spread_over_ready_endpoints():
    c = Cluster()
    c.store.create(svc("web", type="NodePort", ports=[{"port": 80, "nodePort": 30080}]))
    for i in range(3):
        c.store.create(pod(f"web-{i}"))
    c.advance("30s")
    seen = {}
    for _ in range(300):
        r = c.curl("-s -o /dev/null --k8s-trace http://192.168.49.2:30080/")
        who = r.stderr.split("(pod ")[1].split(",")[0]
        seen[who] = seen.get(who, 0) + 1
    assert set(seen) == {"web-0", "web-1", "web-2"}
    assert all(60 < n < 140 for n in seen.values())


def test_session_affinity_client_ip_sticks():
    c = Cluster()
    c.store.create(
        svc("web", type="NodePort", sessionAffinity="ClientIP", ports=[{"port": 80, "nodePort": 30080}])
    )
    for i in range(3):
        c.store.create(pod(f"web-{i}"))
    c.advance("30s")
    who = {
        c.curl("-s -o /dev/null --k8s-trace http://192.168.49.2:30080/").stderr.split("(pod ")[1][:5]
        for _ in range(20)
    }
    assert len(who) == 1


SESSION = [
    ("kubectl", "apply -f demo.yaml"),
    ("advance", "20s"),
    ("kubectl", "get po,svc,ep -o wide"),
    ("curl", "-i http://192.168.49.2:30001/"),
    ("minikube", "service list"),
    ("kubectl", "describe po"),
    ("kubectl", "delete -f demo.yaml"),
    ("kubectl", "get events"),
]
DEMO = """apiVersion: v1
kind: Pod
metadata:
  name: kubernetes-demo-pod
  labels:
    app: demo
spec:
  containers:
  - name: kubernetes-demo
    image: 880831ian/kubernetes-demo
    ports:
    - containerPort: 3000
---
apiVersion: v1
kind: Service
metadata:
  name: kubernetes-demo-service
spec:
  type: NodePort
  ports:
  - port: 3000
    nodePort: 30001
  selector:
    app: demo
"""


def transcript(seed: int) -> str:
    c = Cluster(seed=seed)
    c.write_file("demo.yaml", DEMO)
    out = []
    for tool, line in SESSION:
        if tool == "advance":
            c.advance(line)
            continue
        out.append(str(getattr(c, tool)(line)))
    return "".join(out)


def test_same_seed_same_transcript_byte_for_byte():
    assert transcript(0) == transcript(0)
    assert transcript(0) != transcript(1)  # other seed: other ClusterIP, names, pull times


def test_type_changes_drop_what_the_new_type_does_not_use():
    """upstream: pkg/registry/core/service/strategy.go dropTypeDependentFields."""
    c = Cluster()
    first = c.store.create(svc("a", type="NodePort"))
    back = {**first, "spec": {**first["spec"], "type": "ClusterIP"}}
    spec = c.store.update(back)["spec"]
    assert "nodePort" not in spec["ports"][0] and "externalTrafficPolicy" not in spec
    assert spec["clusterIP"] == first["spec"]["clusterIP"]
    current = c.store.get("Service", "a")
    ext = {**current, "spec": {**current["spec"], "type": "ExternalName", "externalName": "example.com"}}
    ext["spec"].pop("selector")
    spec = c.store.update(ext)["spec"]
    assert "clusterIP" not in spec and "ipFamilies" not in spec and spec["externalName"] == "example.com"


@settings(max_examples=15, deadline=None)
@given(
    n=st.integers(min_value=1, max_value=4),
    unready=st.integers(min_value=0, max_value=2),
    seed=st.integers(min_value=0, max_value=1000),
)
def test_requests_only_reach_ready_endpoints(n, unready, seed):
    """upstream: pkg/proxy/iptables/proxier.go: only ready endpoints get a KUBE-SEP rule."""
    c = Cluster(seed=seed)
    c.store.create(svc("web", type="NodePort", ports=[{"port": 80, "nodePort": 30080}]))
    for i in range(n):
        c.store.create(pod(f"ok-{i}"))
    for i in range(unready):
        bad = pod(f"bad-{i}")
        bad["spec"]["containers"][0]["readinessProbe"] = {"httpGet": {"path": "/missing", "port": 80}}
        c.store.create(bad)
    c.advance("30s")
    for _ in range(10):
        r = c.curl("-s -o /dev/null --k8s-trace http://192.168.49.2:30080/")
        assert r.returncode == 0
        assert "(pod ok-" in r.stderr and f"1 of {n} ready" in r.stderr


def test_create_twice_with_a_fixed_node_port_is_an_allocation_error():
    """Allocation (beginCreate) runs before etcd's AlreadyExists: redpanda-data/redpanda#3263 shows the real
    `kubectl create -f` twice; the same port twice in one Service fails too (kubernetes/kubernetes#135439)."""
    c = Cluster()
    c.store.create(svc("web", type="NodePort", ports=[{"port": 80, "nodePort": 30007}]))
    with pytest.raises(errors.Invalid) as exc:
        c.store.create(svc("web", type="NodePort", ports=[{"port": 80, "nodePort": 30007}]))
    assert exc.value.kubectl_text().endswith(
        "nodePort: Invalid value: 30007: provided port is already allocated"
    )
    with pytest.raises(errors.Invalid) as exc:
        c.store.create(
            svc(
                "two",
                type="NodePort",
                ports=[
                    {"name": "a", "port": 80, "nodePort": 30400},
                    {"name": "b", "port": 53, "protocol": "UDP", "nodePort": 30400},
                ],
            )
        )
    assert "spec.ports[1].nodePort: Invalid value: 30400: provided port is already allocated" in str(
        exc.value
    )
