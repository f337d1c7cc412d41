"""Invariants of a rollout under random interleavings (hypothesis, stateful).

Operations: scale, set image, ``rollout undo``, deleting a pod, letting time pass; RollingUpdate (any
maxSurge / maxUnavailable, numbers or percentages) and Recreate.  After every
settle: the ReplicaSets' desired replicas sum to at most replicas + maxSurge; while no pod was
deleted and the size did not change since the Deployment was last fully available, available pods
never drop below replicas - maxUnavailable; and once time passes the Deployment converges to its
desired template (upstream: the guarantees documented in pkg/controller/deployment/rolling.go and
kubernetes.io/docs/concepts/workloads/controllers/deployment/#rolling-update-deployment).
"""

from __future__ import annotations

import copy

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule
from test_controller_deployment_fakes import Harness, _ready

from k8stutor.controllers import deployment_util as util
from k8stutor.kubectl.rollout import RolloutError
from k8stutor.kubectl.rollout.deployment import rollback

TAGS = ["1.14.2", "1.16.1", "1.17", "1.18"]
INT_OR_PERCENT = st.one_of(st.integers(0, 3), st.sampled_from(["0%", "10%", "25%", "50%", "100%"]))


class Rollout(RuleBasedStateMachine):
    @initialize(
        recreate=st.booleans(),
        replicas=st.integers(1, 6),
        surge=INT_OR_PERCENT,
        unavailable=INT_OR_PERCENT,
        start=st.sampled_from([1.0, 2.0, 3.0]),
    )
    def create(self, recreate, replicas, surge, unavailable, start):
        if surge in (0, "0%") and unavailable in (0, "0%"):
            unavailable = 1  # validation rejects both zero
        self.h = Harness(start_delay=start)
        self.h.store.create(
            {
                "apiVersion": "apps/v1",
                "kind": "Deployment",
                "metadata": {"name": "web"},
                "spec": {
                    "replicas": replicas,
                    "selector": {"matchLabels": {"app": "web"}},
                    "strategy": {"type": "Recreate"}
                    if recreate
                    else {
                        "type": "RollingUpdate",
                        "rollingUpdate": {"maxSurge": surge, "maxUnavailable": unavailable},
                    },
                    "template": {
                        "metadata": {"labels": {"app": "web"}},
                        "spec": {"containers": [{"name": "web", "image": "nginx:1.14.2"}]},
                    },
                },
            }
        )
        self.steady = False
        self.h.advance(30)
        self.check_steady()

    # -- helpers ------------------------------------------------------------------------------
    def d(self) -> dict:
        return self.h.store.get("Deployment", "web")

    def write(self, fn) -> None:
        new = copy.deepcopy(self.d())
        fn(new)
        new["metadata"].pop("resourceVersion", None)
        self.h.store.update(new)

    def available(self) -> int:
        return sum(
            1 for p in self.h.store.list("Pod") if _ready(p) and not p["metadata"].get("deletionTimestamp")
        )

    def check_steady(self) -> None:
        if self.available() >= util.replicas(self.d()):
            self.steady = True

    # -- rules --------------------------------------------------------------------------------
    @rule(n=st.integers(0, 8))
    def scale(self, n):
        self.steady = False
        self.write(lambda d: d["spec"].__setitem__("replicas", n))
        self.h.settle()

    @rule(tag=st.sampled_from(TAGS))
    def set_image(self, tag):
        self.write(
            lambda d: d["spec"]["template"]["spec"]["containers"][0].__setitem__("image", f"nginx:{tag}")
        )
        self.h.settle()

    @rule()
    def undo(self):
        try:
            rollback(self.h, self.d(), 0)  # type: ignore[arg-type]
        except RolloutError:
            pass
        self.h.settle()

    @rule(i=st.integers(0, 20))
    def delete_pod(self, i):
        pods = [p for p in self.h.store.list("Pod") if not p["metadata"].get("deletionTimestamp")]
        if pods:
            self.steady = False
            pod = pods[i % len(pods)]
            self.h.store.delete("Pod", pod["metadata"]["name"], grace_period=0)
            self.h.settle()

    @rule(seconds=st.sampled_from([0.5, 1, 2, 5, 30]))
    def wait(self, seconds):
        self.h.advance(seconds)
        self.check_steady()

    # -- invariants ---------------------------------------------------------------------------
    @invariant()
    def desired_within_surge(self):
        d = self.d()
        total = sum(util.replicas(rs) for rs in self.h.store.list("ReplicaSet"))
        assert total <= util.replicas(d) + util.max_surge(d)

    @invariant()
    def availability_floor(self):
        # Recreate promises no floor: it stops every old Pod before starting new ones.
        if self.steady and util.is_rolling_update(self.d()):
            d = self.d()
            assert self.available() >= util.replicas(d) - util.max_unavailable(d)

    def teardown(self):
        if not hasattr(self, "h"):
            return
        self.h.advance(120)
        d = self.d()
        rss = self.h.store.list("ReplicaSet")
        new = [rs for rs in rss if util.equal_ignore_hash(rs["spec"]["template"], d["spec"]["template"])]
        assert len(new) == 1
        assert util.replicas(new[0]) == util.replicas(d)
        assert all(util.replicas(rs) == 0 for rs in rss if rs is not new[0])
        pods = [p for p in self.h.store.list("Pod") if not p["metadata"].get("deletionTimestamp")]
        image = d["spec"]["template"]["spec"]["containers"][0]["image"]
        assert len(pods) == util.replicas(d)
        assert all(p["spec"]["containers"][0]["image"] == image and _ready(p) for p in pods)
        assert d["status"].get("availableReplicas", 0) == util.replicas(d)


TestRollout = Rollout.TestCase
TestRollout.settings = settings(
    max_examples=80, stateful_step_count=15, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
