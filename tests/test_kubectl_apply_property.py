"""Invariants of client-side apply (hypothesis): re-applying the same file changes nothing; server-set
fields survive any re-apply (kubectl apply/patcher.go three-way merge)."""

from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from k8stutor import Cluster

LABEL = st.from_regex(r"[a-z]([a-z0-9]{0,6})", fullmatch=True)
PORTS = st.lists(st.integers(1, 65535), min_size=1, max_size=3, unique=True)


def service(name: str, labels: dict, ports: list[int], typ: str) -> str:
    spec = {"type": typ, "selector": {"app": name}, "ports": [{"port": p, "name": f"p{p}"} for p in ports]}
    return yaml.safe_dump(
        {
            "apiVersion": "v1",
            "kind": "Service",
            "metadata": {"name": name, "labels": labels or None},
            "spec": spec,
        }
    )


@settings(max_examples=12, deadline=None)
@given(
    LABEL, st.dictionaries(LABEL, LABEL, max_size=3), PORTS, PORTS, st.sampled_from(["ClusterIP", "NodePort"])
)
def test_reapply_is_unchanged_and_keeps_server_fields(name, labels, ports, ports2, typ):
    c = Cluster(seed=0)
    c.write_file("s.yaml", service(name, labels, ports, typ))
    first = c.kubectl("apply -f s.yaml")
    if first.returncode:  # e.g. a name the apiserver rejects: nothing may have been stored
        assert c.store.find("Service", name) is None or name == "kubernetes"
        return
    ip = c.store.get("Service", name)["spec"]["clusterIP"]
    assert str(c.kubectl("apply -f s.yaml")) == f"service/{name} unchanged\n"
    c.write_file("s.yaml", service(name, labels, ports2, typ))
    again = c.kubectl("apply -f s.yaml")
    assert again.returncode == 0
    live = c.store.get("Service", name)
    assert live["spec"]["clusterIP"] == ip
    assert [p["port"] for p in live["spec"]["ports"]] == ports2
