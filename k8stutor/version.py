"""The one place that names the Kubernetes the simulator and validator follow."""

#: Reference: Kubernetes v1.32 as minikube v1.35 (docker driver) runs it.
KUBERNETES_VERSION = "v1.32.0"
KUBERNETES_MINOR = "1.32"
MINIKUBE_VERSION = "v1.35.0"
KUBECTL_VERSION = "v1.32.0"
