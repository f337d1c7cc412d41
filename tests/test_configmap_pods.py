"""Pods consuming ConfigMaps and Secrets: env, envFrom, volumes, updates, optional, errors.

upstream: pkg/kubelet/kubelet_pods.go (makeEnvironmentVariables), pkg/volume/configmap/configmap.go,
pkg/volume/secret/secret.go; kubernetes.io "Configure a Pod to Use a ConfigMap" (mounted ConfigMaps
are updated automatically, env variables are not; subPath mounts are not).
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from k8stutor import Cluster
from k8stutor.node.env import ConfigError, container_env, expand, mapping_for
from k8stutor.node.volumes.configmap import SYNC_PERIOD

POD = """apiVersion: v1
kind: Pod
metadata:
  name: web
  labels: {app: web}
spec:
  containers:
  - name: web
    image: nginx:1.27
    env:
    - name: GAME_MODE
      valueFrom:
        configMapKeyRef: {name: game-config, key: mode}
    - name: DB_PASSWORD
      valueFrom:
        secretKeyRef: {name: db, key: password}
    - name: POD_NAME
      valueFrom:
        fieldRef: {fieldPath: metadata.name}
    - name: GREETING
      value: "mode=$(GAME_MODE) $$(GAME_MODE) $(NOPE)"
    envFrom:
    - configMapRef: {name: game-config}
      prefix: CFG_
    volumeMounts:
    - {name: config, mountPath: /etc/config}
    - {name: creds, mountPath: /etc/creds, readOnly: true}
    - {name: picked, mountPath: /etc/picked}
    - {name: config, mountPath: /etc/mode.txt, subPath: mode}
  volumes:
  - name: config
    configMap: {name: game-config}
  - name: creds
    secret: {secretName: db}
  - name: picked
    configMap:
      name: game-config
      items: [{key: mode, path: sub/mode.txt}]
"""


@pytest.fixture
def cluster() -> Cluster:
    c = Cluster()
    c.kubectl(["create", "configmap", "game-config", "--from-literal=mode=easy", "--from-literal=lives=3"])
    c.kubectl(["create", "secret", "generic", "db", "--from-literal=password=S3cr3t"])
    c.write_file("pod.yaml", POD)
    assert c.kubectl("apply -f pod.yaml").returncode == 0
    c.advance("30s")
    return c


def exec_(cluster: Cluster, *argv: str) -> str:
    return str(cluster.kubectl(["exec", "web", "--", *argv]))


def test_pod_runs_and_sees_env(cluster: Cluster) -> None:
    assert "Running" in cluster.kubectl("get pod web").stdout
    pod = cluster.store.get("Pod", "web")
    env = container_env(cluster, pod, pod["spec"]["containers"][0])
    assert env["GAME_MODE"] == "easy" and env["DB_PASSWORD"] == "S3cr3t" and env["POD_NAME"] == "web"
    assert env["CFG_mode"] == "easy" and env["CFG_lives"] == "3"
    assert env["GREETING"] == "mode=easy $(GAME_MODE) $(NOPE)"
    assert env["KUBERNETES_SERVICE_HOST"] == "10.96.0.1"


def test_volumes_one_file_per_key_items_and_decoded_secrets(cluster: Cluster) -> None:
    assert exec_(cluster, "ls", "/etc/config").split() == ["lives", "mode"]
    assert exec_(cluster, "cat", "/etc/config/mode") == "easy"
    assert exec_(cluster, "cat", "/etc/creds/password") == "S3cr3t"  # decoded, not base64
    assert exec_(cluster, "cat", "/etc/picked/sub/mode.txt") == "easy"


def test_update_reaches_files_after_the_sync_but_not_env(cluster: Cluster) -> None:
    pod = cluster.store.get("Pod", "web")
    cluster.sh("kubectl create configmap game-config --from-literal=mode=hard --from-literal=lives=3 "
               "--dry-run=client -o yaml | kubectl apply -f -")
    assert exec_(cluster, "cat", "/etc/config/mode") == "easy"  # not yet: the kubelet syncs every minute
    cluster.advance(f"{int(SYNC_PERIOD)}s")
    assert exec_(cluster, "cat", "/etc/config/mode") == "hard"
    assert exec_(cluster, "cat", "/etc/mode.txt") == "easy"  # a subPath bind mount never updates
    assert "GAME_MODE=easy" in exec_(cluster, "env")  # env is fixed when the container started
    new = container_env(cluster, pod, pod["spec"]["containers"][0])
    assert new["GAME_MODE"] == "hard"  # what a restarted container would get


def test_mounted_files_are_read_only(cluster: Cluster) -> None:
    r = cluster.kubectl(["exec", "web", "--", "sh", "-c", "echo x > /etc/config/mode"])
    assert r.returncode != 0 and "Read-only file system" in str(r)


def test_subpath_view_is_pinned() -> None:
    from k8stutor.node.volumes.configmap import plugin

    c = Cluster()
    c.kubectl("create cm c --from-literal=k=v1")
    pod = {"metadata": {"name": "p", "namespace": "default", "uid": "u"}, "spec": {}}
    live = plugin(c, pod, {"name": "v", "configMap": {"name": "c"}})
    pinned = live.pinned()
    c.sh("kubectl create cm c --from-literal=k=v2 --dry-run=client -o yaml | kubectl apply -f -")
    c.advance("61s")
    assert (live.read("k"), pinned.read("k")) == (b"v2", b"v1")


MISSING = """apiVersion: v1
kind: Pod
metadata:
  name: {name}
spec:
  containers:
  - name: app
    image: nginx:1.27
    env:
    - name: X
      valueFrom:
        configMapKeyRef: {{name: {cm}, key: {key}{optional}}}
"""


@pytest.mark.parametrize(("cm", "key", "message"), [
    ("nope", "k", 'Error: configmap "nope" not found'),
    ("game-config", "nokey", "Error: couldn't find key nokey in ConfigMap default/game-config"),
])
def test_missing_configmap_or_key_is_create_container_config_error(cluster, cm, key, message) -> None:
    cluster.write_file("p.yaml", MISSING.format(name="p", cm=cm, key=key, optional=""))
    cluster.kubectl("apply -f p.yaml")
    cluster.advance("30s")
    assert "CreateContainerConfigError" in cluster.kubectl("get pod p").stdout
    assert message in cluster.kubectl("describe pod p").stdout


def test_optional_reference_starts_without_the_variable(cluster) -> None:
    cluster.write_file("p.yaml", MISSING.format(name="p", cm="nope", key="k", optional=", optional: true"))
    cluster.kubectl("apply -f p.yaml")
    cluster.advance("30s")
    assert "Running" in cluster.kubectl("get pod p").stdout
    pod = cluster.store.get("Pod", "p")
    assert "X" not in container_env(cluster, pod, pod["spec"]["containers"][0])


def test_missing_configmap_volume_blocks_the_mount() -> None:
    c = Cluster()
    c.write_file("q.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: q\nspec:\n  containers:\n"
                           "  - name: app\n    image: nginx:1.27\n"
                           "    volumeMounts: [{name: v, mountPath: /etc/v}]\n"
                           "  volumes:\n  - name: v\n    configMap: {name: missing}\n")
    c.kubectl("apply -f q.yaml")
    c.advance("20s")
    assert "ContainerCreating" in c.kubectl("get pod q").stdout
    assert 'MountVolume.SetUp failed for volume "v" : configmap "missing" not found' in c.kubectl(
        "describe pod q").stdout
    c.kubectl("create cm missing --from-literal=a=b")
    c.advance("3m")
    assert "Running" in c.kubectl("get pod q").stdout


def test_config_error_text_for_a_missing_secret() -> None:
    c = Cluster()
    pod = {"metadata": {"name": "p", "namespace": "default"}, "spec": {}}
    with pytest.raises(ConfigError, match='^secret "s" not found$'):
        ref = {"secretKeyRef": {"name": "s", "key": "k"}}
        container_env(c, pod, {"env": [{"name": "X", "valueFrom": ref}]})


# upstream: third_party/forked/golang/expansion/expand_test.go
@pytest.mark.parametrize(("text", "out"), [
    ("$(VAR_A)", "A"), ("___$(VAR_B)___", "___B___"), ("$(VAR_A)-$(VAR_A)", "A-A"), ("$$(VAR_A)", "$(VAR_A)"),
    ("$(VAR_NOPE)", "$(VAR_NOPE)"), ("$(VAR_A", "$(VAR_A"), ("$", "$"), ("$$", "$"), ("$x", "$x"),
    ("f000-$$VAR_A", "f000-$VAR_A"), ("$()", ""),
])
def test_expansion(text: str, out: str) -> None:
    assert expand(text, mapping_for({"VAR_A": "A", "VAR_B": "B", "": ""})) == out


@given(st.text(alphabet="ab$()"))
def test_expansion_without_references_changes_only_dollars(text: str) -> None:
    assert expand(text, mapping_for({})).replace("$", "") == text.replace("$", "")


def test_env_from_skips_keys_that_are_not_variable_names() -> None:
    c = Cluster()
    c.kubectl(["create", "configmap", "cfg", "--from-literal=1st=x", "--from-literal=ok=y"])
    c.write_file("p.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n"
                           "  - name: app\n    image: nginx:1.27\n"
                           "    envFrom:\n    - configMapRef: {name: cfg}\n")
    c.kubectl("apply -f p.yaml")
    c.advance("20s")
    pod = c.store.get("Pod", "p")
    env = container_env(c, pod, pod["spec"]["containers"][0])
    assert env["ok"] == "y" and "1st" not in env
    # upstream: pkg/kubelet/kubelet_pods.go (makeEnvironmentVariables, InvalidEnvironmentVariableNames)
    assert ("Keys [1st] from the EnvFrom configMap default/cfg were skipped since they are considered "
            "invalid environment variable names.") in c.kubectl("describe pod p").stdout


@pytest.mark.parametrize(("resources", "field", "divisor", "out"), [
    ({"limits": {"cpu": "500m"}}, "limits.cpu", None, "1"),  # rounded up to whole cores
    ({"limits": {"cpu": "500m"}}, "limits.cpu", "1m", "500"),
    ({"limits": {"memory": "128Mi"}}, "limits.memory", "1Mi", "128"),
    ({}, "limits.cpu", None, "8"),  # no limit: the node's allocatable
    ({}, "requests.memory", None, "0"),
])
def test_resource_field_ref(resources, field, divisor, out) -> None:
    c = Cluster()
    ref = {"resource": field, **({"divisor": divisor} if divisor else {})}
    pod = {"metadata": {"name": "p", "namespace": "default"},
           "spec": {"nodeName": "minikube", "containers": [{"name": "app", "resources": resources}]}}
    container = {"env": [{"name": "V", "valueFrom": {"resourceFieldRef": ref}}]}
    assert container_env(c, pod, container)["V"] == out
