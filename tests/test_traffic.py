"""The load generator's numbers: RollingUpdate serves old and new without failures, Recreate has an outage."""

from __future__ import annotations

import pytest

from k8stutor import Cluster, traffic

DEMO = """apiVersion: apps/v1
kind: Deployment
metadata:
  name: demo
spec:
  replicas: 4
  strategy:
    type: {strategy}
  selector:
    matchLabels:
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
---
apiVersion: v1
kind: Service
metadata:
  name: demo
spec:
  selector:
    app: demo
  ports:
  - port: 80
    targetPort: 3000
"""


def trace(strategy: str) -> traffic.Trace:
    c = Cluster()
    c.write_file("demo.yaml", DEMO.format(strategy=strategy))
    c.kubectl("apply -f demo.yaml")
    c.kubectl("rollout status deploy/demo")
    return traffic.measure(
        c,
        "demo",
        seconds=45,
        step=1,
        requests=10,
        title=strategy,
        at_start=lambda: c.kubectl(
            "set image deployment/demo kubernetes-demo-container=880831ian/kubernetes-demo:v1"
        ),
    )


@pytest.fixture(scope="module")
def rolling() -> traffic.Trace:
    return trace("RollingUpdate")


@pytest.fixture(scope="module")
def recreate() -> traffic.Trace:
    return trace("Recreate")


def test_rolling_update_never_fails_and_mixes_versions(rolling):
    assert rolling.failures() == 0
    mixed = [t for t in rolling.ticks if t.responses.get("latest") and t.responses.get("v1")]
    assert mixed, "old and new pages are served side by side during the rollout"
    assert rolling.ticks[-1].responses == {"v1": 10}
    assert all(sum(t.responses.values()) == 10 for t in rolling.ticks)


def test_recreate_has_an_outage_and_never_mixes(recreate):
    assert recreate.failures() > 0
    assert not [t for t in recreate.ticks if t.ready.get("latest") and t.ready.get("v1")]
    outage = [t.t for t in recreate.ticks if t.responses.get(traffic.FAILED) == 10]
    assert outage[0] == 0 and outage == [float(i) for i in range(len(outage))]  # one contiguous outage
    assert recreate.ticks[-1].responses == {"v1": 10}


def test_table_prints_the_plotted_numbers(rolling):
    lines = rolling.table().splitlines()
    assert lines[0].split() == [
        "t",
        "ready",
        "latest",
        "ready",
        "v1",
        "pods",
        "latest",
        "pods",
        "v1",
        "ok",
        "latest",
        "ok",
        "v1",
        "failed",
    ]
    assert len(lines) == len(rolling.ticks) + 1


def test_plot_is_deterministic_svg(rolling, recreate):
    pytest.importorskip("matplotlib")
    a = traffic.plot([rolling, recreate])
    assert a.startswith("<?xml") and "<svg" in a
    assert a == traffic.plot([rolling, recreate])
