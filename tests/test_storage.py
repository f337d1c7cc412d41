"""Claims, volumes and classes as minikube's storage-provisioner and the PV controller leave them.

upstream: pkg/controller/volume/persistentvolume/pv_controller.go, minikube
pkg/storage/storage_provisioner.go, pkg/printers/internalversion/printers.go (PVC/PV/SC columns).
"""

from __future__ import annotations

from k8stutor import Cluster
from k8stutor.controllers.persistentvolume import unschedulable_reason
from k8stutor.kubectl.printers import describer_for, table_for


def claim(name: str = "data", cls: str | None = None, size: str = "1Gi") -> dict:
    spec: dict = {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": size}}}
    if cls is not None:
        spec["storageClassName"] = cls
    return {
        "apiVersion": "v1",
        "kind": "PersistentVolumeClaim",
        "metadata": {"name": name, "namespace": "default"},
        "spec": spec,
    }


def pod_using(name: str, claim_name: str) -> dict:
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": name, "namespace": "default"},
        "spec": {
            "containers": [{"name": "c", "image": "busybox:1.28"}],
            "volumes": [{"name": "v", "persistentVolumeClaim": {"claimName": claim_name}}],
        },
    }


def test_standard_class_is_the_default():
    cluster = Cluster()
    sc = cluster.store.get("StorageClass", "standard", "")
    row = table_for("StorageClass").row(cluster, sc)
    assert row[:5] == ["standard (default)", "k8s.io/minikube-hostpath", "Delete", "Immediate", "false"]


def test_dynamic_provisioning_binds_a_hostpath_volume_named_after_the_claim_uid():
    cluster = Cluster()
    created = cluster.store.create(claim())
    cluster.settle()
    pvc = cluster.store.get("PersistentVolumeClaim", "data")
    pv_name = f"pvc-{created['metadata']['uid']}"
    assert pvc["spec"]["storageClassName"] == "standard"  # DefaultStorageClass admission
    assert pvc["spec"]["volumeName"] == pv_name
    assert pvc["status"] == {
        "accessModes": ["ReadWriteOnce"],
        "capacity": {"storage": "1Gi"},
        "phase": "Bound",
    }
    assert pvc["metadata"]["finalizers"] == ["kubernetes.io/pvc-protection"]
    pv = cluster.store.get("PersistentVolume", pv_name, "")
    assert pv["spec"]["hostPath"] == {"path": "/tmp/hostpath-provisioner/default/data", "type": ""}
    assert pv["spec"]["persistentVolumeReclaimPolicy"] == "Delete"
    assert pv["metadata"]["finalizers"] == ["kubernetes.io/pv-protection"]
    assert pv["metadata"]["annotations"]["pv.kubernetes.io/provisioned-by"] == "k8s.io/minikube-hostpath"
    assert pv["status"]["phase"] == "Bound"
    row = table_for("PersistentVolumeClaim").row(cluster, pvc)
    assert row[:7] == ["data", "Bound", pv_name, "1Gi", "RWO", "standard", "<unset>"]
    pv_row = table_for("PersistentVolume").row(cluster, pv)
    assert pv_row[:9] == [pv_name, "1Gi", "RWO", "Delete", "Bound", "default/data", "standard", "<unset>", ""]


def test_describe_pvc_shows_the_provisioning_events():
    cluster = Cluster()
    cluster.store.create(claim())
    cluster.settle()
    text = describer_for("PersistentVolumeClaim")(cluster, cluster.store.get("PersistentVolumeClaim", "data"))
    assert "Finalizers:    [kubernetes.io/pvc-protection]\n" in text
    assert "Used By:       <none>\n" in text
    assert (
        "ExternalProvisioning" in text
        and "Waiting for a volume to be created either by the external "
        "provisioner 'k8s.io/minikube-hostpath' or manually by the system administrator."
        in text
    )
    assert 'External provisioner is provisioning volume for claim "default/data"' in text
    assert "ProvisioningSucceeded" in text


def test_claim_without_class_stays_pending_and_the_pod_unschedulable():
    cluster = Cluster()
    cluster.store.create(claim(cls=""))
    cluster.settle()
    pvc = cluster.store.get("PersistentVolumeClaim", "data")
    assert pvc["status"]["phase"] == "Pending"
    assert (
        unschedulable_reason(cluster, pod_using("p", "data"))
        == "pod has unbound immediate PersistentVolumeClaims"
    )
    assert unschedulable_reason(cluster, pod_using("p", "nope")) == 'persistentvolumeclaim "nope" not found'
    text = describer_for("PersistentVolumeClaim")(cluster, pvc)
    assert "no persistent volumes available for this claim and no storage class is set" in text


def test_deleting_a_claim_in_use_waits_until_no_pod_uses_it():
    cluster = Cluster()
    cluster.store.create(claim())
    cluster.settle()
    cluster.store.create(pod_using("user", "data"))
    cluster.advance("30s")
    assert cluster.store.get("Pod", "user")["spec"].get("nodeName") == "minikube"
    cluster.store.delete("PersistentVolumeClaim", "data")
    cluster.settle()
    pvc = cluster.store.get("PersistentVolumeClaim", "data")
    assert table_for("PersistentVolumeClaim").row(cluster, pvc)[1] == "Terminating"
    cluster.store.delete("Pod", "user", "default")
    cluster.advance("60s")
    assert cluster.store.find("PersistentVolumeClaim", "data") is None
    # reclaim policy Delete: the volume and its data go too
    assert cluster.store.list("PersistentVolume", None) == []


def test_retain_policy_keeps_a_released_volume():
    cluster = Cluster()
    cluster.store.create(
        {
            "apiVersion": "v1",
            "kind": "PersistentVolume",
            "metadata": {"name": "manual"},
            "spec": {
                "capacity": {"storage": "5Gi"},
                "accessModes": ["ReadWriteOnce"],
                "storageClassName": "manual",
                "hostPath": {"path": "/data"},
            },
        }
    )
    cluster.settle()
    assert cluster.store.get("PersistentVolume", "manual", "")["status"]["phase"] == "Available"
    cluster.store.create(claim(cls="manual", size="2Gi"))
    cluster.settle()
    assert cluster.store.get("PersistentVolumeClaim", "data")["spec"]["volumeName"] == "manual"
    cluster.store.delete("PersistentVolumeClaim", "data")
    cluster.settle()
    pv = cluster.store.get("PersistentVolume", "manual", "")
    assert pv["status"]["phase"] == "Released" and pv["spec"]["persistentVolumeReclaimPolicy"] == "Retain"


def test_kubectl_get_pvc_pv_sc_tables():
    # columns: pkg/printers/internalversion/printers.go (v1.32) persistentVolumeClaimColumnDefinitions,
    # persistentVolumeColumnDefinitions, storageClassColumnDefinitions
    cluster = Cluster()
    created = cluster.store.create(claim())
    cluster.settle()
    pv = f"pvc-{created['metadata']['uid']}"
    out = str(cluster.kubectl("get pvc"))
    assert out.splitlines()[0].split() == [
        "NAME",
        "STATUS",
        "VOLUME",
        "CAPACITY",
        "ACCESS",
        "MODES",
        "STORAGECLASS",
        "VOLUMEATTRIBUTESCLASS",
        "AGE",
    ]
    assert out.splitlines()[1].split()[:7] == ["data", "Bound", pv, "1Gi", "RWO", "standard", "<unset>"]
    wide = str(cluster.kubectl("get pvc -o wide"))
    assert (
        wide.splitlines()[0].split()[-1] == "VOLUMEMODE" and wide.splitlines()[1].split()[-1] == "Filesystem"
    )
    out = str(cluster.kubectl("get pv"))
    assert out.splitlines()[0].split() == [
        "NAME",
        "CAPACITY",
        "ACCESS",
        "MODES",
        "RECLAIM",
        "POLICY",
        "STATUS",
        "CLAIM",
        "STORAGECLASS",
        "VOLUMEATTRIBUTESCLASS",
        "REASON",
        "AGE",
    ]
    assert (
        str(cluster.kubectl("get sc"))
        .splitlines()[1]
        .startswith("standard (default)   k8s.io/minikube-hostpath")
    )
