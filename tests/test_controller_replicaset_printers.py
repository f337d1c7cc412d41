"""``kubectl get/describe rs|rc`` rows and text.

Golden text follows staging/src/k8s.io/kubectl/pkg/describe/describe.go (describeReplicaSet,
describeReplicationController, DescribePodTemplate, DescribeEvents) and the `kubectl describe
rs/frontend` example of https://kubernetes.io/docs/concepts/workloads/controllers/replicaset/;
table columns follow pkg/printers/internalversion/printers.go (printReplicaSet, printReplicationController).
"""

from __future__ import annotations

from test_controller_replicaset_helpers import MiniCluster, StandInKubelet, replica_set
from test_controller_replication import nginx_rc

from k8stutor.api import events
from k8stutor.controllers.replicaset import ReplicaSetController
from k8stutor.controllers.replication import ReplicationManager
from k8stutor.kubectl.printers import describer_for, table_for


def cluster_with_frontend() -> tuple[MiniCluster, dict]:
    c = MiniCluster(ReplicaSetController, ReplicationManager, StandInKubelet)
    rs = replica_set(replicas=3)
    rs["metadata"]["labels"] = {"app": "guestbook", "tier": "frontend"}
    c.store.create(rs)
    c.settle()
    c.advance("13s")
    return c, c.store.get("ReplicaSet", "frontend")


def test_get_rs_columns() -> None:
    c, rs = cluster_with_frontend()
    t = table_for("ReplicaSet")
    assert t.columns == ["NAME", "DESIRED", "CURRENT", "READY", "AGE"]
    assert t.wide_columns == ["CONTAINERS", "IMAGES", "SELECTOR"]
    assert t.row(c, rs) == ["frontend", "3", "3", "3", "13s"]
    assert t.wide_row(c, rs) == [
        "php-redis", "us-docker.pkg.dev/google-samples/containers/gke/gb-frontend:v5", "tier=frontend"]


def test_describe_rs_golden() -> None:
    c, rs = cluster_with_frontend()
    names = [e["message"].split(": ")[1] for e in events.for_object(c.store, rs)]
    expected = f"""\
Name:         frontend
Namespace:    default
Selector:     tier=frontend
Labels:       app=guestbook
              tier=frontend
Annotations:  <none>
Replicas:     3 current / 3 desired
Pods Status:  3 Running / 0 Waiting / 0 Succeeded / 0 Failed
Pod Template:
  Labels:  tier=frontend
  Containers:
   php-redis:
    Image:         us-docker.pkg.dev/google-samples/containers/gke/gb-frontend:v5
    Port:          <none>
    Host Port:     <none>
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Events:
  Type    Reason            Age   From                   Message
  ----    ------            ----  ----                   -------
  Normal  SuccessfulCreate  13s   replicaset-controller  Created pod: {names[0]}
  Normal  SuccessfulCreate  13s   replicaset-controller  Created pod: {names[1]}
  Normal  SuccessfulCreate  13s   replicaset-controller  Created pod: {names[2]}
"""
    assert describer_for("ReplicaSet")(c, rs) == expected


def test_describe_rc_golden_and_wide_selector() -> None:
    c = MiniCluster(ReplicationManager)
    c.store.create(nginx_rc(replicas=2))
    c.settle()
    rc = c.store.get("ReplicationController", "nginx")
    assert table_for("ReplicationController").row(c, rc) == ["nginx", "2", "2", "0", "0s"]
    assert table_for("ReplicationController").wide_row(c, rc) == ["nginx", "nginx", "app=nginx"]
    text = describer_for("ReplicationController")(c, rc)
    assert text.startswith("""\
Name:         nginx
Namespace:    default
Selector:     app=nginx
Labels:       app=nginx
Annotations:  <none>
Replicas:     2 current / 2 desired
Pods Status:  0 Running / 2 Waiting / 0 Succeeded / 0 Failed
Pod Template:
  Labels:  app=nginx
  Containers:
   nginx:
    Image:         nginx
    Port:          80/TCP
    Host Port:     0/TCP
""")
    assert "Controlled By" not in text
    assert "replication-controller  Created pod: nginx-" in text


def test_describe_shows_replica_failure_condition() -> None:
    c = MiniCluster(ReplicaSetController)
    rs = replica_set(replicas=1)
    rs["spec"]["template"]["spec"]["serviceAccountName"] = "missing"
    c.store.create(rs)
    c.settle()
    text = describer_for("ReplicaSet")(c, c.store.get("ReplicaSet", "frontend"))
    assert "Conditions:\n  Type             Status  Reason\n  ----             ------  ------\n" \
           "  ReplicaFailure   True    FailedCreate\n" in text
