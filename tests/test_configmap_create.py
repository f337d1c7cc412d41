"""``kubectl create configmap`` / ``secret`` against the simulated apiserver: what is stored and printed.

Byte-exactness of the dry-run output is the oracle tests' job (test_kubectl_oracle_create.py);
here: the stored object is the same object plus server-set metadata, errors change nothing,
``get``/``describe`` print kubectl's columns, and the apiserver rules (stringData, Opaque,
immutable, key syntax) hold.
"""

from __future__ import annotations

import json

import pytest

from k8stutor import Cluster


@pytest.fixture
def cluster() -> Cluster:
    c = Cluster()
    c.write_file("game.properties", "enemy.types=aliens,monsters\nplayer.maximum-lives=5\n")
    c.write_file("ui.properties", "color.good=purple\n")
    c.write_file("bin.dat", b"\x00\xff\x10")
    return c


def test_created_object_is_the_dry_run_object_plus_server_metadata(cluster: Cluster) -> None:
    args = "create configmap game --from-file=game.properties --from-literal=lives=3 --from-file=bin.dat"
    dry = json.loads(cluster.kubectl(args + " --dry-run=client -o json").stdout)
    assert cluster.kubectl(args).stdout == "configmap/game created\n"
    stored = json.loads(cluster.kubectl("get cm game -o json").stdout)
    server_set = {"namespace", "uid", "resourceVersion", "creationTimestamp"}
    assert set(stored["metadata"]) - set(dry["metadata"]) == server_set - {"creationTimestamp"}
    def body(o: dict) -> dict:
        return {k: v for k, v in o.items() if k != "metadata"}

    assert body(stored) == body(dry)
    assert stored["metadata"]["namespace"] == "default" and stored["metadata"]["creationTimestamp"]
    assert dry["binaryData"] == {"bin.dat": "AP8Q"}


def test_dry_run_stores_nothing(cluster: Cluster) -> None:
    before = cluster.store.revision
    out = cluster.kubectl("create cm game --from-file=game.properties --dry-run=client")
    assert out.stdout == "configmap/game created (dry run)\n"
    assert cluster.store.revision == before


def test_already_exists_text(cluster: Cluster) -> None:
    cluster.kubectl("create cm game --from-literal=a=b")
    r = cluster.kubectl("create cm game --from-literal=a=c")
    text = 'error: failed to create configmap: configmaps "game" already exists\n'
    assert (r.stderr, r.returncode) == (text, 1)
    assert cluster.store.get("ConfigMap", "game")["data"] == {"a": "b"}


def test_a_bad_key_changes_nothing(cluster: Cluster) -> None:
    before = cluster.store.revision
    r = cluster.kubectl(["create", "cm", "x", "--from-literal=a b=1"])
    assert r.returncode == 1 and r.stderr.startswith('error: "a b" is not a valid key name for a ConfigMap: ')
    assert cluster.store.revision == before


def test_namespace_flag_and_append_hash(cluster: Cluster) -> None:
    cluster.kubectl("create namespace team-a")
    r = cluster.kubectl("create cm c -n team-a --from-literal=a=b --append-hash")
    # upstream: hash.go ConfigMapHash; the same name kubectl v1.32 prints for these inputs
    assert r.stdout == "configmap/c-m4h6ctkgb2 created\n"
    assert cluster.store.find("ConfigMap", "c-m4h6ctkgb2", "team-a") is not None


def test_get_and_describe_configmap(cluster: Cluster) -> None:
    cluster.kubectl("create cm game --from-file=game.properties --from-literal=lives=3 --from-file=bin.dat")
    cluster.advance("90s")
    assert cluster.kubectl("get cm game").stdout == "NAME   DATA   AGE\ngame   3      90s\n"
    # upstream: describe.go describeConfigMap
    assert cluster.kubectl("describe cm game").stdout == (
        "Name:         game\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\n"
        "Data\n====\ngame.properties:\n----\nenemy.types=aliens,monsters\nplayer.maximum-lives=5\n\n"
        "lives:\n----\n3\n\nBinaryData\n====\nbin.dat: 3 bytes\n\nEvents:  <none>\n")


def test_get_secret_columns_and_opaque_default(cluster: Cluster) -> None:
    cluster.kubectl("create secret generic db --from-literal=username=admin --from-literal=password=S3cr3t")
    table = "NAME   TYPE     DATA   AGE\ndb     Opaque   2      0s\n"
    assert cluster.kubectl("get secret db").stdout == table


def test_string_data_is_merged_into_data(cluster: Cluster) -> None:
    cluster.write_file("s.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n"
                                 "data:\n  user: YWRtaW4=\n  password: b2xk\n"
                                 "stringData:\n  password: hunter2\n")
    assert cluster.kubectl("create -f s.yaml").returncode == 0
    stored = cluster.store.get("Secret", "s")
    assert stored["data"] == {"user": "YWRtaW4=", "password": "aHVudGVyMg=="}
    assert "stringData" not in stored and stored["type"] == "Opaque"


def test_base64_is_readable_by_anyone_who_can_get_the_secret(cluster: Cluster) -> None:
    cluster.kubectl("create secret generic db --from-literal=password=S3cr3t")
    assert cluster.kubectl(["get", "secret", "db", "-o", "jsonpath={.data.password}"]).stdout == "UzNjcjN0"
    assert cluster.sh("kubectl get secret db -o jsonpath='{.data.password}' | base64 -d").stdout == "S3cr3t"


def test_immutable_configmap_rejects_data_changes(cluster: Cluster) -> None:
    cluster.write_file("cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: frozen\n"
                                  "immutable: true\ndata:\n  a: \"1\"\n")
    assert cluster.kubectl("apply -f cm.yaml").returncode == 0
    cluster.write_file("cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: frozen\n"
                                  "immutable: true\ndata:\n  a: \"2\"\n")
    r = cluster.kubectl("apply -f cm.yaml")
    assert r.returncode == 1
    assert "data: Forbidden: field is immutable when `immutable` is set" in r.stderr
    assert cluster.store.get("ConfigMap", "frozen")["data"] == {"a": "1"}


def test_server_side_key_syntax_uses_the_apiservers_text(cluster: Cluster) -> None:
    cluster.write_file("x.yaml", 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n'
                                 'data:\n  "..c": "2"\n')
    r = cluster.kubectl("apply -f x.yaml")
    # upstream: pkg/apis/core/validation/validation.go ValidateConfigMap + IsConfigMapKey
    text = "The ConfigMap \"x\" is invalid: data[..c]: Invalid value: \"..c\": must not start with '..'\n"
    assert r.stderr == text
    assert cluster.store.find("ConfigMap", "x") is None


def test_missing_namespace_is_refused(cluster: Cluster) -> None:
    r = cluster.kubectl("create cm x -n nope --from-literal=a=b")
    assert (r.stderr, r.returncode) == ('error: failed to create configmap: namespaces "nope" not found\n', 1)
