"""``minikube addons``: list, enable and disable (ingress is the one with a working stand-in).

Texts follow minikube v1.35 (cmd/minikube/cmd/config/{enable,disable,list}.go, pkg/addons/addons.go
and the Addons table of pkg/minikube/assets/addons.go, whose ingress entry deploys ingress-nginx
controller v1.11.3 and kube-webhook-certgen v1.4.4).  Enabling ingress applies what minikube's
ingress-deploy.yaml makes (namespace, IngressClass ``nginx`` marked default, the controller
Deployment with hostPorts 80/443 and its Services) and waits, in virtual time, for the controller
pod to be Ready, as "Verifying ingress addon..." does.  The two admission-webhook Jobs are left out
(the simulator has no Job controller); nothing else depends on them.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from .api import errors
from .network import ingress
from .terminal.result import Result

if TYPE_CHECKING:
    from .cluster import Cluster

# upstream: pkg/minikube/assets/addons.go (name -> maintainer), minikube v1.35.
MAINTAINERS = {
    "ambassador": "3rd party (Ambassador)",
    "amd-gpu-device-plugin": "3rd party (AMD)",
    "auto-pause": "minikube",
    "cloud-spanner": "Google",
    "csi-hostpath-driver": "Kubernetes",
    "dashboard": "Kubernetes",
    "default-storageclass": "Kubernetes",
    "efk": "3rd party (Elastic)",
    "freshpod": "Google",
    "gcp-auth": "Google",
    "gvisor": "minikube",
    "headlamp": "3rd party (kinvolk.io)",
    "inaccel": "3rd party (InAccel [info@inaccel.com])",
    "ingress": "Kubernetes",
    "ingress-dns": "minikube",
    "inspektor-gadget": "3rd party (inspektor-gadget.io)",
    "istio": "3rd party (Istio)",
    "istio-provisioner": "3rd party (Istio)",
    "kong": "3rd party (Kong HQ)",
    "kubeflow": "3rd party",
    "kubevirt": "3rd party (KubeVirt)",
    "logviewer": "3rd party (unknown)",
    "metallb": "3rd party (MetalLB)",
    "metrics-server": "Kubernetes",
    "nvidia-device-plugin": "3rd party (NVIDIA)",
    "nvidia-driver-installer": "3rd party (NVIDIA)",
    "nvidia-gpu-device-plugin": "3rd party (NVIDIA)",
    "olm": "3rd party (Operator Framework)",
    "pod-security-policy": "3rd party (unknown)",
    "portainer": "3rd party (Portainer.io)",
    "registry": "minikube",
    "registry-aliases": "3rd party (unknown)",
    "registry-creds": "3rd party (UPMC Enterprises)",
    "storage-provisioner": "minikube",
    "storage-provisioner-gluster": "3rd party (Gluster)",
    "storage-provisioner-rancher": "3rd party (Rancher)",
    "volcano": "third-party (volcano)",
    "volumesnapshots": "Kubernetes",
    "yakd": "3rd party (marcnuri.com)",
}
DEFAULT_ON = {"default-storageclass", "storage-provisioner"}

CONTROLLER_IMAGE = "registry.k8s.io/ingress-nginx/controller:v1.11.3"
CERTGEN_IMAGE = "registry.k8s.io/ingress-nginx/kube-webhook-certgen:v1.4.4"
VERIFY_TIMEOUT = 360.0  # seconds: minikube waits up to 6 minutes for the addon's pods


def enabled(cluster: Cluster, name: str) -> bool:
    return cluster.addons.get(name, name in DEFAULT_ON)


def run(cluster: Cluster, argv: list[str], stdin: str = "") -> Result:
    if not argv or argv[0] not in ("list", "enable", "disable"):
        return Result(stderr="Error: unknown command for \"minikube addons\"\n"
                             "Run 'minikube addons --help' for usage.\n", returncode=64)
    if argv[0] == "list":
        return Result(stdout=addons_table(cluster))
    if len(argv) != 2:
        usage = f"usage: minikube addons {argv[0]} ADDON_NAME"
        return Result(stderr=f"\n❌  Exiting due to MK_USAGE: {usage}\n\n", returncode=64)
    name = argv[1]
    if name not in MAINTAINERS:
        return Result(stderr=f"\n❌  Exiting due to MK_ADDON_{argv[0].upper()}: {argv[0]} failed: "
                             f"{name} is not a valid addon\n\n", returncode=1)
    return _enable(cluster, name) if argv[0] == "enable" else _disable(cluster, name)


def _enable(cluster: Cluster, name: str) -> Result:
    head = (f"💡  {name} is an addon maintained by {MAINTAINERS[name]}. For any concerns contact minikube on "
            "GitHub.\nYou can view the list of minikube maintainers at: "
            "https://github.com/kubernetes/minikube/blob/master/OWNERS\n")
    if name != "ingress":
        cluster.addons[name] = True
        return Result(stdout=head + f"🌟  The '{name}' addon is enabled\n")
    if enabled(cluster, "ingress"):
        return Result(stdout=head + "🔎  Verifying ingress addon...\n🌟  The 'ingress' addon is enabled\n")
    lines = [head.rstrip("\n")]
    # Go ranges over the images map in random order; we print them sorted by their key.
    for image in (CONTROLLER_IMAGE, CERTGEN_IMAGE, CERTGEN_IMAGE):
        lines.append(f"    ▪ Using image {image}")
    lines.append("🔎  Verifying ingress addon...")
    _deploy_ingress_nginx(cluster)
    cluster.addons["ingress"] = True
    ingress.start_listening(cluster)
    waited = 0.0
    while not ingress.controller_ready(cluster) and waited < VERIFY_TIMEOUT:
        cluster.advance(1)
        waited += 1
    if not ingress.controller_ready(cluster):
        lines.append("\n❌  Exiting due to MK_ADDON_ENABLE: enable failed: run callbacks: running callbacks: "
                     "[waiting for app.kubernetes.io/name=ingress-nginx pods: context deadline exceeded]\n")
        return Result(stdout="\n".join(lines[:-1]) + "\n", stderr=lines[-1] + "\n", returncode=1)
    lines.append("🌟  The 'ingress' addon is enabled")
    return Result(stdout="\n".join(lines) + "\n")


def _disable(cluster: Cluster, name: str) -> Result:
    if name == "ingress" and enabled(cluster, "ingress"):
        ingress.stop_listening(cluster)
        for kind, obj_name, ns in reversed(_INGRESS_OBJECTS):
            try:
                cluster.store.delete(kind, obj_name, ns)
            except errors.NotFound:
                pass
    cluster.addons[name] = False
    return Result(stdout=f'🌑  "The \'{name}\' addon is disabled"\n')


# -- what ingress-deploy.yaml creates (a subset: no RBAC, no admission Jobs) ---------------------
LABELS = {"app.kubernetes.io/component": "controller", "app.kubernetes.io/instance": "ingress-nginx",
          "app.kubernetes.io/name": "ingress-nginx"}
_INGRESS_OBJECTS = [
    ("Namespace", "ingress-nginx", ""),
    ("ServiceAccount", "ingress-nginx", "ingress-nginx"),
    ("IngressClass", "nginx", ""),
    ("ConfigMap", "ingress-nginx-controller", "ingress-nginx"),
    ("Service", "ingress-nginx-controller", "ingress-nginx"),
    ("Service", "ingress-nginx-controller-admission", "ingress-nginx"),
    ("Deployment", "ingress-nginx-controller", "ingress-nginx"),
]


def _manifests() -> list[dict]:
    ns = "ingress-nginx"
    meta = lambda name: {"name": name, "namespace": ns, "labels": dict(LABELS)}  # noqa: E731
    ports = [{"name": "http", "port": 80, "protocol": "TCP", "targetPort": "http"},
             {"name": "https", "port": 443, "protocol": "TCP", "targetPort": "https"}]
    return [
        {"apiVersion": "v1", "kind": "Namespace",
         "metadata": {"name": ns, "labels": {"app.kubernetes.io/instance": "ingress-nginx",
                                             "app.kubernetes.io/name": "ingress-nginx"}}},
        {"apiVersion": "v1", "kind": "ServiceAccount", "automountServiceAccountToken": True,
         "metadata": meta("ingress-nginx")},
        {"apiVersion": "networking.k8s.io/v1", "kind": "IngressClass",
         "metadata": {"name": "nginx", "labels": dict(LABELS),
                      "annotations": {"ingressclass.kubernetes.io/is-default-class": "true"}},
         "spec": {"controller": ingress.CONTROLLER}},
        {"apiVersion": "v1", "kind": "ConfigMap", "metadata": meta("ingress-nginx-controller"),
         "data": {"allow-snippet-annotations": "false", "hsts": "false"}},
        {"apiVersion": "v1", "kind": "Service", "metadata": meta("ingress-nginx-controller"),
         "spec": {"type": "NodePort", "ipFamilies": ["IPv4"], "ipFamilyPolicy": "SingleStack",
                  "ports": [dict(p, appProtocol=p["name"]) for p in ports], "selector": dict(LABELS)}},
        {"apiVersion": "v1", "kind": "Service", "metadata": meta("ingress-nginx-controller-admission"),
         "spec": {"type": "ClusterIP", "selector": dict(LABELS),
                  "ports": [{"appProtocol": "https", "name": "https-webhook", "port": 443,
                             "targetPort": "webhook"}]}},
        {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": meta("ingress-nginx-controller"),
         "spec": {"minReadySeconds": 0, "revisionHistoryLimit": 10,
                  "selector": {"matchLabels": dict(LABELS)},
                  "strategy": {"rollingUpdate": {"maxUnavailable": 1}, "type": "RollingUpdate"},
                  "template": {"metadata": {"labels": {**LABELS, "gcp-auth-skip-secret": "true"}},
                               "spec": {"containers": [_controller_container()],
                                        "dnsPolicy": "ClusterFirst",
                                        "nodeSelector": {"kubernetes.io/os": "linux",
                                                         "minikube.k8s.io/primary": "true"},
                                        "serviceAccountName": "ingress-nginx",
                                        "terminationGracePeriodSeconds": 0}}}},
    ]


def _controller_container() -> dict:
    args = ["/nginx-ingress-controller", "--election-id=ingress-nginx-leader",
            "--controller-class=k8s.io/ingress-nginx", "--watch-ingress-without-class=true",
            "--configmap=$(POD_NAMESPACE)/ingress-nginx-controller",
            "--tcp-services-configmap=$(POD_NAMESPACE)/tcp-services",
            "--udp-services-configmap=$(POD_NAMESPACE)/udp-services",
            "--validating-webhook=:8443", "--validating-webhook-certificate=/usr/local/certificates/cert",
            "--validating-webhook-key=/usr/local/certificates/key"]
    return {"name": "controller", "image": CONTROLLER_IMAGE, "imagePullPolicy": "IfNotPresent", "args": args,
            "ports": [{"containerPort": 80, "hostPort": 80, "name": "http", "protocol": "TCP"},
                      {"containerPort": 443, "hostPort": 443, "name": "https", "protocol": "TCP"},
                      {"containerPort": 8443, "name": "webhook", "protocol": "TCP"}],
            "readinessProbe": {"httpGet": {"path": "/healthz", "port": 10254, "scheme": "HTTP"},
                               "initialDelaySeconds": 10, "periodSeconds": 10, "failureThreshold": 3}}


def _deploy_ingress_nginx(cluster: Cluster) -> None:
    for obj in _manifests():
        try:
            cluster.store.create(obj)
        except errors.AlreadyExists:
            pass
    cluster.settle()


# -- `minikube addons list` -----------------------------------------------------------------------
def _width(text: str) -> int:
    """Display width as go-runewidth counts it (emoji and East Asian wide characters take two cells)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _center(text: str, width: int) -> str:
    gap = width - _width(text)
    return " " * (gap // 2) + text + " " * (gap - gap // 2)


def addons_table(cluster: Cluster) -> str:
    """The table of olekukonko/tablewriter as minikube configures it (ASCII borders, centred header)."""
    header = ["ADDON NAME", "PROFILE", "STATUS", "MAINTAINER"]
    rows = [[name, "minikube", "enabled ✅" if enabled(cluster, name) else "disabled", MAINTAINERS[name]]
            for name in sorted(MAINTAINERS)]
    widths = [max(_width(r[i]) for r in [header, *rows]) for i in range(4)]
    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    head = "|" + "|".join(f" {_center(h, w)} " for h, w in zip(header, widths, strict=True)) + "|"
    lines = [rule, head, rule]
    for r in rows:
        cells = [f" {c}{' ' * (w - _width(c))} " for c, w in zip(r, widths, strict=True)]
        lines.append("|" + "|".join(cells) + "|")
    lines.append(rule)
    return "\n".join(lines) + "\n"
