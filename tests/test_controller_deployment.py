"""The Deployment controller: rolling updates, Recreate, revisions, scaling, progress.

Golden texts follow kubernetes.io/docs/concepts/workloads/controllers/deployment/ ("kubectl describe
deployments" after ``kubectl set image deployment/nginx-deployment nginx=nginx:1.16.1``) with the event
message wording of v1.32's pkg/controller/deployment/sync.go ("Scaled up replica set %s from %d to %d").
"""

from __future__ import annotations

import copy

import pytest
from test_controller_deployment_fakes import Harness

from k8stutor.api import events
from k8stutor.controllers import deployment_util as util
from k8stutor.controllers.deployment_hash import compute_hash, fnv32a, safe_encode_string, spew


def nginx(replicas: int = 3, **spec) -> dict:
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": "nginx-deployment", "labels": {"app": "nginx"}},
        "spec": {
            "replicas": replicas,
            "selector": {"matchLabels": {"app": "nginx"}},
            "template": {
                "metadata": {"labels": {"app": "nginx"}},
                "spec": {
                    "containers": [
                        {"name": "nginx", "image": "nginx:1.14.2", "ports": [{"containerPort": 80}]}
                    ]
                },
            },
            **spec,
        },
    }


def deployment(h: Harness) -> dict:
    return h.store.get("Deployment", "nginx-deployment")


def change(h: Harness, fn) -> None:
    d = copy.deepcopy(deployment(h))
    fn(d)
    d["metadata"].pop("resourceVersion")
    h.store.update(d)


def set_image(h: Harness, image: str) -> None:
    change(h, lambda d: d["spec"]["template"]["spec"]["containers"][0].__setitem__("image", image))


def rs_sizes(h: Harness) -> dict[str, int]:
    return {rs["metadata"]["name"]: rs["spec"]["replicas"] for rs in h.store.list("ReplicaSet")}


def messages(h: Harness) -> list[str]:
    return [e["message"] for e in events.for_object(h.store, deployment(h))]


# -- the pod-template-hash -------------------------------------------------------------------------
def test_fnv32a_and_safe_encode_match_go():
    # Go: fnv.New32a() of "" is the offset basis; of "a" is 0xe40c292c (hash/fnv tests)
    assert fnv32a(b"") == 0x811C9DC5
    assert fnv32a(b"a") == 0xE40C292C
    # rand.SafeEncodeString maps each byte into "bcdfghjklmnpqrstvwxz2456789" (no vowels: no words)
    assert safe_encode_string("0123456789") == "456789bcdf"  # "0" is 48; 48 % 27 = 21 -> "4"


def test_hash_prints_the_template_as_go_spew_does():
    text = spew("v1.PodTemplateSpec", {"metadata": {"labels": {"b": "2", "a": "1"}}, "spec": {}})
    assert text.startswith(
        "(v1.PodTemplateSpec){ObjectMeta:(v1.ObjectMeta){Name:(string) GenerateName:(string) "
    )
    assert "Labels:(map[string]string)map[a:1 b:2]" in text  # SortKeys
    assert (
        "CreationTimestamp:(v1.Time){Time:(time.Time){wall:(uint64)0 ext:(int64)0 loc:(*time.Location)<nil>}}"
        in text
    )
    assert "TerminationGracePeriodSeconds:(*int64)<nil>" in text


def test_collision_count_changes_the_hash():
    t = nginx()["spec"]["template"]
    assert compute_hash(t) == compute_hash(copy.deepcopy(t))
    assert compute_hash(t, 1) != compute_hash(t) != compute_hash(t, 2)
    assert set(compute_hash(t)) <= set("bcdfghjklmnpqrstvwxz2456789")


# -- arithmetic --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("replicas", "surge", "unavailable", "expected"),
    [
        (10, "25%", "25%", (3, 2)),  # surge rounds up, unavailable rounds down
        (3, "25%", "25%", (1, 0)),
        (1, "25%", "25%", (1, 0)),
        (1, 0, "25%", (0, 1)),  # ResolveFenceposts: both zero -> maxUnavailable 1
        (4, 1, 1, (1, 1)),
        (5, "50%", "50%", (3, 2)),
    ],
)
def test_max_surge_and_unavailable(replicas, surge, unavailable, expected):
    d = nginx(
        replicas,
        strategy={
            "type": "RollingUpdate",
            "rollingUpdate": {"maxSurge": surge, "maxUnavailable": unavailable},
        },
    )
    assert (util.max_surge(d), util.max_unavailable(d)) == expected


# -- rolling update: the docs' example -------------------------------------------------------------
def test_docs_nginx_rollout_event_sequence():
    h = Harness()
    h.store.create(nginx())
    h.advance("60s")
    set_image(h, "nginx:1.16.1")
    h.advance("60s")
    old, new = sorted(rs_sizes(h), key=lambda n: util.revision(h.store.get("ReplicaSet", n)))
    assert rs_sizes(h) == {old: 0, new: 3}
    # The order of kubernetes.io's "kubectl describe deployments" Events, with v1.32's wording.
    assert messages(h) == [
        f"Scaled up replica set {old} from 0 to 3",
        f"Scaled up replica set {new} from 0 to 1",
        f"Scaled down replica set {old} from 3 to 2",
        f"Scaled up replica set {new} from 1 to 2",
        f"Scaled down replica set {old} from 2 to 1",
        f"Scaled up replica set {new} from 2 to 3",
        f"Scaled down replica set {old} from 1 to 0",
    ]
    d = deployment(h)
    assert d["metadata"]["annotations"][util.REVISION] == "2"
    assert [(c["type"], c["status"], c["reason"]) for c in d["status"]["conditions"]] == [
        ("Available", "True", "MinimumReplicasAvailable"),
        ("Progressing", "True", "NewReplicaSetAvailable"),
    ]
    assert d["status"]["conditions"][1]["message"] == f'ReplicaSet "{new}" has successfully progressed.'
    new_rs = h.store.get("ReplicaSet", new)
    assert new == f"nginx-deployment-{new_rs['metadata']['labels']['pod-template-hash']}"
    assert new_rs["spec"]["selector"]["matchLabels"]["pod-template-hash"] in new
    assert util.annotations(new_rs)[util.DESIRED_REPLICAS] == "3"
    assert util.annotations(new_rs)[util.MAX_REPLICAS] == "4"


def test_recreate_waits_for_old_pods_before_the_new_replica_set():
    h = Harness()
    h.store.create(nginx(strategy={"type": "Recreate"}))
    h.advance("30s")
    set_image(h, "nginx:1.16.1")
    h.settle()
    assert len(h.store.list("ReplicaSet")) == 1  # no new ReplicaSet while old pods exist
    h.advance("30s")
    names = sorted(rs_sizes(h), key=lambda n: util.revision(h.store.get("ReplicaSet", n)))
    assert messages(h)[1:] == [
        f"Scaled down replica set {names[0]} from 3 to 0",
        f"Scaled up replica set {names[1]} from 0 to 3",
    ]


def test_min_ready_seconds_holds_the_rollout():
    h = Harness(start_delay=1)
    h.store.create(nginx(minReadySeconds=10))
    h.advance("5s")
    assert deployment(h)["status"].get("availableReplicas", 0) == 0
    h.advance("10s")
    assert deployment(h)["status"]["availableReplicas"] == 3


def test_revision_history_limit_deletes_the_oldest_empty_replica_sets():
    h = Harness(start_delay=1)
    h.store.create(nginx(revisionHistoryLimit=1))
    for tag in ("1.15", "1.16", "1.17"):
        h.advance("20s")
        set_image(h, f"nginx:{tag}")
    h.advance("20s")
    revisions = sorted(util.revision(rs) for rs in h.store.list("ReplicaSet"))
    assert revisions == [3, 4]  # the new one plus one old


def test_progress_deadline_exceeded():
    h = Harness()
    h.store.create(nginx(progressDeadlineSeconds=60))
    h.advance("20s")
    h.broken_image = "nginx:1.161"
    set_image(h, "nginx:1.161")
    h.advance("50s")
    assert util.condition(deployment(h)["status"], "Progressing")["reason"] == "ReplicaSetUpdated"
    h.advance("30s")
    cond = util.condition(deployment(h)["status"], "Progressing")
    assert (cond["status"], cond["reason"]) == ("False", "ProgressDeadlineExceeded")
    assert cond["message"].endswith("has timed out progressing.")
    # maxUnavailable 0 of 3: the three old pods keep serving
    assert deployment(h)["status"]["availableReplicas"] == 3


def test_paused_deployment_makes_no_new_replica_set_until_resumed():
    h = Harness()
    h.store.create(nginx())
    h.advance("20s")
    change(h, lambda d: d["spec"].__setitem__("paused", True))
    set_image(h, "nginx:1.16.1")
    h.advance("20s")
    assert len(rs_sizes(h)) == 1
    assert util.condition(deployment(h)["status"], "Progressing")["reason"] == "DeploymentPaused"
    change(h, lambda d: d["spec"].pop("paused"))
    h.advance("30s")
    assert sorted(rs_sizes(h).values()) == [0, 3]


def test_proportional_scaling_during_a_rollout():
    # upstream sync.go scale(): replicas 10, maxSurge 3: mid-rollout the old and new ReplicaSets share
    # a scale-up in proportion to their sizes (the largest gets the leftovers).
    h = Harness(start_delay=1000)  # new pods never become ready during the test
    h.store.create(
        nginx(10, strategy={"type": "RollingUpdate", "rollingUpdate": {"maxSurge": 3, "maxUnavailable": 2}})
    )
    h.clock.run(0)
    h.replicasets.start_delay = 1
    h.advance("5s")
    h.replicasets.start_delay = 1000
    set_image(h, "nginx:1.16.1")
    h.settle()
    before = sorted(rs_sizes(h).values())
    assert before == [5, 8]  # new gets 5 (13 - 8), old goes to 8 (10 - 2)
    change(h, lambda d: d["spec"].__setitem__("replicas", 20))
    h.settle()
    # 10 more to share (20 + 3 allowed - 13 running): old 8 * 23/13 = 14.2 -> 14, new 5 * 23/13 = 8.8 -> 9
    assert sorted(rs_sizes(h).values()) == [9, 14]
    assert messages(h)[-2:] == [m for m in messages(h)[-2:] if m.startswith("Scaled up")]
