"""Bad input never raises: curl, minikube, port-forward and exec answer with a message and an exit code."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from k8stutor import Cluster
from k8stutor.node import exec as node_exec

CLUSTER = Cluster()
CLUSTER.store.create(
    {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": "web", "labels": {"app": "web"}},
        "spec": {"containers": [{"name": "web", "image": "nginx:1.27"}]},
    }
)
CLUSTER.store.create(
    {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": {"name": "web"},
        "spec": {"type": "NodePort", "selector": {"app": "web"}, "ports": [{"port": 80}]},
    }
)
CLUSTER.advance("30s")

words = st.lists(
    st.sampled_from(
        [
            "-s",
            "-v",
            "-i",
            "-I",
            "-L",
            "-o",
            "-w",
            "-H",
            "--resolve",
            "-m",
            "-X",
            "-d",
            "http://192.168.49.2:30001",
            "localhost",
            "web",
            "x:y:z",
            "%{http_code}",
            "http://[::1]:80",
            "ftp://a",
            "http://a:99999",
            "--bogus",
            "-",
            "-sSfL",
            "",
        ]
    ),
    max_size=6,
)
SAFE = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SAFE
@given(argv=words)
def test_curl_never_raises(argv):
    r = CLUSTER.curl(["--max-time", "1", *argv])
    assert isinstance(r.returncode, int)


@SAFE
@given(argv=st.lists(st.text(alphabet="abcdeklmnopstuvw-:/=0123456789", max_size=12), max_size=4))
def test_minikube_and_port_forward_never_raise(argv):
    assert isinstance(CLUSTER.minikube(argv).returncode, int)
    assert isinstance(CLUSTER.kubectl(["port-forward", *argv]).returncode, int)


@SAFE
@given(script=st.text(alphabet="echo cat ls hostname curl wget > >> | ; && || $ ( ) ' \" /abc", max_size=40))
def test_exec_shell_never_raises(script):
    pod = CLUSTER.store.get("Pod", "web")
    r = node_exec.run(CLUSTER, pod, "web", ["sh", "-c", script])
    assert isinstance(r.returncode, int)
