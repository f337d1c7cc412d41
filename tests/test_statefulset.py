"""StatefulSet behaviour a user sees: ordered creation and scale-down, identities, claims, updates.

Golden orders follow the Kubernetes tutorial "StatefulSet Basics"
(kubernetes.io/docs/tutorials/stateful-application/basic-stateful-set/) and
pkg/controller/statefulset/stateful_set_control.go.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from k8stutor import Cluster
from k8stutor.network import dns

WEB = """\
apiVersion: v1
kind: Service
metadata:
  name: nginx
  labels:
    app: nginx
spec:
  ports:
  - port: 80
    name: web
  clusterIP: None
  selector:
    app: nginx
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: "nginx"
  replicas: {replicas}
  podManagementPolicy: {policy}
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
        image: registry.k8s.io/nginx-slim:0.8
        ports:
        - containerPort: 80
          name: web
        volumeMounts:
        - name: www
          mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: [ "ReadWriteOnce" ]
      resources:
        requests:
          storage: 1Gi
"""


def _objects(text: str) -> list[dict]:
    import yaml

    return [d for d in yaml.safe_load_all(text) if d]


def start(replicas: int = 2, policy: str = "OrderedReady", seed: int = 0) -> tuple[Cluster, list]:
    cluster = Cluster(seed=seed)
    log: list[tuple[str, str, dict]] = []
    cluster.store.watch(
        lambda t, o: log.append((t, o["kind"], o)) if o["kind"] in ("Pod", "PersistentVolumeClaim") else None
    )
    for obj in _objects(WEB.format(replicas=replicas, policy=policy)):
        obj["metadata"]["namespace"] = "default"
        cluster.store.create(obj)
    cluster.settle()
    return cluster, log


def running_ready(pod: dict) -> bool:
    conds = {c["type"]: c["status"] for c in (pod.get("status") or {}).get("conditions") or []}
    return pod["status"].get("phase") == "Running" and conds.get("Ready") == "True"


def pods(cluster: Cluster) -> dict[str, dict]:
    return {p["metadata"]["name"]: p for p in cluster.store.list("Pod", "default")}


def wait_ready(cluster: Cluster, n: int, limit: int = 300) -> None:
    for _ in range(limit):
        ready = [
            p
            for p in pods(cluster).values()
            if running_ready(p) and not p["metadata"].get("deletionTimestamp")
        ]
        if len(ready) == n and len(pods(cluster)) == n:
            return
        cluster.advance("1s")
    raise AssertionError(f"pods never became ready: {sorted(pods(cluster))}")


def test_ordered_ready_creates_each_pod_after_its_predecessor_is_running_and_ready():
    # tutorial: "web-1 Pod is not launched until the web-0 Pod is Running and Ready"
    cluster, log = start(replicas=3)
    wait_ready(cluster, 3)
    added = [o["metadata"]["name"] for t, k, o in log if t == "ADDED" and k == "Pod"]
    assert added == ["web-0", "web-1", "web-2"]
    first_ready: dict[str, int] = {}
    created_at: dict[str, int] = {}
    for i, (t, k, o) in enumerate(log):
        if k != "Pod":
            continue
        name = o["metadata"]["name"]
        if t == "ADDED":
            created_at.setdefault(name, i)
        if running_ready(o):
            first_ready.setdefault(name, i)
    assert first_ready["web-0"] < created_at["web-1"]
    assert first_ready["web-1"] < created_at["web-2"]


def test_parallel_creates_all_pods_without_waiting():
    cluster, log = start(replicas=3, policy="Parallel")
    assert sorted(pods(cluster)) == ["web-0", "web-1", "web-2"]
    assert not any(running_ready(p) for p in pods(cluster).values())


def test_scale_down_terminates_in_reverse_ordinal_order_one_at_a_time():
    cluster, log = start(replicas=5)
    wait_ready(cluster, 5)
    log.clear()
    assert (
        str(cluster.kubectl(["patch", "sts", "web", "-p", '{"spec":{"replicas":3}}']))
        == "statefulset.apps/web patched\n"
    )
    wait_ready(cluster, 3)
    terminating = [
        o["metadata"]["name"]
        for t, k, o in log
        if k == "Pod" and t == "MODIFIED" and o["metadata"].get("deletionTimestamp")
    ]
    deleted = [o["metadata"]["name"] for t, k, o in log if k == "Pod" and t == "DELETED"]
    assert list(dict.fromkeys(terminating)) == ["web-4", "web-3"]
    assert deleted == ["web-4", "web-3"]
    # web-3 starts terminating only after web-4 is gone
    idx = {(t, o["metadata"]["name"]): i for i, (t, k, o) in enumerate(log) if k == "Pod" and t == "DELETED"}
    first_term_3 = next(
        i
        for i, (t, k, o) in enumerate(log)
        if k == "Pod" and o["metadata"]["name"] == "web-3" and o["metadata"].get("deletionTimestamp")
    )
    assert idx[("DELETED", "web-4")] < first_term_3
    # claims are kept (default retention Retain)
    claims = sorted(c["metadata"]["name"] for c in cluster.store.list("PersistentVolumeClaim", "default"))
    assert claims == [f"www-web-{i}" for i in range(5)]


def test_pod_identity_labels_hostname_and_claims():
    cluster, _ = start(replicas=2)
    wait_ready(cluster, 2)
    pod = pods(cluster)["web-1"]
    labels = pod["metadata"]["labels"]
    assert labels["statefulset.kubernetes.io/pod-name"] == "web-1"
    assert labels["apps.kubernetes.io/pod-index"] == "1"
    assert (
        labels["controller-revision-hash"]
        == cluster.store.get("StatefulSet", "web")["status"]["updateRevision"]
    )
    assert pod["spec"]["hostname"] == "web-1" and pod["spec"]["subdomain"] == "nginx"
    assert pod["metadata"]["generateName"] == "web-"
    vol = next(v for v in pod["spec"]["volumes"] if v["name"] == "www")
    assert vol["persistentVolumeClaim"]["claimName"] == "www-web-1"
    claim = cluster.store.get("PersistentVolumeClaim", "www-web-1")
    assert claim["metadata"]["labels"] == {"app": "nginx"}
    assert claim["status"]["phase"] == "Bound"


def test_events_use_the_controllers_texts():
    # upstream: stateful_pod_control.go recordPodEvent / recordClaimEvent
    cluster, _ = start(replicas=1)
    wait_ready(cluster, 1)
    out = str(cluster.kubectl("describe sts web")) if _has_describe() else ""
    from k8stutor.api.events import for_object

    msgs = [e["message"] for e in for_object(cluster.store, cluster.store.get("StatefulSet", "web"))]
    assert msgs == [
        "create Claim www-web-0 Pod web-0 in StatefulSet web success",
        "create Pod web-0 in StatefulSet web successful",
    ]
    if out:
        assert "create Pod web-0 in StatefulSet web successful" in out


def _has_describe() -> bool:
    from k8stutor.kubectl import verb_table

    return "describe" in verb_table()


def test_describe_statefulset_text():
    from k8stutor.kubectl.printers import describer_for

    cluster, _ = start(replicas=2)
    wait_ready(cluster, 2)
    text = describer_for("StatefulSet")(cluster, cluster.store.get("StatefulSet", "web"))
    assert "Replicas:           2 desired | 2 total\n" in text
    assert "Update Strategy:    RollingUpdate\n  Partition:        0\n" in text
    assert "Pods Status:        2 Running / 0 Waiting / 0 Succeeded / 0 Failed\n" in text
    assert "Volume Claims:\n  Name:          www\n" in text
    assert "  Access Modes:  [ReadWriteOnce]\n" in text


def test_get_sts_columns():
    from k8stutor.kubectl.printers import table_for

    cluster, _ = start(replicas=2)
    wait_ready(cluster, 2)
    table = table_for("StatefulSet")
    sts = cluster.store.get("StatefulSet", "web")
    assert table.columns == ["NAME", "READY", "AGE"]
    assert table.row(cluster, sts)[:2] == ["web", "2/2"]
    assert table.wide_row(cluster, sts) == ["nginx", "registry.k8s.io/nginx-slim:0.8"]


def test_data_survives_pod_deletion_and_names_stay():
    from k8stutor.node.volumes import plugin_for

    cluster, _ = start(replicas=2)
    wait_ready(cluster, 2)
    before = {n: p["metadata"]["uid"] for n, p in pods(cluster).items()}
    for name, pod in pods(cluster).items():
        vol = next(v for v in pod["spec"]["volumes"] if v["name"] == "www")
        plugin_for(vol)(cluster, pod, vol).write("index.html", f"{name}\n".encode())
    for name in before:
        cluster.store.delete("Pod", name, "default")
    wait_ready(cluster, 2)
    after = pods(cluster)
    assert sorted(after) == ["web-0", "web-1"]
    assert all(after[n]["metadata"]["uid"] != before[n] for n in before)
    for name, pod in after.items():
        vol = next(v for v in pod["spec"]["volumes"] if v["name"] == "www")
        assert plugin_for(vol)(cluster, pod, vol).read("index.html") == f"{name}\n".encode()


def test_rolling_update_with_partition_updates_only_ordinals_at_or_above_it():
    cluster, _ = start(replicas=3)
    wait_ready(cluster, 3)
    cluster.kubectl(
        [
            "patch",
            "statefulset",
            "web",
            "-p",
            '{"spec":{"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":2}}}}',
        ]
    )
    out = cluster.kubectl(
        [
            "patch",
            "statefulset",
            "web",
            "--type=json",
            "-p",
            '[{"op": "replace", "path": "/spec/template/spec/containers/0/image", '
            '"value":"registry.k8s.io/nginx-slim:0.7"}]',
        ]
    )
    assert str(out) == "statefulset.apps/web patched\n"
    cluster.advance("60s")
    wait_ready(cluster, 3)
    images = {n: p["spec"]["containers"][0]["image"] for n, p in pods(cluster).items()}
    assert images == {
        "web-0": "registry.k8s.io/nginx-slim:0.8",
        "web-1": "registry.k8s.io/nginx-slim:0.8",
        "web-2": "registry.k8s.io/nginx-slim:0.7",
    }
    status = cluster.store.get("StatefulSet", "web")["status"]
    assert status["currentRevision"] != status["updateRevision"] and status["updatedReplicas"] == 1
    cluster.kubectl(
        [
            "patch",
            "statefulset",
            "web",
            "-p",
            '{"spec":{"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":0}}}}',
        ]
    )
    cluster.advance("120s")
    wait_ready(cluster, 3)
    assert {p["spec"]["containers"][0]["image"] for p in pods(cluster).values()} == {
        "registry.k8s.io/nginx-slim:0.7"
    }
    revs = sorted(
        (r["revision"], r["metadata"]["name"]) for r in cluster.store.list("ControllerRevision", "default")
    )
    assert [n for n, _ in revs] == [1, 2]
    assert cluster.store.get("StatefulSet", "web")["status"]["currentRevision"] == revs[-1][1]


def test_on_delete_strategy_updates_only_deleted_pods():
    cluster, _ = start(replicas=2)
    wait_ready(cluster, 2)
    cluster.kubectl(
        [
            "patch",
            "statefulset",
            "web",
            "-p",
            '{"spec":{"updateStrategy":{"type":"OnDelete","rollingUpdate":null}}}',
        ]
    )
    cluster.kubectl(
        [
            "patch",
            "statefulset",
            "web",
            "--type=merge",
            "-p",
            json.dumps({"spec": {"template": {"metadata": {"labels": {"app": "nginx", "v": "2"}}}}}),
        ]
    )
    cluster.advance("30s")
    assert all("v" not in p["metadata"]["labels"] for p in pods(cluster).values())
    cluster.store.delete("Pod", "web-0", "default")
    wait_ready(cluster, 2)
    assert pods(cluster)["web-0"]["metadata"]["labels"].get("v") == "2"
    assert "v" not in pods(cluster)["web-1"]["metadata"]["labels"]


def test_rollout_status_history_undo():
    from k8stutor.kubectl.rollout import statefulset as rollout

    cluster, _ = start(replicas=2)
    wait_ready(cluster, 2)
    sts = cluster.store.get("StatefulSet", "web")
    assert rollout.status(cluster, sts) == (
        "partitioned roll out complete: 2 new pods have been updated...\n",
        True,
    )
    cluster.kubectl(
        [
            "patch",
            "sts",
            "web",
            "--type=json",
            "-p",
            '[{"op":"replace","path":"/spec/template/spec/containers/0/image",'
            '"value":"registry.k8s.io/nginx-slim:0.7"}]',
        ]
    )
    sts = cluster.store.get("StatefulSet", "web")
    assert rollout.status(cluster, sts)[1] is False
    wait_ready(cluster, 2)
    cluster.advance("60s")
    assert (
        rollout.history(cluster, cluster.store.get("StatefulSet", "web"))
        == "REVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n"
    )
    assert rollout.rollback(cluster, cluster.store.get("StatefulSet", "web"), 0) == "rolled back"
    cluster.advance("120s")
    wait_ready(cluster, 2)
    assert {p["spec"]["containers"][0]["image"] for p in pods(cluster).values()} == {
        "registry.k8s.io/nginx-slim:0.8"
    }
    revs = {r["revision"] for r in cluster.store.list("ControllerRevision", "default")}
    assert revs == {2, 3}  # the old revision is renumbered, not copied
    with pytest.raises(rollout.RolloutError, match="unable to find specified revision 9 in history"):
        rollout.rollback(cluster, cluster.store.get("StatefulSet", "web"), 9)


def test_retention_delete_when_scaled_sets_pod_owner_and_claim_goes_with_it():
    cluster, _ = start(replicas=2)
    wait_ready(cluster, 2)
    cluster.kubectl(
        [
            "patch",
            "sts",
            "web",
            "-p",
            '{"spec":{"persistentVolumeClaimRetentionPolicy":{"whenScaled":"Delete"}}}',
        ]
    )
    cluster.kubectl(["patch", "sts", "web", "-p", '{"spec":{"replicas":1}}'])
    wait_ready(cluster, 1)
    cluster.advance("10s")
    claims = sorted(c["metadata"]["name"] for c in cluster.store.list("PersistentVolumeClaim", "default"))
    assert claims == ["www-web-0"]


def test_retention_delete_when_deleted_sets_the_statefulset_as_owner():
    cluster, _ = start(replicas=1)
    wait_ready(cluster, 1)
    cluster.kubectl(
        [
            "patch",
            "sts",
            "web",
            "-p",
            '{"spec":{"persistentVolumeClaimRetentionPolicy":{"whenDeleted":"Delete"}}}',
        ]
    )
    cluster.settle()
    refs = cluster.store.get("PersistentVolumeClaim", "www-web-0")["metadata"]["ownerReferences"]
    uid = cluster.store.get("StatefulSet", "web")["metadata"]["uid"]
    assert [(r["kind"], r["uid"], r.get("controller")) for r in refs] == [("StatefulSet", uid, True)]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    steps=st.lists(st.tuples(st.integers(0, 5), st.integers(0, 8)), min_size=1, max_size=5),
    policy=st.sampled_from(["OrderedReady", "Parallel"]),
    when_scaled=st.sampled_from(["Retain", "Delete"]),
    when_deleted=st.sampled_from(["Retain", "Delete"]),
    delete_at_end=st.booleans(),
)
def test_no_two_pods_share_an_ordinal_and_claims_go_only_by_policy(
    steps, policy, when_scaled, when_deleted, delete_at_end
):
    from k8stutor.controllers.statefulset_utils import ordinal

    cluster, _ = start(replicas=1, policy=policy)
    retention = {"whenScaled": when_scaled, "whenDeleted": when_deleted}
    cluster.kubectl(
        [
            "patch",
            "sts",
            "web",
            "-p",
            json.dumps({"spec": {"persistentVolumeClaimRetentionPolicy": retention}}),
        ]
    )
    alive: dict[int, str] = {}
    problems: list[str] = []
    state = {"replicas": 1, "deleted": False}

    def watch(event: str, obj: dict) -> None:
        if obj["kind"] == "PersistentVolumeClaim" and event == "DELETED":
            ord_ = int(obj["metadata"]["name"].rsplit("-", 1)[1])
            scaled_away = when_scaled == "Delete" and ord_ >= state["replicas"]
            set_gone = when_deleted == "Delete" and state["deleted"]
            if not (scaled_away or set_gone):
                problems.append(f"claim {obj['metadata']['name']} deleted against {retention}")
        if obj["kind"] != "Pod":
            return
        ord_, uid = ordinal(obj), obj["metadata"]["uid"]
        if event == "ADDED":
            if ord_ in alive:
                problems.append(f"ordinal {ord_} doubled")
            alive[ord_] = uid
        elif event == "DELETED" and alive.get(ord_) == uid:
            del alive[ord_]

    cluster.store.watch(watch)
    for replicas, wait in steps:
        state["replicas"] = min(state["replicas"], replicas)  # claims above the lowest count may go
        cluster.kubectl(["patch", "sts", "web", "-p", json.dumps({"spec": {"replicas": replicas}})])
        cluster.advance(f"{wait}s")
    if delete_at_end:
        state["deleted"] = True
        cluster.kubectl("delete sts web")
        cluster.advance("60s")
    assert problems == []
    if delete_at_end and when_deleted == "Retain" and when_scaled == "Retain":
        assert cluster.store.list("PersistentVolumeClaim", "default")


def test_parallel_status_counts_only_ready_pods():
    cluster, _ = start(replicas=3, policy="Parallel")
    status = cluster.store.get("StatefulSet", "web")["status"]
    assert (status["replicas"], status.get("readyReplicas", 0)) == (3, 0)
    wait_ready(cluster, 3)
    cluster.advance("1s")
    assert cluster.store.get("StatefulSet", "web")["status"]["readyReplicas"] == 3


def _trace(text: str) -> list[tuple[str, str]]:
    """(name, STATUS) of each watch row, in order (header and command messages skipped)."""
    rows = []
    for line in text.splitlines():
        cells = line.split()
        if len(cells) == 5 and cells[0].startswith("web-"):
            rows.append((cells[0], cells[2]))
    return rows


def test_get_pods_watch_trace_creation_order():
    # tutorial trace: web-0 Pending, ContainerCreating, Running; only then web-1 appears
    cluster = Cluster()
    cluster.write_file("web.yaml", WEB.format(replicas=2, policy="OrderedReady"))
    out = str(cluster.sh("kubectl get pods -w -l app=nginx &\nkubectl apply -f web.yaml"))
    rows = _trace(out)
    first_web1 = rows.index(("web-1", "Pending"))
    assert ("web-0", "Running") in rows[:first_web1]
    assert [s for n, s in rows if n == "web-0"][0] == "Pending"
    assert rows[-1] == ("web-1", "Running")


def test_get_pods_watch_trace_scale_down_order():
    cluster = Cluster()
    cluster.write_file("web.yaml", WEB.format(replicas=4, policy="OrderedReady"))
    cluster.kubectl("apply -f web.yaml")
    wait_ready(cluster, 4)
    out = str(cluster.sh("kubectl get pods -w -l app=nginx &\nkubectl scale sts web --replicas=1"))
    terminating = [n for n, s in _trace(out) if s == "Terminating"]
    assert list(dict.fromkeys(terminating)) == ["web-3", "web-2", "web-1"]
    assert sorted(pods(cluster)) == ["web-0"]


# -- stable network identity (kubernetes.io/docs/concepts/services-networking/dns-pod-service/) --
def _cluster() -> Cluster:
    cluster = Cluster()
    cluster.write_file("web.yaml", WEB.format(replicas=2, policy="OrderedReady"))
    cluster.kubectl("apply -f web.yaml")
    wait_ready(cluster, 2)
    cluster.advance("1s")
    return cluster


def test_pod_names_resolve_short_and_fully_qualified():
    cluster = _cluster()
    ip0 = pods(cluster)["web-0"]["status"]["podIP"]
    assert dns.resolve(cluster, "web-0.nginx").ips == [ip0]
    assert dns.resolve(cluster, "web-0.nginx.default.svc.cluster.local").ips == [ip0]
    headless = sorted(p["status"]["podIP"] for p in pods(cluster).values())
    assert sorted(dns.resolve(cluster, "nginx").ips) == headless


def test_srv_records_for_the_named_port_point_at_the_pods():
    cluster = _cluster()
    assert sorted(dns.srv(cluster, "_web._tcp.nginx.default.svc.cluster.local")) == [
        (80, "web-0.nginx.default.svc.cluster.local"),
        (80, "web-1.nginx.default.svc.cluster.local"),
    ]


def test_nslookup_from_a_busybox_pod_and_hostnames_after_recreation():
    cluster = _cluster()
    out = str(
        cluster.kubectl(
            "run -i --tty --image busybox:1.28 dns-test --restart=Never --rm -- nslookup web-0.nginx"
        )
    )
    ip0 = pods(cluster)["web-0"]["status"]["podIP"]
    assert "Server:    10.96.0.10\n" in out
    assert f"Address 1: {ip0} web-0.nginx.default.svc.cluster.local\n" in out
    cluster.kubectl("delete pod -l app=nginx")
    wait_ready(cluster, 2)
    cluster.advance("1s")
    out = str(cluster.sh("for i in 0 1; do kubectl exec \"web-$i\" -- sh -c 'hostname'; done"))
    assert out == "web-0\nweb-1\n"
    new_ip0 = pods(cluster)["web-0"]["status"]["podIP"]
    assert dns.resolve(cluster, "web-0.nginx").ips == [new_ip0]


def test_written_hostname_is_served_again_after_the_pods_are_deleted():
    # the tutorial's persistence experiment, through kubectl exec and the pods' nginx
    cluster = _cluster()
    write = (
        'for i in 0 1; do kubectl exec "web-$i" -- '
        "sh -c 'echo \"$(hostname)\" > /usr/share/nginx/html/index.html'; done"
    )
    read = 'for i in 0 1; do kubectl exec -i -t "web-$i" -- curl http://localhost/; done'
    cluster.sh(write)
    assert str(cluster.sh(read)) == "web-0\nweb-1\n"
    cluster.kubectl("delete pod -l app=nginx")
    wait_ready(cluster, 2)
    cluster.advance("1s")
    assert str(cluster.sh(read)) == "web-0\nweb-1\n"


def test_min_ready_seconds_delays_the_next_ordinal():
    # upstream: processReplica waits for isRunningAndAvailable(pod, minReadySeconds)
    cluster, log = start(replicas=2)
    cluster.kubectl(["patch", "sts", "web", "-p", '{"spec":{"minReadySeconds":10}}'])
    wait_ready(cluster, 2, limit=120)
    ready_at = created_at = None
    for t, k, o in log:
        if k == "Pod" and o["metadata"]["name"] == "web-0" and running_ready(o) and ready_at is None:
            ready_at = o["status"]["conditions"]
        if k == "Pod" and t == "ADDED" and o["metadata"]["name"] == "web-1":
            created_at = o["metadata"]["creationTimestamp"]
    ready = next(c["lastTransitionTime"] for c in ready_at if c["type"] == "Ready")
    assert cluster.clock.seconds_since(ready) - cluster.clock.seconds_since(created_at) >= 10


def test_kubectl_rollout_and_scale_for_statefulsets():
    cluster = Cluster()
    cluster.write_file("web.yaml", WEB.format(replicas=2, policy="OrderedReady"))
    cluster.kubectl("apply -f web.yaml")
    out = str(cluster.kubectl("rollout status sts/web"))
    assert out.endswith("partitioned roll out complete: 2 new pods have been updated...\n")
    assert str(cluster.kubectl("scale sts web --replicas=3")) == "statefulset.apps/web scaled\n"
    cluster.kubectl("rollout status sts/web")
    assert sorted(pods(cluster)) == ["web-0", "web-1", "web-2"]
    cluster.kubectl(["set", "image", "sts/web", "nginx=registry.k8s.io/nginx-slim:0.7"])
    cluster.kubectl("rollout status sts/web")
    assert str(cluster.kubectl("rollout undo sts/web")) == "statefulset.apps/web rolled back\n"
    cluster.kubectl("rollout status sts/web")
    images = {p["spec"]["containers"][0]["image"] for p in pods(cluster).values()}
    assert images == {"registry.k8s.io/nginx-slim:0.8"}
    history = str(cluster.kubectl("rollout history sts/web"))
    assert "REVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n" in history


def test_controller_revision_hash_matches_a_real_cluster():
    # upstream: pkg/controller/history/controller_history.go HashControllerRevision (FNV-1 32 of the
    # template patch, then the collision count, then rand.SafeEncodeString). Golden: a real cluster
    # (kind, v1.34, which no longer serialises the null creationTimestamp) labelled the pods of this
    # template `controller-revision-hash=web-8776b8748`.
    from k8stutor.controllers import statefulset_utils as u

    template = {
        "$patch": "replace",
        "metadata": {"labels": {"app": "web"}},
        "spec": {
            "containers": [
                {
                    "image": "nginx:1.27-alpine",
                    "imagePullPolicy": "IfNotPresent",
                    "name": "nginx",
                    "ports": [{"containerPort": 80, "protocol": "TCP"}],
                    "readinessProbe": {
                        "failureThreshold": 3,
                        "httpGet": {"path": "/", "port": 80, "scheme": "HTTP"},
                        "periodSeconds": 2,
                        "successThreshold": 1,
                        "timeoutSeconds": 1,
                    },
                    "resources": {},
                    "terminationMessagePath": "/dev/termination-log",
                    "terminationMessagePolicy": "File",
                }
            ],
            "dnsPolicy": "ClusterFirst",
            "restartPolicy": "Always",
            "schedulerName": "default-scheduler",
            "securityContext": {},
            "terminationGracePeriodSeconds": 5,
        },
    }
    assert u.revision_name("web", u.hash_revision({"spec": {"template": template}}, 0)) == "web-8776b8748"
