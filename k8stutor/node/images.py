"""The simulated image registries: which images exist, their tags, sizes, and the app each runs.

An image reference is normalised as the docker CLI (and cri-dockerd, minikube's runtime with the
docker driver) does: ``nginx`` is ``docker.io/library/nginx:latest``.
upstream: github.com/distribution/reference normalize.go (ParseNormalizedNamed),
pkg/kubelet/images/image_manager.go (applyDefaultImageTag).
An unknown repository or tag fails to pull with dockerd's own error text.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass


@dataclass(frozen=True)
class Ref:
    domain: str  # "docker.io"
    path: str  # "library/nginx"
    tag: str  # "latest"

    @property
    def repo(self) -> str:
        return f"{self.domain}/{self.path}"

    @property
    def familiar(self) -> str:
        """The short name docker prints (``nginx``, ``880831ian/kubernetes-demo``)."""
        if self.domain == "docker.io":
            return self.path.removeprefix("library/")
        return self.repo


def parse(image: str) -> Ref:
    name, tag = image, "latest"
    if "@" in name:
        name = name.split("@", 1)[0]
    last = name.rsplit("/", 1)[-1]
    if ":" in last:
        name, tag = name.rsplit(":", 1)
    first = name.split("/", 1)[0]
    if "/" in name and ("." in first or ":" in first or first == "localhost"):
        domain, path = name.split("/", 1)
    else:
        domain, path = "docker.io", name
    if domain == "docker.io" and "/" not in path:
        path = "library/" + path
    return Ref(domain, path, tag)


@dataclass(frozen=True)
class App:
    """What the image's entrypoint does: ``kind`` is ``server`` (listens until killed),
    ``shell`` (runs its command and exits) ; ``sigterm`` says whether PID 1 exits on SIGTERM."""

    name: str
    kind: str = "server"
    ports: tuple[int, ...] = ()
    sigterm: bool = True
    version: str = ""


NGINX = "nginx"
DEMO_SHIBA, DEMO_LOGO = "demo-shiba", "demo-logo"

# Sizes as `docker image ls` reports them (the kubelet's "Image size" with cri-dockerd), approximated.
_CATALOG: dict[str, dict[str, tuple[int, App]]] = {
    "docker.io/880831ian/kubernetes-demo": {
        # A Node.js (Express) app: node as PID 1 ignores SIGTERM, so deletion waits the grace period.
        "latest": (95_246_911, App(DEMO_SHIBA, ports=(3000,), sigterm=False)),
        "v1": (95_246_530, App(DEMO_LOGO, ports=(3000,), sigterm=False)),
    },
    "docker.io/hashicorp/http-echo": {
        t: (4_523_581, App("http-echo", ports=(5678,), version=t))
        for t in ("latest", "1.0", "1.0.0", "0.2.3")
    },
    "docker.io/library/busybox": {
        t: (4_261_574, App("busybox", kind="shell", sigterm=False))
        for t in (
            "latest",
            "1.28",
            "1.29",
            "1.30",
            "1.31",
            "1.32",
            "1.33",
            "1.34",
            "1.35",
            "1.36",
            "1.37",
            "stable",
            "musl",
            "glibc",
        )
    },
    "registry.k8s.io/busybox": {
        t: (1_144_547, App("busybox", kind="shell", sigterm=False)) for t in ("latest", "1.24", "1.27.2")
    },
    "docker.io/library/alpine": {
        t: (7_834_092, App("busybox", kind="shell", sigterm=False))
        for t in ("latest", "3", "3.18", "3.19", "3.20", "3.21")
    },
}

# upstream: hub.docker.com/_/nginx tags (a representative subset of the tags that were published)
_NGINX_TAGS = {
    "latest": "1.27.3",
    "stable": "1.26.2",
    "mainline": "1.27.3",
    "alpine": "1.27.3",
    "1.27": "1.27.3",
    "1.27.3": "1.27.3",
    "1.27.2": "1.27.2",
    "1.26": "1.26.2",
    "1.26.2": "1.26.2",
    "1.25": "1.25.5",
    "1.25.5": "1.25.5",
    "1.24": "1.24.0",
    "1.24.0": "1.24.0",
    "1.23": "1.23.4",
    "1.23.4": "1.23.4",
    "1.22": "1.22.1",
    "1.21": "1.21.6",
    "1.20": "1.20.2",
    "1.19": "1.19.10",
    "1.18": "1.18.0",
    "1.17": "1.17.10",
    "1.16": "1.16.1",
    "1.16.1": "1.16.1",
    "1.16.0": "1.16.0",
    "1.15": "1.15.12",
    "1.15.4": "1.15.4",
    "1.14": "1.14.2",
    "1.14.2": "1.14.2",
    "1.14.1": "1.14.1",
    "1.13": "1.13.12",
    "1.12": "1.12.2",
    "1.11": "1.11.13",
    "1.10": "1.10.3",
    "1.9": "1.9.15",
    "1.9.1": "1.9.1",
    "1.9.2": "1.9.2",
    "1.8": "1.8.1",
    "1.7.9": "1.7.9",
    "1.29": "1.29.1",
}
_CATALOG["docker.io/library/nginx"] = {
    t: (
        192_004_242 if not v.startswith(("1.7.", "1.8.", "1.9.")) else 91_664_166,
        App(NGINX, ports=(80,), version=v),
    )
    for t, v in _NGINX_TAGS.items()
}
# nginx-slim 0.8 ran nginx 1.11; k8s.gcr.io redirects to registry.k8s.io since 2023.
for _host in ("registry.k8s.io", "k8s.gcr.io", "gcr.io/google_containers"):
    _CATALOG[f"{_host}/nginx-slim"] = {
        t: (110_487_440, App(NGINX, ports=(80,), version=v))
        for t, v in {
            "0.7": "1.11.1",
            "0.8": "1.11.1",
            "0.24": "1.21.6",
            "0.26": "1.23.4",
            "0.27": "1.25.3",
        }.items()
    }

# What `minikube start` leaves on the node (the preload tarball of v1.35.0 for Kubernetes v1.32.0).
_SYSTEM = {
    "registry.k8s.io/kube-apiserver": "v1.32.0",
    "registry.k8s.io/kube-controller-manager": "v1.32.0",
    "registry.k8s.io/kube-scheduler": "v1.32.0",
    "registry.k8s.io/kube-proxy": "v1.32.0",
    "registry.k8s.io/etcd": "3.5.16-0",
    "registry.k8s.io/coredns/coredns": "v1.11.3",
    "registry.k8s.io/pause": "3.10",
    "gcr.io/k8s-minikube/storage-provisioner": "v5",
}
for _repo, _tag in _SYSTEM.items():
    _CATALOG.setdefault(_repo, {})[_tag] = (
        61_800_000,
        App("coredns" if "coredns" in _repo else "system", ports=(8080, 8181) if "coredns" in _repo else ()),
    )
_CATALOG["registry.k8s.io/ingress-nginx/controller"] = {
    t: (287_000_000, App("ingress-nginx", ports=(80, 443, 10254))) for t in ("v1.11.3", "v1.11.2", "v1.12.0")
}
_CATALOG["registry.k8s.io/ingress-nginx/kube-webhook-certgen"] = {
    t: (61_000_000, App("certgen", kind="shell")) for t in ("v1.4.4", "v1.4.3", "v1.5.0")
}
PRELOADED = frozenset(f"{r}:{t}" for r, t in _SYSTEM.items())


@dataclass(frozen=True)
class Image:
    ref: Ref
    size: int
    app: App

    @functools.cached_property
    def digest(self) -> str:
        return "sha256:" + hashlib.sha256(f"{self.ref.repo}:{self.ref.tag}".encode()).hexdigest()

    @functools.cached_property
    def image_id(self) -> str:
        """containerStatuses[].imageID as cri-dockerd reports it."""
        return f"docker-pullable://{self.ref.familiar}@{self.digest}"


class PullError(Exception):
    """dockerd's error for a failed pull (what the kubelet's ``Failed to pull image`` event quotes)."""


def lookup(image: str) -> Image:
    """The image ``image`` names, or PullError with dockerd's text."""
    ref = parse(image)
    repo = ref.repo
    if ref.domain == "gcr.io" and ref.path.startswith("google_containers/"):
        repo = "gcr.io/google_containers/" + ref.path.split("/", 1)[1]
    tags = _CATALOG.get(repo)
    if tags is None:
        # upstream: moby registry errors (docker pull of a repository that does not exist)
        raise PullError(
            f"Error response from daemon: pull access denied for {ref.familiar}, repository does not exist "
            "or may require 'docker login': denied: requested access to the resource is denied"
        )
    if ref.tag not in tags:
        raise PullError(
            f"Error response from daemon: manifest for {ref.familiar}:{ref.tag} not found: "
            "manifest unknown: manifest unknown"
        )
    size, app = tags[ref.tag]
    return Image(ref, size, app)


def display_name(image: str) -> str:
    """containerStatuses[].image: the reference with its tag (``nginx:latest``)."""
    ref = parse(image)
    return f"{ref.familiar}:{ref.tag}"
