"""k8stutor: learn Kubernetes objects hands-on, on a simulated minikube cluster.

``Cluster`` is the cluster in a box; ``validate`` checks manifests as the apiserver
would.  Heavy parts load lazily so ``k8stutor validate`` starts fast.
"""

from __future__ import annotations

from .version import KUBERNETES_VERSION, MINIKUBE_VERSION

__all__ = ["Cluster", "validate", "KUBERNETES_VERSION", "MINIKUBE_VERSION"]
__version__ = "0.1.0"


def __getattr__(name: str):
    if name == "Cluster":
        from .cluster import Cluster

        return Cluster
    if name == "validate":
        from .validation import validate

        return validate
    raise AttributeError(name)


def load_ipython_extension(ipython) -> None:  # pragma: no cover - exercised through notebooks
    from .notebook import load_ipython_extension as load

    load(ipython)
