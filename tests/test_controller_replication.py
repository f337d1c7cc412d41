"""The ReplicationController: defaults, the replication-controller's pods and events.

upstream: pkg/apis/core/v1/defaults.go (SetDefaults_ReplicationController) and
pkg/controller/replication (the ReplicaSet controller with a map selector). The example is the
kubernetes.io ReplicationController page's nginx RC.
"""

from __future__ import annotations

import re

from test_controller_replicaset_helpers import MiniCluster, StandInKubelet, bare_pod, events_of, scale

from k8stutor.api import events
from k8stutor.api.store import NAME_ALPHABET
from k8stutor.controllers import podcontrol
from k8stutor.controllers.garbagecollector import GarbageCollector
from k8stutor.controllers.replication import ReplicationManager


def nginx_rc(**spec: object) -> dict:
    return {
        "apiVersion": "v1",
        "kind": "ReplicationController",
        "metadata": {"name": "nginx"},
        "spec": {"replicas": 3, "template": {
            "metadata": {"name": "nginx", "labels": {"app": "nginx"}},
            "spec": {"containers": [{"name": "nginx", "image": "nginx", "ports": [{"containerPort": 80}]}]},
        }, **spec},
    }


def test_selector_and_labels_default_from_the_template() -> None:
    c = MiniCluster(ReplicationManager)
    rc = c.store.create(nginx_rc())
    assert rc["spec"]["selector"] == {"app": "nginx"}
    assert rc["metadata"]["labels"] == {"app": "nginx"}
    assert rc["status"] == {"replicas": 0}
    without = nginx_rc()
    del without["spec"]["replicas"]
    without["metadata"]["name"] = "one"
    assert c.store.create(without)["spec"]["replicas"] == 1


def test_explicit_selector_and_labels_are_kept() -> None:
    c = MiniCluster(ReplicationManager)
    rc = nginx_rc(selector={"app": "nginx"})
    rc["spec"]["template"]["metadata"]["labels"]["tier"] = "web"
    rc["metadata"]["labels"] = {"team": "a"}
    stored = c.store.create(rc)
    assert stored["spec"]["selector"] == {"app": "nginx"}
    assert stored["metadata"]["labels"] == {"team": "a"}


def test_pods_are_created_with_a_v1_controller_reference() -> None:
    c = MiniCluster(ReplicationManager, StandInKubelet)
    rc = c.store.create(nginx_rc())
    c.settle()
    pods = c.store.list("Pod")
    assert len(pods) == 3
    for pod in pods:
        assert re.fullmatch(rf"nginx-[{NAME_ALPHABET}]{{5}}", pod["metadata"]["name"])
        ref = podcontrol.controller_of(pod)
        assert (ref["apiVersion"], ref["kind"], ref["name"]) == ("v1", "ReplicationController", "nginx")
    evs = events.for_object(c.store, rc)
    assert {e["source"]["component"] for e in evs} == {"replication-controller"}
    assert {e["reason"] for e in evs} == {"SuccessfulCreate"}
    st = c.store.get("ReplicationController", "nginx")["status"]
    assert st == {"replicas": 3, "fullyLabeledReplicas": 3, "readyReplicas": 3, "availableReplicas": 3,
                  "observedGeneration": 1}


def test_deleted_pod_comes_back_and_scaling_works() -> None:
    c = MiniCluster(ReplicationManager, StandInKubelet)
    rc = c.store.create(nginx_rc())
    c.settle()
    victim = c.store.list("Pod")[0]["metadata"]["name"]
    c.store.delete("Pod", victim)
    c.settle()
    assert len(c.store.list("Pod")) == 3 and c.store.find("Pod", victim) is None
    scale(c, "ReplicationController", "nginx", 1)
    c.settle()
    assert len(c.store.list("Pod")) == 1
    assert c.store.get("ReplicationController", "nginx")["status"]["observedGeneration"] == 2
    reasons = [e[1] for e in events_of(c, rc)]
    assert reasons.count("SuccessfulCreate") == 4 and reasons.count("SuccessfulDelete") == 2


def test_map_selector_adopts_only_exact_matches() -> None:
    c = MiniCluster(ReplicationManager)
    c.store.create(bare_pod("match", {"app": "nginx", "extra": "1"}))
    c.store.create(bare_pod("nomatch", {"app": "nginx2"}))
    rc = c.store.create(nginx_rc(replicas=1))
    c.settle()
    assert podcontrol.controller_uid(c.store.get("Pod", "match")) == rc["metadata"]["uid"]
    assert "ownerReferences" not in c.store.get("Pod", "nomatch")["metadata"]
    assert len(c.store.list("Pod")) == 2


def test_deleting_the_rc_deletes_its_pods() -> None:
    c = MiniCluster(ReplicationManager, GarbageCollector, StandInKubelet)
    c.store.create(nginx_rc())
    c.settle()
    c.store.delete("ReplicationController", "nginx")
    c.settle()
    assert c.store.list("Pod") == []


RC_YAML = """\
apiVersion: v1
kind: ReplicationController
metadata:
  name: kubernetes-demo
spec:
  replicas: 3
  selector:
    app: demo
  template:
    metadata:
      labels:
        app: demo
    spec:
      containers:
      - name: kubernetes-demo-container
        image: 880831ian/kubernetes-demo
        ports:
        - containerPort: 3000
"""


def test_kubectl_session_get_rc_and_cascade_options() -> None:
    """The article's session on the whole simulated cluster: apply, get rc, delete with --cascade."""
    from k8stutor import Cluster

    c = Cluster()
    c.write_file("kubernetes-demo.yaml", RC_YAML)
    created = str(c.kubectl("apply -f kubernetes-demo.yaml"))
    assert created == "replicationcontroller/kubernetes-demo created\n"
    c.advance("28s")
    assert str(c.kubectl("get rc")) == (
        "NAME              DESIRED   CURRENT   READY   AGE\n"
        "kubernetes-demo   3         3         3       28s\n")
    names = c.kubectl("get po -o name").stdout.split()
    pattern = rf"pod/kubernetes-demo-[{NAME_ALPHABET}]{{5}}"
    assert len(names) == 3 and all(re.fullmatch(pattern, n) for n in names)
    c.kubectl("delete rc kubernetes-demo --cascade=orphan")
    assert c.kubectl("get po -o name").stdout.split() == names
    c.kubectl("apply -f kubernetes-demo.yaml")  # adopts the three orphans, creates nothing
    assert c.kubectl("get po -o name").stdout.split() == names
    c.kubectl("delete rc kubernetes-demo")
    c.advance("30s")
    assert str(c.kubectl("get po")) == "No resources found in default namespace.\n"
