"""What ``minikube start`` (v1.35.0, docker driver, Kubernetes v1.32.0) leaves in a new cluster.

The node ``minikube`` (192.168.49.2), the four namespaces, the ``kubernetes`` Service (10.96.0.1)
and its Endpoints (the apiserver on 192.168.49.2:8443), kube-dns (10.96.0.10) with CoreDNS, the
kube-system pods as kubeadm and minikube name them, and the default StorageClass ``standard``.
upstream: kubernetes/minikube pkg/minikube/bootstrapper/kubeadm, deploy/addons/storageclass,
cmd/kubeadm/app/phases/addons/dns/manifests.go (CoreDNS), kube-proxy DaemonSet.

Everything here happened before the learner's first command: the clock is set back while these
objects are made, so ``kubectl get -A`` shows them older than anything the learner creates.
"""

from __future__ import annotations

import base64
import copy
import hashlib
from typing import TYPE_CHECKING

from .api.events import record
from .node.images import lookup
from .node.runtime import NODE_IP, NODE_NAME, Container, PodRuntime, runtime
from .node.status import pod_status

if TYPE_CHECKING:
    from .cluster import Cluster

STARTED = -97.0  # seconds before the learner's first command: when the apiserver came up
K8S = "v1.32.0"
CA_CRT = (
    "-----BEGIN CERTIFICATE-----\n"
    + "\n".join(
        base64.b64encode(hashlib.sha512(b"minikubeCA" + bytes([i])).digest()).decode()[:64] for i in range(12)
    )
    + "\n-----END CERTIFICATE-----\n"
)


def _at(cluster: Cluster, seconds: float) -> None:
    cluster.clock.now = seconds


def start(cluster: Cluster) -> None:
    store = cluster.store
    clock = cluster.clock
    _at(cluster, STARTED)
    store.watch(lambda ev, obj: _namespace_added(cluster, ev, obj), kinds=("Namespace",))
    for ns in ("default", "kube-node-lease", "kube-public", "kube-system"):
        store.create({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": ns}})
    _kubernetes_service(cluster)
    _at(cluster, STARTED + 2)
    node = _node(cluster)
    _node_events(cluster, node)
    _at(cluster, STARTED + 5)
    _kube_system(cluster, node)
    _at(cluster, STARTED + 6)
    _storage_class(cluster)
    cluster.settle()
    clock.now = 0.0
    cluster.settle()


def _namespace_added(cluster: Cluster, event: str, obj: dict) -> None:
    """The serviceaccount and root-ca-cert-publisher controllers: every namespace gets both."""
    if event != "ADDED" or obj.get("kind") != "Namespace":
        return
    ns = obj["metadata"]["name"]
    store = cluster.store
    if store.find("ServiceAccount", "default", ns) is None:
        store.create(
            {"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "default", "namespace": ns}}
        )
    if store.find("ConfigMap", "kube-root-ca.crt", ns) is None:
        store.create(
            {
                "apiVersion": "v1",
                "kind": "ConfigMap",
                "metadata": {
                    "name": "kube-root-ca.crt",
                    "namespace": ns,
                    "annotations": {
                        "kubernetes.io/description": (
                            "Contains a CA bundle that can be used to verify the kube-apiserver "
                            "when using internal endpoints such as the internal service IP or "
                            "kubernetes.default.svc. No other usage is guaranteed across "
                            "distributions of Kubernetes clusters."
                        )
                    },
                },
                "data": {"ca.crt": CA_CRT},
            }
        )


def _kubernetes_service(cluster: Cluster) -> None:
    """upstream: pkg/controlplane/controller/kubernetesservice (the apiserver writes both)."""
    store = cluster.store
    store.create(
        {
            "apiVersion": "v1",
            "kind": "Service",
            "metadata": {
                "name": "kubernetes",
                "namespace": "default",
                "labels": {"component": "apiserver", "provider": "kubernetes"},
            },
            "spec": {
                "clusterIP": "10.96.0.1",
                "ports": [{"name": "https", "port": 443, "protocol": "TCP", "targetPort": 8443}],
            },
        }
    )
    store.create(
        {
            "apiVersion": "v1",
            "kind": "Endpoints",
            "metadata": {
                "name": "kubernetes",
                "namespace": "default",
                "labels": {"endpointslice.kubernetes.io/skip-mirror": "true"},
            },
            "subsets": [
                {
                    "addresses": [{"ip": NODE_IP}],
                    "ports": [{"name": "https", "port": 8443, "protocol": "TCP"}],
                }
            ],
        }
    )


def _node(cluster: Cluster) -> dict:
    stamp = cluster.clock.timestamp()
    conds = [
        ("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
        ("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
        ("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
        ("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
    ]
    resources = {
        "cpu": "8",
        "ephemeral-storage": "102625208Ki",
        "hugepages-1Gi": "0",
        "hugepages-2Mi": "0",
        "memory": "16298408Ki",
        "pods": "110",
    }
    node = {
        "apiVersion": "v1",
        "kind": "Node",
        "metadata": {
            "name": NODE_NAME,
            "annotations": {
                "kubeadm.alpha.kubernetes.io/cri-socket": "unix:///var/run/cri-dockerd.sock",
                "node.alpha.kubernetes.io/ttl": "0",
                "volumes.kubernetes.io/controller-managed-attach-detach": "true",
            },
            # upstream: minikube pkg/minikube/bootstrapper/kubeadm/kubeadm.go (applyNodeLabels)
            "labels": {
                "beta.kubernetes.io/arch": "amd64",
                "beta.kubernetes.io/os": "linux",
                "kubernetes.io/arch": "amd64",
                "kubernetes.io/hostname": NODE_NAME,
                "kubernetes.io/os": "linux",
                "minikube.k8s.io/commit": "dd5d320e41b5451cdf3c01891bc4e13d189586ed-dirty",
                "minikube.k8s.io/name": "minikube",
                "minikube.k8s.io/primary": "true",
                "minikube.k8s.io/updated_at": cluster.clock.datetime().strftime("%Y_%m_%dT%H_%M_%S_0700"),
                "minikube.k8s.io/version": "v1.35.0",
                "node-role.kubernetes.io/control-plane": "",
                "node.kubernetes.io/exclude-from-external-load-balancers": "",
            },
        },
        "spec": {"podCIDR": "10.244.0.0/24", "podCIDRs": ["10.244.0.0/24"]},
    }
    stored = cluster.store.create(node)
    new = copy.deepcopy(stored)
    new["status"] = {
        "addresses": [{"address": NODE_IP, "type": "InternalIP"}, {"address": NODE_NAME, "type": "Hostname"}],
        "allocatable": dict(resources),
        "capacity": dict(resources),
        "conditions": [
            {
                "lastHeartbeatTime": stamp,
                "lastTransitionTime": stamp,
                "message": m,
                "reason": r,
                "status": s,
                "type": t,
            }
            for t, s, r, m in conds
        ],
        "daemonEndpoints": {"kubeletEndpoint": {"Port": 10250}},
        "nodeInfo": {
            "architecture": "amd64",
            "bootID": "5b0c0f41-7f0f-4d0c-9b0e-2f5e1c3a9d11",
            "containerRuntimeVersion": "docker://27.4.1",
            "kernelVersion": "6.8.0-51-generic",
            "kubeProxyVersion": K8S,
            "kubeletVersion": K8S,
            "machineID": "8d6a3b2f4c7e4e1f9a0b5c6d7e8f9a0b",
            "operatingSystem": "linux",
            "osImage": "Ubuntu 22.04.5 LTS",
            "systemUUID": "3c1f0e8a-2b4d-4c6e-8f0a-1b2c3d4e5f60",
        },
    }
    return cluster.store.update_status(new)


def _node_events(cluster: Cluster, node: dict) -> None:
    """The node's events in ``default`` (as ``kubectl get events`` lists them after minikube start)."""
    store = cluster.store
    record(store, node, "Normal", "Starting", "Starting kubelet.", "kubelet", host=NODE_NAME)
    record(
        store,
        node,
        "Normal",
        "NodeAllocatableEnforced",
        "Updated Node Allocatable limit across pods",
        "kubelet",
        host=NODE_NAME,
    )
    for reason in ("NodeHasSufficientMemory", "NodeHasNoDiskPressure", "NodeHasSufficientPID"):
        record(
            store, node, "Normal", reason, f"Node minikube status is now: {reason}", "kubelet", host=NODE_NAME
        )
    record(
        store,
        node,
        "Normal",
        "RegisteredNode",
        "Node minikube event: Registered Node minikube in Controller",
        "node-controller",
    )


def _container(name: str, image: str, **extra) -> dict:
    return {"name": name, "image": image, "imagePullPolicy": "IfNotPresent", **extra}


def _kube_system(cluster: Cluster, node: dict) -> None:
    store = cluster.store
    for sa in ("coredns", "kube-proxy", "storage-provisioner"):
        store.create(
            {
                "apiVersion": "v1",
                "kind": "ServiceAccount",
                "metadata": {"name": sa, "namespace": "kube-system"},
            }
        )
    store.create(
        {
            "apiVersion": "v1",
            "kind": "ConfigMap",
            "metadata": {"name": "coredns", "namespace": "kube-system"},
            "data": {"Corefile": COREFILE},
        }
    )
    # static pods: the kubelet's mirror pods, owned by the Node
    node_ref = {
        "apiVersion": "v1",
        "controller": True,
        "kind": "Node",
        "name": NODE_NAME,
        "uid": node["metadata"]["uid"],
    }
    requests = {
        "etcd": {"cpu": "100m", "memory": "100Mi"},
        "kube-apiserver": {"cpu": "250m"},
        "kube-controller-manager": {"cpu": "200m"},
        "kube-scheduler": {"cpu": "100m"},
    }
    statics = [
        ("etcd", "registry.k8s.io/etcd:3.5.16-0", "etcd"),
        ("kube-apiserver", f"registry.k8s.io/kube-apiserver:{K8S}", "kube-apiserver"),
        (
            "kube-controller-manager",
            f"registry.k8s.io/kube-controller-manager:{K8S}",
            "kube-controller-manager",
        ),
        ("kube-scheduler", f"registry.k8s.io/kube-scheduler:{K8S}", "kube-scheduler"),
    ]
    for comp, image, cmd in statics:
        digest = hashlib.md5(comp.encode()).hexdigest()  # noqa: S324 - the kubelet's config.hash is an md5 too
        pod = {
            "apiVersion": "v1",
            "kind": "Pod",
            "metadata": {
                "name": f"{comp}-{NODE_NAME}",
                "namespace": "kube-system",
                "labels": {"component": comp, "tier": "control-plane"},
                "annotations": {
                    "kubernetes.io/config.hash": digest,
                    "kubernetes.io/config.mirror": digest,
                    "kubernetes.io/config.seen": cluster.clock.datetime().isoformat(),
                    "kubernetes.io/config.source": "file",
                },
                "ownerReferences": [node_ref],
            },
            "spec": {
                "containers": [
                    _container(comp, image, command=[cmd], resources={"requests": requests[comp]})
                ],
                "hostNetwork": True,
                "nodeName": NODE_NAME,
                "priorityClassName": "system-node-critical",
                "automountServiceAccountToken": False,
                "dnsPolicy": "ClusterFirst",
            },
        }
        _run(cluster, pod, STARTED + 5)
    _kube_dns(cluster)
    _kube_proxy(cluster)
    sp = {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {
            "name": "storage-provisioner",
            "namespace": "kube-system",
            "labels": {
                "addonmanager.kubernetes.io/mode": "Reconcile",
                "integration-test": "storage-provisioner",
            },
        },
        "spec": {
            "containers": [
                _container(
                    "storage-provisioner",
                    "gcr.io/k8s-minikube/storage-provisioner:v5",
                    command=["/storage-provisioner"],
                )
            ],
            "hostNetwork": True,
            "serviceAccountName": "storage-provisioner",
            "nodeName": NODE_NAME,
        },
    }
    # it starts before the apiserver answers, exits, and the kubelet restarts it once (as on every minikube)
    _run(cluster, sp, STARTED + 8, restarts=1)


def _kube_dns(cluster: Cluster) -> None:
    store = cluster.store
    labels = {"k8s-app": "kube-dns"}
    store.create(
        {
            "apiVersion": "v1",
            "kind": "Service",
            "metadata": {
                "name": "kube-dns",
                "namespace": "kube-system",
                "annotations": {"prometheus.io/port": "9153", "prometheus.io/scrape": "true"},
                "labels": {
                    "k8s-app": "kube-dns",
                    "kubernetes.io/cluster-service": "true",
                    "kubernetes.io/name": "CoreDNS",
                },
            },
            "spec": {
                "clusterIP": "10.96.0.10",
                "selector": labels,
                "ports": [
                    {"name": "dns", "port": 53, "protocol": "UDP", "targetPort": 53},
                    {"name": "dns-tcp", "port": 53, "protocol": "TCP", "targetPort": 53},
                    {"name": "metrics", "port": 9153, "protocol": "TCP", "targetPort": 9153},
                ],
            },
        }
    )
    template = {
        "metadata": {"labels": dict(labels)},
        "spec": {
            "containers": [
                _container(
                    "coredns",
                    "registry.k8s.io/coredns/coredns:v1.11.3",
                    args=["-conf", "/etc/coredns/Corefile"],
                    ports=[
                        {"containerPort": 53, "name": "dns", "protocol": "UDP"},
                        {"containerPort": 53, "name": "dns-tcp", "protocol": "TCP"},
                        {"containerPort": 9153, "name": "metrics", "protocol": "TCP"},
                    ],
                    resources={"limits": {"memory": "170Mi"}, "requests": {"cpu": "100m", "memory": "70Mi"}},
                    volumeMounts=[{"mountPath": "/etc/coredns", "name": "config-volume", "readOnly": True}],
                )
            ],
            "dnsPolicy": "Default",
            "priorityClassName": "system-cluster-critical",
            "serviceAccountName": "coredns",
            "nodeSelector": {"kubernetes.io/os": "linux"},
            "volumes": [
                {
                    "name": "config-volume",
                    "configMap": {"name": "coredns", "items": [{"key": "Corefile", "path": "Corefile"}]},
                }
            ],
        },
    }
    dep = store.create(
        {
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "metadata": {"name": "coredns", "namespace": "kube-system", "labels": labels},
            "spec": {
                "replicas": 1,
                "selector": {"matchLabels": labels},
                "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": 1}},
                "template": template,
            },
        }
    )
    tpl_hash = "668d6bf9bc"
    rs_template = copy.deepcopy(dep["spec"]["template"])
    rs_template["metadata"]["labels"]["pod-template-hash"] = tpl_hash
    dep_ref = {
        "apiVersion": "apps/v1",
        "blockOwnerDeletion": True,
        "controller": True,
        "kind": "Deployment",
        "name": "coredns",
        "uid": dep["metadata"]["uid"],
    }
    rs = store.create(
        {
            "apiVersion": "apps/v1",
            "kind": "ReplicaSet",
            "metadata": {
                "name": f"coredns-{tpl_hash}",
                "namespace": "kube-system",
                "labels": rs_template["metadata"]["labels"],
                "ownerReferences": [dep_ref],
                "annotations": {
                    "deployment.kubernetes.io/desired-replicas": "1",
                    "deployment.kubernetes.io/max-replicas": "2",
                    "deployment.kubernetes.io/revision": "1",
                },
            },
            "spec": {
                "replicas": 1,
                "selector": {"matchLabels": {**labels, "pod-template-hash": tpl_hash}},
                "template": rs_template,
            },
        }
    )
    rs_ref = {
        "apiVersion": "apps/v1",
        "blockOwnerDeletion": True,
        "controller": True,
        "kind": "ReplicaSet",
        "name": rs["metadata"]["name"],
        "uid": rs["metadata"]["uid"],
    }
    pod = {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {
            "name": f"coredns-{tpl_hash}-{cluster.store.random_suffix()}",
            "namespace": "kube-system",
            "labels": dict(rs_template["metadata"]["labels"]),
            "ownerReferences": [rs_ref],
        },
        "spec": {**copy.deepcopy(rs_template["spec"]), "nodeName": NODE_NAME},
    }
    _run(cluster, pod, STARTED + 10)


def _kube_proxy(cluster: Cluster) -> None:
    store = cluster.store
    labels = {"k8s-app": "kube-proxy"}
    spec = {
        "containers": [
            _container(
                "kube-proxy",
                f"registry.k8s.io/kube-proxy:{K8S}",
                command=[
                    "/usr/local/bin/kube-proxy",
                    "--config=/var/lib/kube-proxy/config.conf",
                    "--hostname-override=$(NODE_NAME)",
                ],
            )
        ],
        "hostNetwork": True,
        "priorityClassName": "system-node-critical",
        "serviceAccountName": "kube-proxy",
        "nodeSelector": {"kubernetes.io/os": "linux"},
    }
    ds = store.create(
        {
            "apiVersion": "apps/v1",
            "kind": "DaemonSet",
            "metadata": {"name": "kube-proxy", "namespace": "kube-system", "labels": labels},
            "spec": {
                "selector": {"matchLabels": labels},
                "template": {"metadata": {"labels": labels}, "spec": copy.deepcopy(spec)},
            },
        }
    )
    ref = {
        "apiVersion": "apps/v1",
        "blockOwnerDeletion": True,
        "controller": True,
        "kind": "DaemonSet",
        "name": "kube-proxy",
        "uid": ds["metadata"]["uid"],
    }
    pod = {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {
            "name": f"kube-proxy-{store.random_suffix()}",
            "namespace": "kube-system",
            "labels": {**labels, "controller-revision-hash": "64b9dbc74b", "pod-template-generation": "1"},
            "ownerReferences": [ref],
        },
        "spec": {**spec, "nodeName": NODE_NAME},
    }
    _run(cluster, pod, STARTED + 10)


def _run(cluster: Cluster, pod: dict, at: float, restarts: int = 0) -> dict:
    """Create ``pod`` and record it as running since ``at`` (what the kubelet reports after start)."""
    _at(cluster, at)
    stored = cluster.store.create(pod)
    meta = stored["metadata"]
    rts = runtime(cluster)
    ip = NODE_IP if stored["spec"].get("hostNetwork") else rts.allocate_ip()
    rt = PodRuntime(meta["uid"], meta["namespace"], meta["name"], ip, at, sandbox_ready=True)
    for c in stored["spec"]["containers"]:
        started = at + (25.0 if restarts else 1.0)
        ct = Container(
            c["name"],
            image=lookup(c["image"]),
            state="running",
            reason="",
            started_at=started,
            restart_count=restarts,
            ready=True,
            ever_started=True,
            container_id="docker://" + hashlib.sha256(f"{meta['uid']}/{c['name']}".encode()).hexdigest(),
        )
        if restarts:
            ct.last_state = {
                "terminated": {
                    "containerID": "docker://"
                    + hashlib.sha256(f"{meta['uid']}/{c['name']}/0".encode()).hexdigest(),
                    "exitCode": 1,
                    "finishedAt": cluster.clock.timestamp(at + 23),
                    "reason": "Error",
                    "startedAt": cluster.clock.timestamp(at + 1),
                }
            }
        rt.containers[c["name"]] = ct
    rts.add(rt)
    _at(cluster, at + 1)
    rt.conditions = {
        k: ("True", at + 1) for k in ("PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady")
    }
    new = copy.deepcopy(stored)
    new["status"]["conditions"] = [
        {
            "lastProbeTime": None,
            "lastTransitionTime": cluster.clock.timestamp(at),
            "status": "True",
            "type": "PodScheduled",
        }
    ]
    new["status"] = pod_status(new, rt, cluster.clock)
    return cluster.store.update_status(new)


def _storage_class(cluster: Cluster) -> None:
    """upstream: minikube deploy/addons/storageclass/storageclass.yaml (the default-storageclass addon)."""
    cluster.store.create(
        {
            "apiVersion": "storage.k8s.io/v1",
            "kind": "StorageClass",
            "metadata": {
                "name": "standard",
                "annotations": {"storageclass.kubernetes.io/is-default-class": "true"},
                "labels": {"addonmanager.kubernetes.io/mode": "EnsureExists"},
            },
            "provisioner": "k8s.io/minikube-hostpath",
            "reclaimPolicy": "Delete",
            "volumeBindingMode": "Immediate",
        }
    )
    cluster.addons.update({"default-storageclass": True, "storage-provisioner": True})


COREFILE = """.:53 {
    log
    errors
    health {
       lameduck 5s
    }
    ready
    kubernetes cluster.local in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    prometheus :9153
    hosts {
       192.168.49.1 host.minikube.internal
       fallthrough
    }
    forward . /etc/resolv.conf {
       max_concurrent 1000
    }
    cache 30 {
       disable success cluster.local
       disable denial cluster.local
    }
    loadbalance
    reload
}
"""
