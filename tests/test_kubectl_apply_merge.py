"""Client-side apply's three-way merge and last-applied annotation (apply/patcher.go, strategicpatch)."""

from __future__ import annotations

from k8stutor.kubectl.apply_merge import LAST_APPLIED, last_applied_json, three_way, with_last_applied

SVC = {
    "apiVersion": "v1",
    "kind": "Service",
    "metadata": {"name": "web", "namespace": "default"},
    "spec": {"type": "NodePort", "selector": {"app": "demo"}, "ports": [{"port": 3000}]},
}


def test_last_applied_has_empty_annotations_and_a_newline():
    # upstream: kubectl/pkg/util/apply.go GetModifiedConfiguration + unstructured SetAnnotations({}):
    # real objects carry '{"apiVersion":"v1",...,"metadata":{"annotations":{},"name":...}}\n'
    assert last_applied_json(SVC) == (
        '{"apiVersion":"v1","kind":"Service","metadata":{"annotations":{},"name":"web","namespace":"default"},'
        '"spec":{"ports":[{"port":3000}],"selector":{"app":"demo"},"type":"NodePort"}}\n'
    )
    assert with_last_applied(SVC)["metadata"]["annotations"][LAST_APPLIED] == last_applied_json(SVC)


def test_server_set_fields_survive():
    live = {
        **SVC,
        "spec": {
            **SVC["spec"],
            "clusterIP": "10.96.1.2",
            "ports": [{"port": 3000, "nodePort": 30123, "protocol": "TCP", "targetPort": 3000}],
        },
    }
    modified = {**SVC, "spec": {**SVC["spec"], "ports": [{"port": 3000, "targetPort": 8080}]}}
    merged = three_way(SVC, modified, live)
    assert merged["spec"]["clusterIP"] == "10.96.1.2"
    assert merged["spec"]["ports"] == [
        {"port": 3000, "nodePort": 30123, "protocol": "TCP", "targetPort": 8080}
    ]


def test_fields_removed_from_the_file_are_removed():
    original = {**SVC, "metadata": {**SVC["metadata"], "labels": {"a": "1", "b": "2"}}}
    live = {
        **original,
        "metadata": {**original["metadata"], "labels": {"a": "1", "b": "2", "c": "set-by-someone"}},
    }
    modified = {**SVC, "metadata": {**SVC["metadata"], "labels": {"a": "1"}}}
    assert three_way(original, modified, live)["metadata"]["labels"] == {"a": "1", "c": "set-by-someone"}


def test_containers_merge_by_name_and_lists_without_key_are_replaced():
    pod = lambda cs: {"spec": {"containers": cs}}  # noqa: E731
    original = pod([{"name": "a", "image": "nginx:1", "args": ["x", "y"]}])
    live = pod([{"name": "a", "image": "nginx:1", "args": ["x", "y"], "imagePullPolicy": "IfNotPresent"}])
    modified = pod([{"name": "a", "image": "nginx:2", "args": ["z"]}])
    assert three_way(original, modified, live) == pod(
        [{"name": "a", "image": "nginx:2", "args": ["z"], "imagePullPolicy": "IfNotPresent"}]
    )
