"""``kubectl patch``: the three patch types and kubectl's messages.

upstream: staging/src/k8s.io/kubectl/pkg/cmd/patch/patch.go; RFC 7386; RFC 6902;
apimachinery/pkg/util/strategicpatch (merge keys: containers by name, ports by containerPort).
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from k8stutor import Cluster
from k8stutor.kubectl.verbs.patch import json_patch, merge_patch, strategic_merge

POD_SPEC = {
    "containers": [
        {"name": "a", "image": "x:1", "ports": [{"containerPort": 80}]},
        {"name": "b", "image": "y:1"},
    ]
}


def test_strategic_merge_merges_containers_by_name():
    out = strategic_merge(
        {"spec": POD_SPEC}, {"spec": {"containers": [{"name": "b", "image": "y:2"}]}}, "Pod"
    )
    assert out["spec"]["containers"] == [POD_SPEC["containers"][0], {"name": "b", "image": "y:2"}]


def test_strategic_merge_delete_directive_and_null():
    out = strategic_merge(
        {"spec": POD_SPEC}, {"spec": {"containers": [{"name": "a", "$patch": "delete"}]}}, "Pod"
    )
    assert [c["name"] for c in out["spec"]["containers"]] == ["b"]
    assert strategic_merge({"a": 1, "b": 2}, {"a": None}, "Pod") == {"b": 2}


def test_merge_patch_replaces_lists():
    out = merge_patch({"spec": POD_SPEC}, {"spec": {"containers": [{"name": "b", "image": "y:2"}]}})
    assert out["spec"]["containers"] == [{"name": "b", "image": "y:2"}]


def test_json_patch_ops():
    doc = {"a": [1, 2], "b": {"c": 1}}
    assert json_patch(doc, [{"op": "add", "path": "/a/-", "value": 3}])["a"] == [1, 2, 3]
    assert json_patch(doc, [{"op": "remove", "path": "/b/c"}])["b"] == {}
    assert json_patch(doc, [{"op": "move", "from": "/b/c", "path": "/d"}]) == {"a": [1, 2], "b": {}, "d": 1}


@given(
    st.dictionaries(st.text(min_size=1, max_size=3), st.integers() | st.none(), max_size=5),
    st.dictionaries(st.text(min_size=1, max_size=3), st.integers(), max_size=5),
)
def test_merge_patch_of_flat_maps_follows_rfc7386(patch, target):
    out = merge_patch(target, patch)
    for key, value in patch.items():
        assert (key not in out) if value is None else out[key] == value
    for key in set(target) - set(patch):
        assert out[key] == target[key]


def _cluster_with_service() -> Cluster:
    cluster = Cluster()
    cluster.store.create(
        {
            "apiVersion": "v1",
            "kind": "ConfigMap",
            "metadata": {"name": "cm", "namespace": "default"},
            "data": {"a": "1"},
        }
    )
    return cluster


def test_kubectl_patch_messages():
    cluster = _cluster_with_service()
    assert (
        str(cluster.kubectl(["patch", "configmap", "cm", "-p", '{"data":{"a":"2"}}']))
        == "configmap/cm patched\n"
    )
    assert (
        str(cluster.kubectl(["patch", "cm/cm", "-p", '{"data":{"a":"2"}}']))
        == "configmap/cm patched (no change)\n"
    )
    assert cluster.store.get("ConfigMap", "cm")["data"] == {"a": "2"}
    r = cluster.kubectl(["patch", "cm", "nope", "-p", "{}"])
    assert (r.returncode, r.stderr) == (1, 'Error from server (NotFound): configmaps "nope" not found\n')
    r = cluster.kubectl(["patch", "cm", "cm", "--type", "xml", "-p", "{}"])
    assert r.stderr == 'error: --type must be one of [json merge strategic], not "xml"\n'
    r = cluster.kubectl(["patch", "cm", "cm"])
    assert r.stderr == "error: must specify --patch or --patch-file containing the contents of the patch\n"


def test_failed_patch_changes_nothing():
    cluster = _cluster_with_service()
    before = cluster.store.get("ConfigMap", "cm")
    r = cluster.kubectl(
        ["patch", "cm", "cm", "--type=json", "-p", '[{"op":"replace","path":"/data/zz/y","value":"1"}]']
    )
    assert r.returncode == 1
    assert cluster.store.get("ConfigMap", "cm") is before


def test_strategic_merge_list_order_follows_kubectl():
    # golden: `kubectl patch --local -f pod.yaml -p ...` (v1.32 client) on containers [a, b, c]
    target = {"spec": {"containers": [{"name": "a"}, {"name": "b"}, {"name": "c"}]}}

    def order(names: list[str]) -> list[str]:
        patch = {"spec": {"containers": [{"name": n, "image": "q"} for n in names]}}
        return [c["name"] for c in strategic_merge(target, patch, "Pod")["spec"]["containers"]]

    assert order(["b"]) == ["a", "b", "c"]
    assert order(["d"]) == ["d", "a", "b", "c"]
    assert order(["c", "a"]) == ["b", "c", "a"]
    assert order(["d", "b"]) == ["d", "a", "b", "c"]


def test_json_patch_error_texts_follow_json_patch_library():
    # golden: `kubectl patch --local --type=json` (evanphx/json-patch as vendored by kubectl v1.32)
    import pytest

    from k8stutor.kubectl.verbs.patch import PatchError

    doc = {"spec": {"replicas": 2, "template": {"spec": {"containers": [{"name": "nginx"}]}}}}
    cases = [
        (
            {"op": "add", "path": "/spec/nope/x", "value": 1},
            'add operation does not apply: doc is missing path: "/spec/nope/x": missing value',
        ),
        (
            {"op": "replace", "path": "/spec/nope/x", "value": 1},
            "replace operation does not apply: doc is missing path: /spec/nope/x: missing value",
        ),
        (
            {"op": "remove", "path": "/spec/nope"},
            "error in remove for path: '/spec/nope': Unable to remove nonexistent key: nope: missing value",
        ),
        (
            {"op": "add", "path": "/spec/template/spec/containers/5", "value": 1},
            "error in add for path: '/spec/template/spec/containers/5': Unable to access invalid index: 5: "
            "invalid index referenced",
        ),
        (
            {"op": "test", "path": "/spec/replicas", "value": 3},
            "testing value /spec/replicas failed: test failed",
        ),
        ({"op": "bad", "path": "/spec/replicas", "value": 3}, "Unexpected kind: bad"),
    ]
    for op, message in cases:
        with pytest.raises(PatchError) as err:
            json_patch(doc, [op])
        assert str(err.value) == message
    assert json_patch(doc, [{"op": "replace", "path": "/spec/other", "value": 1}])["spec"]["other"] == 1
