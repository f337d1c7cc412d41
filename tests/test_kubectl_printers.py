"""Table printers and describe layout, from hand-built objects (no controllers involved).

Golden texts follow pkg/printers/internalversion/printers.go (printPod, printService, printEndpoints,
printNode) and staging/src/k8s.io/kubectl/pkg/describe/describe.go with Go's text/tabwriter.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from k8stutor.clock import Clock
from k8stutor.kubectl.printers import endpoints, node, pod, service
from k8stutor.kubectl.printers.describe_util import Writer, go_tabwriter, labels_multiline

T0 = "2025-01-15T09:00:00Z"


def fake(now: float = 65.0):
    clock = Clock(0)
    clock.now = now
    return SimpleNamespace(clock=clock)


def mkpod(phase="Running", statuses=None, init_statuses=None, deleting=False, init=0, conditions=None):
    meta = {"name": "web-0", "creationTimestamp": T0}
    if deleting:
        meta["deletionTimestamp"] = T0
    spec = {"containers": [{"name": "c"}], "initContainers": [{"name": f"i{i}"} for i in range(init)]}
    return {
        "kind": "Pod",
        "metadata": meta,
        "spec": spec,
        "status": {
            "phase": phase,
            "containerStatuses": statuses or [],
            "initContainerStatuses": init_statuses or [],
            "conditions": conditions or [],
        },
    }


def cs(state, ready=False, restarts=0, last=None):
    return {"name": "c", "state": state, "ready": ready, "restartCount": restarts, "lastState": last or {}}


@pytest.mark.parametrize(
    ("p", "want"),
    [
        (mkpod("Pending"), ["0/1", "Pending", "0"]),
        (
            mkpod("Pending", [cs({"waiting": {"reason": "ContainerCreating"}})]),
            ["0/1", "ContainerCreating", "0"],
        ),
        (mkpod("Running", [cs({"running": {"startedAt": T0}}, ready=True)]), ["1/1", "Running", "0"]),
        (mkpod("Running", [cs({"running": {}}, ready=True)], deleting=True), ["1/1", "Terminating", "0"]),
        (mkpod("Pending", [cs({"waiting": {"reason": "ErrImagePull"}})]), ["0/1", "ErrImagePull", "0"]),
        (
            mkpod("Pending", [cs({"waiting": {"reason": "ImagePullBackOff"}})]),
            ["0/1", "ImagePullBackOff", "0"],
        ),
        (
            mkpod("Succeeded", [cs({"terminated": {"reason": "Completed", "exitCode": 0}})]),
            ["0/1", "Completed", "0"],
        ),
        (
            mkpod(
                "Running",
                [
                    cs(
                        {"waiting": {"reason": "CrashLoopBackOff"}},
                        restarts=5,
                        last={"terminated": {"exitCode": 1, "finishedAt": "2025-01-15T09:01:00Z"}},
                    )
                ],
            ),
            ["0/1", "CrashLoopBackOff", "5 (5s ago)"],
        ),
        (mkpod("Running", [cs({"terminated": {"exitCode": 2}})]), ["0/1", "ExitCode:2", "0"]),
        (
            mkpod(
                "Pending",
                [cs({"waiting": {"reason": "PodInitializing"}})],
                init=2,
                init_statuses=[
                    {"name": "i0", "state": {"terminated": {"exitCode": 0}}},
                    {"name": "i1", "state": {"running": {}}},
                ],
            ),
            ["0/1", "Init:1/2", "0"],
        ),
        (
            mkpod("Pending", [cs({"waiting": {"reason": "CreateContainerConfigError"}})]),
            ["0/1", "CreateContainerConfigError", "0"],
        ),
    ],
)
def test_pod_status_column(p, want):
    assert pod.row(fake(), p)[1:4] == want


def test_pod_wide_columns():
    p = mkpod("Running", [cs({"running": {}}, ready=True)])
    p["spec"]["nodeName"] = "minikube"
    p["status"]["podIPs"] = [{"ip": "10.244.0.5"}]
    assert pod.wide_row(fake(), p) == ["10.244.0.5", "minikube", "<none>", "<none>"]
    assert pod.wide_row(fake(), mkpod("Pending")) == ["<none>", "<none>", "<none>", "<none>"]


def svc(typ="ClusterIP", **spec):
    return {
        "kind": "Service",
        "metadata": {"name": "web", "creationTimestamp": T0},
        "spec": {"type": typ, **spec},
        "status": {"loadBalancer": {}},
    }


@pytest.mark.parametrize(
    ("s", "want"),
    [
        (
            svc(clusterIP="10.96.0.1", clusterIPs=["10.96.0.1"], ports=[{"port": 443, "protocol": "TCP"}]),
            ["web", "ClusterIP", "10.96.0.1", "<none>", "443/TCP", "65s"],
        ),
        (
            svc(
                "NodePort",
                clusterIPs=["10.100.1.2"],
                ports=[{"port": 3000, "nodePort": 30001, "protocol": "TCP"}],
            ),
            ["web", "NodePort", "10.100.1.2", "<none>", "3000:30001/TCP", "65s"],
        ),
        (
            svc(
                "LoadBalancer",
                clusterIPs=["10.100.1.2"],
                ports=[{"port": 80, "nodePort": 31000, "protocol": "TCP"}],
            ),
            ["web", "LoadBalancer", "10.100.1.2", "<pending>", "80:31000/TCP", "65s"],
        ),
        (
            svc("ExternalName", externalName="example.com"),
            ["web", "ExternalName", "<none>", "example.com", "<none>", "65s"],
        ),
        (
            svc(clusterIP="None", clusterIPs=["None"], ports=[{"port": 80, "protocol": "TCP"}]),
            ["web", "ClusterIP", "None", "<none>", "80/TCP", "65s"],
        ),
    ],
)
def test_service_row(s, want):
    assert service.row(fake(), s) == want


def test_load_balancer_ip_is_shortened_unless_wide():
    s = svc("LoadBalancer", clusterIPs=["10.1.1.1"])
    s["status"]["loadBalancer"]["ingress"] = [{"ip": "10.100.200.201"}, {"ip": "10.100.200.202"}]
    assert service.external_ip(s) == "10.100.200.20..."  # r[0:13] + "..."
    assert service.external_ip(s, wide=True) == "10.100.200.201,10.100.200.202"


def test_endpoints_show_three_then_more():
    ep = {
        "metadata": {"name": "web", "creationTimestamp": T0},
        "subsets": [{"addresses": [{"ip": f"10.244.0.{i}"} for i in range(3, 8)], "ports": [{"port": 80}]}],
    }
    assert endpoints.row(fake(), ep) == [
        "web",
        "10.244.0.3:80,10.244.0.4:80,10.244.0.5:80 + 2 more...",
        "65s",
    ]
    assert endpoints.format_endpoints({"subsets": []}) == "<none>"


def test_node_row():
    n = {
        "metadata": {
            "name": "minikube",
            "creationTimestamp": T0,
            "labels": {"node-role.kubernetes.io/control-plane": ""},
        },
        "spec": {},
        "status": {
            "conditions": [{"type": "Ready", "status": "True"}],
            "nodeInfo": {"kubeletVersion": "v1.32.0"},
        },
    }
    assert node.row(fake(), n) == ["minikube", "Ready", "control-plane", "65s", "v1.32.0"]


def test_go_tabwriter_blocks_align_consecutive_lines_only():
    # upstream: Go text/tabwriter: a line without a tab ends the column block
    text = "Name:\tweb\nService Account:\tdefault\nContainers:\n  c:\n    Image:\tnginx\n"
    assert go_tabwriter(text) == (
        "Name:             web\nService Account:  default\nContainers:\n  c:\n    Image:  nginx\n"
    )


def test_labels_multiline():
    w = Writer()
    w.write(0, "Name:\tweb\n")
    labels_multiline(w, "Labels", {"b": "2", "a": "1"})
    labels_multiline(w, "Selector", {})
    assert w.text() == "Name:      web\nLabels:    a=1\n           b=2\nSelector:  <none>\n"


@pytest.mark.parametrize(
    ("millis", "binary", "want"),
    [
        (0, False, "0"),
        (750, False, "750m"),
        (2000, False, "2"),
        (170 * 2**20 * 1000, True, "170Mi"),
        (1536 * 1000, True, "1536"),
        (2**30 * 1000, True, "1Gi"),
    ],
)
def test_quantity_strings(millis, binary, want):
    # upstream: apimachinery/pkg/api/resource/quantity.go (String: canonical suffixes)
    assert node.quantity(millis, binary) == want
    assert node.milli(want) == millis


DESCRIBE_POD = """Name:             web
Namespace:        default
Priority:         0
Service Account:  default
Node:             minikube/192.168.49.2
Start Time:       Wed, 15 Jan 2025 09:00:00 +0000
Labels:           app=web
Annotations:      <none>
Status:           Running
IP:               10.244.0.5
IPs:
  IP:  10.244.0.5
Containers:
  nginx:
    Container ID:   docker://abc
    Image:          nginx
    Image ID:       docker-pullable://nginx@sha256:1
    Port:           80/TCP
    Host Port:      0/TCP
    State:          Running
      Started:      Wed, 15 Jan 2025 09:00:04 +0000
    Ready:          True
    Restart Count:  0
    Environment:
      MODE:  demo
    Mounts:
      /data from data (rw)
Conditions:
  Type    Status
  Ready   True\N{SPACE}
Volumes:
  data:
    Type:        EmptyDir (a temporary directory that shares a pod's lifetime)
    Medium:     \N{SPACE}
    SizeLimit:   <unset>
QoS Class:       BestEffort
Node-Selectors:  <none>
Tolerations:     node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
Events:          <none>
"""


def test_describe_pod_golden():
    # upstream: staging/src/k8s.io/kubectl/pkg/describe/describe.go describePod, describeContainers,
    # describeVolumes (EmptyDir), printTolerationsMultiline; Go text/tabwriter padding 2 across blocks
    store = SimpleNamespace(list=lambda kind, ns=None, selector=None: [])
    cluster = SimpleNamespace(clock=fake().clock, store=store)
    p = {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {
            "name": "web",
            "namespace": "default",
            "uid": "u1",
            "labels": {"app": "web"},
            "creationTimestamp": T0,
        },
        "spec": {
            "nodeName": "minikube",
            "serviceAccountName": "default",
            "priority": 0,
            "containers": [
                {
                    "name": "nginx",
                    "image": "nginx",
                    "ports": [{"containerPort": 80, "protocol": "TCP"}],
                    "env": [{"name": "MODE", "value": "demo"}],
                    "volumeMounts": [{"name": "data", "mountPath": "/data"}],
                }
            ],
            "volumes": [{"name": "data", "emptyDir": {}}],
            "tolerations": [
                {
                    "key": "node.kubernetes.io/not-ready",
                    "operator": "Exists",
                    "effect": "NoExecute",
                    "tolerationSeconds": 300,
                }
            ],
        },
        "status": {
            "phase": "Running",
            "hostIP": "192.168.49.2",
            "podIP": "10.244.0.5",
            "podIPs": [{"ip": "10.244.0.5"}],
            "startTime": T0,
            "qosClass": "BestEffort",
            "conditions": [{"type": "Ready", "status": "True"}],
            "containerStatuses": [
                {
                    "name": "nginx",
                    "containerID": "docker://abc",
                    "imageID": "docker-pullable://nginx@sha256:1",
                    "ready": True,
                    "restartCount": 0,
                    "state": {"running": {"startedAt": "2025-01-15T09:00:04Z"}},
                }
            ],
        },
    }
    assert pod.describe_pod(cluster, p) == DESCRIBE_POD
