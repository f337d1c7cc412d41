"""``kubectl describe secret`` shows byte counts and never a value (describe.go describeSecret)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from k8stutor import Cluster
from k8stutor.kubectl.create.configmap import is_config_map_key

CLUSTER = Cluster()

values = st.text(alphabet="QWXZqwxz#%&!?", min_size=6, max_size=40)
keys = st.text(alphabet="abc-_.", min_size=1, max_size=10).filter(lambda k: not is_config_map_key(k))


@settings(max_examples=40, deadline=None)
@given(secrets=st.dictionaries(keys, values, min_size=1, max_size=4))
def test_describe_never_prints_a_value(secrets: dict[str, str]) -> None:
    CLUSTER.store.delete("Secret", "s") if CLUSTER.store.find("Secret", "s") else None
    argv = ["create", "secret", "generic", "s"] + [f"--from-literal={k}={v}" for k, v in secrets.items()]
    assert CLUSTER.kubectl(argv).returncode == 0
    text = CLUSTER.kubectl("describe secret s").stdout
    for key, value in secrets.items():
        assert value not in text
        assert f"{key}:" in text and f"{len(value.encode())} bytes" in text


def test_describe_secret_golden() -> None:
    c = Cluster()
    c.write_file("username.txt", "admin")
    c.write_file("password.txt", "1f2d1e2e67df")
    c.kubectl("create secret generic db-user-pass --from-file=username.txt --from-file=password.txt")
    # upstream: staging/src/k8s.io/kubectl/pkg/describe/describe.go (describeSecret)
    assert c.kubectl("describe secret db-user-pass").stdout == (
        "Name:         db-user-pass\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\n"
        "Type:  Opaque\n\nData\n====\npassword.txt:  12 bytes\nusername.txt:  5 bytes\n")
