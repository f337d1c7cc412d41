"""``kubectl rollout``, ``set image`` and ``scale`` against the simulated cluster.

Golden texts: staging/src/k8s.io/kubectl/pkg/polymorphichelpers/{rollout_status.go,history.go,
rollback.go}, pkg/cmd/rollout/*.go, pkg/cmd/set/set_image.go, pkg/cmd/util/record_flags.go and
kubernetes.io/docs/concepts/workloads/controllers/deployment/ (Checking Rollout History, Rolling Back).
"""

from __future__ import annotations

import pytest

from k8stutor import Cluster

NGINX = """apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx-deployment
  labels:
    app: nginx
spec:
  replicas: 3
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:1.14.2
        ports:
        - containerPort: 80
"""


@pytest.fixture(scope="module")
def rolled() -> Cluster:
    c = Cluster()
    c.write_file("nginx.yaml", NGINX)
    assert c.kubectl("apply -f nginx.yaml").ok
    assert c.kubectl("rollout status deployment/nginx-deployment").ok
    return c


def test_rollout_status_follows_the_rollout():
    c = Cluster()
    c.write_file("nginx.yaml", NGINX)
    c.kubectl("apply -f nginx.yaml")
    c.kubectl("rollout status deployment/nginx-deployment")
    r = c.kubectl("set image deployment/nginx-deployment nginx=nginx:1.16.1")
    assert (r.stdout, r.stderr) == ("deployment.apps/nginx-deployment image updated\n", "")
    r = c.kubectl("rollout status deployment/nginx-deployment")
    lines = r.stdout.splitlines()
    assert lines[0].startswith('Waiting for deployment "nginx-deployment" rollout to finish: ')
    assert lines[-1] == 'deployment "nginx-deployment" successfully rolled out'
    assert r.returncode == 0
    # once done, a second look prints the last line only
    assert (
        str(c.kubectl("rollout status deploy/nginx-deployment"))
        == 'deployment "nginx-deployment" successfully rolled out\n'
    )


def test_set_image_record_history_and_undo():
    c = Cluster()
    c.write_file("nginx.yaml", NGINX)
    c.kubectl("apply -f nginx.yaml")
    c.kubectl("rollout status deployment/nginx-deployment")
    r = c.kubectl("set image deployment/nginx-deployment nginx=nginx:1.16.1 --record")
    assert r.stdout == "deployment.apps/nginx-deployment image updated\n"
    assert r.stderr == "Flag --record has been deprecated, --record will be removed in the future\n"
    c.kubectl("rollout status deployment/nginx-deployment")
    assert c.kubectl("rollout history deployment/nginx-deployment").stdout == (
        "deployment.apps/nginx-deployment \n"
        "REVISION  CHANGE-CAUSE\n"
        "1         <none>\n"
        "2         kubectl set image deployment/nginx-deployment nginx=nginx:1.16.1 --record=true\n"
        "\n"
    )
    detail = c.kubectl("rollout history deployment/nginx-deployment --revision=2").stdout
    assert detail.startswith(
        "deployment.apps/nginx-deployment with revision #2\nPod Template:\n  Labels:\tapp=nginx\n"
    )
    assert "    Image:\tnginx:1.16.1\n" in detail
    assert (
        c.kubectl("rollout undo deployment/nginx-deployment --to-revision=1").stdout
        == "deployment.apps/nginx-deployment rolled back\n"
    )
    c.kubectl("rollout status deployment/nginx-deployment")
    # a rollback is a new revision: revision 1 moved to 3
    assert c.kubectl("rollout history deployment/nginx-deployment").stdout.splitlines()[2:4] == [
        "2         kubectl set image deployment/nginx-deployment nginx=nginx:1.16.1 --record=true",
        "3         <none>",
    ]
    r = c.kubectl("rollout undo deployment/nginx-deployment --to-revision=3")
    assert (
        r.stdout
        == "deployment.apps/nginx-deployment skipped rollback (current template already matches revision)\n"
    )
    r = c.kubectl("rollout undo deployment/nginx-deployment --to-revision=1")
    assert (r.stderr, r.returncode) == ("error: unable to find specified revision 1 in history\n", 1)
    r = c.kubectl("rollout history deployment/nginx-deployment --revision=7")
    assert r.stderr == "error: unable to find the specified revision\n"


def test_user_mistakes_get_kubectls_errors(rolled: Cluster):
    c = rolled
    r = c.kubectl("set image deployment/nginx-deployment nignx=nginx:1.16.1")
    assert (r.stdout, r.stderr, r.returncode) == ("", 'error: unable to find container named "nignx"\n', 1)
    assert (
        c.kubectl("set image deployment/nginx-deployment").stderr
        == "error: at least one image update is required\n"
    )
    assert (
        c.kubectl("scale deployment/nginx-deployment").stderr
        == 'error: required flag(s) "replicas" not set\n'
    )
    r = c.kubectl("scale deployment/nope --replicas=2")
    assert r.stderr == 'Error from server (NotFound): deployments.apps "nope" not found\n'
    assert (
        c.kubectl("rollout resume deployment/nginx-deployment").stderr
        == 'error: deployments.apps "nginx-deployment" is not paused\n'
    )
    r = c.kubectl("rollout status rs/" + c.store.list("ReplicaSet")[0]["metadata"]["name"])
    assert r.stderr == "error: no status viewer has been implemented for ReplicaSet.apps\n"


def test_pause_resume_restart_and_scale():
    c = Cluster()
    c.write_file("nginx.yaml", NGINX)
    c.kubectl("apply -f nginx.yaml")
    c.kubectl("rollout status deployment/nginx-deployment")
    assert (
        c.kubectl("rollout pause deployment/nginx-deployment").stdout
        == "deployment.apps/nginx-deployment paused\n"
    )
    assert (
        c.kubectl("rollout pause deployment/nginx-deployment").stderr
        == 'error: deployments.apps "nginx-deployment" is already paused\n'
    )
    c.kubectl("set image deployment/nginx-deployment nginx=nginx:1.16.1")
    c.advance("30s")
    assert len(c.store.list("ReplicaSet")) == 1
    assert c.kubectl("rollout restart deployment/nginx-deployment").stderr == (
        'error: deployments.apps "nginx-deployment" can\'t restart paused deployment '
        "(run rollout resume first)\n"
    )
    assert (
        c.kubectl("rollout resume deployment/nginx-deployment").stdout
        == "deployment.apps/nginx-deployment resumed\n"
    )
    c.kubectl("rollout status deployment/nginx-deployment")
    assert (
        c.kubectl("scale deployment nginx-deployment --replicas=5").stdout
        == "deployment.apps/nginx-deployment scaled\n"
    )
    c.kubectl("rollout status deployment/nginx-deployment")
    assert c.kubectl("get deploy").stdout.splitlines()[1].split()[:4] == ["nginx-deployment", "5/5", "5", "5"]
    assert (
        c.kubectl("rollout restart deployment/nginx-deployment").stdout
        == "deployment.apps/nginx-deployment restarted\n"
    )
    c.kubectl("rollout status deployment/nginx-deployment")
    assert len(c.store.list("ReplicaSet")) == 3


def test_describe_deployment_after_the_docs_rollout():
    c = Cluster()
    c.write_file("nginx.yaml", NGINX)
    c.kubectl("apply -f nginx.yaml")
    c.kubectl("rollout status deployment/nginx-deployment")
    c.kubectl("set image deployment/nginx-deployment nginx=nginx:1.16.1")
    c.kubectl("rollout status deployment/nginx-deployment")
    text = c.kubectl("describe deployments").stdout
    new = [rs["metadata"]["name"] for rs in c.store.list("ReplicaSet") if rs["spec"]["replicas"] == 3][0]
    for line in (
        "Replicas:               3 desired | 3 updated | 3 total | 3 available | 0 unavailable",
        "StrategyType:           RollingUpdate",
        "RollingUpdateStrategy:  25% max unavailable, 25% max surge",
        "  Available      True    MinimumReplicasAvailable",
        "  Progressing    True    NewReplicaSetAvailable",
        "OldReplicaSets:  <none>",
        f"NewReplicaSet:   {new} (3/3 replicas created)",
    ):
        assert line in text.splitlines()
    reasons = [line.split()[1] for line in text.split("Events:")[1].splitlines()[3:]]
    assert reasons == ["ScalingReplicaSet"] * 7


def test_failed_deployment_and_rollback_as_in_the_docs():
    # kubernetes.io Deployment page, "Failed Deployment" / "Rolling Back a Deployment": the image typo
    # nginx:1.161 never pulls; with maxUnavailable 25% of 3 = 0 the old Pods keep serving.
    c = Cluster()
    c.write_file("nginx.yaml", NGINX)
    c.kubectl("apply -f nginx.yaml")
    c.kubectl("rollout status deployment/nginx-deployment")
    c.kubectl("set image deployment/nginx-deployment nginx=nginx:1.161")
    r = c.kubectl("rollout status deployment/nginx-deployment --timeout=15m")
    assert r.stderr == 'error: deployment "nginx-deployment" exceeded its progress deadline\n'
    waiting = 'Waiting for deployment "nginx-deployment" rollout to finish: '
    assert r.stdout.splitlines() == [waiting + "1 out of 3 new replicas have been updated..."]
    assert sorted(rs["spec"]["replicas"] for rs in c.store.list("ReplicaSet")) == [1, 3]
    text = c.kubectl("describe deployment nginx-deployment").stdout
    assert "  Progressing    False   ProgressDeadlineExceeded" in text.splitlines()
    assert c.kubectl("rollout undo deployment/nginx-deployment").stdout == (
        "deployment.apps/nginx-deployment rolled back\n"
    )
    assert c.kubectl("rollout status deployment/nginx-deployment").ok
    assert sorted(rs["spec"]["replicas"] for rs in c.store.list("ReplicaSet")) == [0, 3]


def test_record_writes_the_command_line_as_kubectl_does():
    # oracle: kubectl v1.32 `set image -f d.yaml nginx=nginx:1.16.1 --local --record -o yaml` wrote
    # "kubectl set image nginx=nginx:1.16.1 --filename=/tmp/d.yaml --local=true --record=true --output=yaml"
    from k8stutor.kubectl import args as a
    from k8stutor.kubectl.verbs.set import FLAGS, _change_cause

    argv = "nginx=nginx:1.16.1 -f /tmp/d.yaml --local --record -o yaml".split()
    assert _change_cause(argv, a.parse("set image", argv, FLAGS)) == (
        "kubectl set image nginx=nginx:1.16.1 --filename=/tmp/d.yaml --local=true --record=true --output=yaml"
    )


RS_AND_RC = """apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.14.2
---
apiVersion: v1
kind: ReplicationController
metadata:
  name: old
spec:
  replicas: 1
  selector: {app: old}
  template:
    metadata:
      labels: {app: old}
    spec:
      containers:
      - name: web
        image: nginx:1.14.2
"""


def test_scale_replicasets_and_replicationcontrollers():
    # upstream: kubectl/pkg/cmd/scale/scale.go; polymorphichelpers/objectpauser.go for the RC refusal
    c = Cluster()
    c.write_file("rs.yaml", RS_AND_RC)
    c.kubectl("apply -f rs.yaml")
    assert c.kubectl("scale rs web --replicas=4").stdout == "replicaset.apps/web scaled\n"
    r = c.kubectl("scale rc/old --replicas=3 --current-replicas=2")
    assert (r.stderr, r.returncode) == ("error: Expected replicas to be 2, was 1\n", 1)
    assert c.kubectl("scale rc/old --replicas=3").stdout == "replicationcontroller/old scaled\n"
    c.advance("20s")
    assert [
        len(c.store.list("Pod", selector=lambda labels, a=app: labels.get("app") == a))
        for app in ("web", "old")
    ] == [4, 3]
    assert (
        c.kubectl("rollout pause rc/old").stderr
        == 'error: replicationcontrollers "old" pausing is not supported\n'
    )
    assert (
        c.kubectl("rollout history rs/web").stderr
        == 'error: no history viewer has been implemented for "ReplicaSet.apps"\n'
    )


def test_get_deployments_wide(rolled: Cluster):
    # upstream: pkg/printers/internalversion/printers.go deploymentColumnDefinitions
    lines = rolled.kubectl("get deploy -o wide").stdout.splitlines()
    assert lines[0].split() == [
        "NAME",
        "READY",
        "UP-TO-DATE",
        "AVAILABLE",
        "AGE",
        "CONTAINERS",
        "IMAGES",
        "SELECTOR",
    ]
    assert lines[1].split()[:4] == ["nginx-deployment", "3/3", "3", "3"]
    assert lines[1].split()[5:] == ["nginx", "nginx:1.14.2", "app=nginx"]
