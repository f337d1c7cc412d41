"""``kubectl create secret docker-registry|tls|generic``: goldens recorded from kubectl v1.32 (offline).

The generated differential tests are in test_kubectl_oracle_create.py; these keep the texts pinned
where kubectl is not installed.  upstream: create_secret_docker.go, create_secret_tls.go, hash.go.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

from k8stutor import Cluster

TLS = Path(__file__).parent / "fixtures" / "tls"


def test_docker_registry_config_bytes() -> None:
    c = Cluster()
    r = c.kubectl(["create", "secret", "docker-registry", "r", "--docker-username=u",
                   "--docker-password=p<&>", "--docker-email=e@x", "--dry-run=client", "-o", "yaml"])
    encoded = ("eyJhdXRocyI6eyJodHRwczovL2luZGV4LmRvY2tlci5pby92MS8iOnsidXNlcm5hbWUiOiJ1IiwicGFzc3dvcmQi"
               "OiJwXHUwMDNjXHUwMDI2XHUwMDNlIiwiZW1haWwiOiJlQHgiLCJhdXRoIjoiZFRwd1BDWSsifX19")
    assert r.stdout == (f"apiVersion: v1\ndata:\n  .dockerconfigjson: {encoded}\nkind: Secret\nmetadata:\n"
                        "  creationTimestamp: null\n  name: r\ntype: kubernetes.io/dockerconfigjson\n")
    config = json.loads(base64.b64decode(encoded))
    assert config["auths"]["https://index.docker.io/v1/"]["password"] == "p<&>"


def test_generic_append_hash_and_type() -> None:
    c = Cluster()
    r = c.kubectl(["create", "secret", "generic", "c", "--type=kubernetes.io/tls", "--from-literal=a=b",
                   "--dry-run=client", "-o", "yaml", "--append-hash"])
    assert r.stdout == ("apiVersion: v1\ndata:\n  a: Yg==\nkind: Secret\nmetadata:\n"
                        "  creationTimestamp: null\n  name: c-9ch9cf822g\ntype: kubernetes.io/tls\n")


def test_tls_checks() -> None:
    c = Cluster()
    c.write_file("tls.crt", (TLS / "test.tw.crt").read_bytes())
    c.write_file("tls.key", (TLS / "test.tw.key").read_bytes())
    c.write_file("other.key", (TLS / "leaf.key").read_bytes())
    c.write_file("x.env", "A=1\n")
    cases = {
        "--cert=x.env --key=x.env": "error: tls: failed to find any PEM data in certificate input\n",
        "--cert=nope --key=x.env": "error: Cannot read file nope, open nope: no such file or directory\n",
        "--cert=tls.crt --key=tls.crt":
            "error: tls: found a certificate rather than a key in the PEM for the private key\n",
        "--cert=tls.crt --key=other.key": "error: tls: private key does not match public key\n",
        "--cert=tls.key --key=tls.key":
            "error: tls: failed to find certificate PEM data in certificate input, "
            "but did find a private key; PEM inputs may have been switched\n",
    }
    for flags, text in cases.items():
        r = c.kubectl(f"create secret tls t {flags}")
        assert (r.stderr, r.returncode) == (text, 1), flags
    assert c.kubectl("create secret tls t --cert=tls.crt --key=tls.key").stdout == "secret/t created\n"
    secret = c.store.get("Secret", "t")
    assert secret["type"] == "kubernetes.io/tls" and sorted(secret["data"]) == ["tls.crt", "tls.key"]
