"""``kubectl create configmap`` / ``create secret ...`` against the real kubectl v1.32, offline.

Both run on the same files (a temporary directory mirrored into the simulated host), the
same literals and env files, with ``--dry-run=client``: stdout, stderr and the exit code
must be identical.  upstream: staging/src/k8s.io/kubectl/pkg/cmd/create/create_configmap.go,
create_secret.go, create_secret_docker.go, create_secret_tls.go.
"""

from __future__ import annotations

import shlex
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from test_kubectl_oracle_helpers import require_kubectl, run_kubectl, total_order

from k8stutor import Cluster

TLS = Path(__file__).parent / "fixtures" / "tls"
HOME = "/home/learner"


@pytest.fixture(scope="module")
def cluster() -> Cluster:
    return Cluster()


def both(cluster: Cluster, files: dict[str, bytes], argv: list[str]) -> None:
    """Run ``kubectl ARGV`` for real (cwd = a directory holding ``files``) and simulated; compare."""
    require_kubectl()
    with tempfile.TemporaryDirectory() as d:
        for name, data in files.items():
            path = Path(d) / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        real = run_kubectl(argv, cwd=d)
    cluster.files = {f"{HOME}/{name}": data for name, data in files.items()}
    cluster.cwd = HOME
    ours = cluster.kubectl(argv)
    shown = shlex.join(["kubectl", *argv])
    expected = (real.stdout.decode("utf-8", "replace"), real.stderr.decode("utf-8", "replace"),
                real.returncode)
    assert (ours.stdout, ours.stderr, ours.returncode) == expected, shown


# -- generated inputs ----------------------------------------------------------------------
KEY_CHARS = "abcXYZ019-_."
keys = st.one_of(
    st.text(KEY_CHARS, min_size=1, max_size=12),
    st.sampled_from([".", "..", "..a", ".a", "a b", "a@b", "k" * 254, "k" * 253, "é", "A=B"]),
)
values = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"),
                 max_size=30) | st.sampled_from(
    ["true", "1", "", " x", "a\nb\n", "0x1f", "2001-12-14", "a\tb", "x" * 100 + " y"])
contents = st.one_of(values.map(str.encode), st.binary(max_size=24),
                     st.sampled_from([b"\xff\xfe", b"caf\xc3\xa9", b"\xef\xbb\xbfbom", b"line\r\n"]))
file_names = st.text("abcXYZ09-_. @", min_size=1, max_size=8).filter(lambda n: n not in (".", ".."))


@settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    literals=st.lists(st.tuples(keys, values), max_size=4),
    dir_files=st.dictionaries(file_names, contents, max_size=4),
    single=st.lists(st.tuples(st.one_of(st.none(), keys), contents), max_size=3),
    secret=st.booleans(),
    opts=st.sampled_from([[], ["--append-hash"], ["-n", "team-a"], ["-o", "json"], ["--type", "x/y"]]),
    out=st.sampled_from(["yaml", "name", "json"]),
)
def test_create_from_files_and_literals(cluster, literals, dir_files, single, secret, opts, out) -> None:
    file_keys = [k or f"f{i}.txt" for i, (k, _) in enumerate(single)]
    every_key = [k for k, _ in literals] + file_keys + list(dir_files)
    assume(total_order(dict.fromkeys(every_key)))
    files = {f"dir/{n}": c for n, c in dir_files.items()}
    argv = ["create", "secret", "generic", "s"] if secret else ["create", "configmap", "cm"]
    if not secret and "--type" in opts:
        opts = []
    for i, (key, content) in enumerate(single):
        files[f"f{i}.txt"] = content
        argv.append(f"--from-file={key}=f{i}.txt" if key else f"--from-file=f{i}.txt")
    if dir_files:
        argv.append("--from-file=dir")
    argv += [f"--from-literal={k}={v}" for k, v in literals]
    both(cluster, files, [*argv, *opts, "--dry-run=client", "-o", out])


env_lines = st.one_of(
    st.tuples(st.text("ABC_xyz.-09", min_size=1, max_size=6), values.filter(lambda v: "\n" not in v))
    .map(lambda kv: f"{kv[0]}={kv[1]}"),
    st.sampled_from(["# comment", "", "   ", "  INDENTED=1", "ZZ_UNSET", "1BAD=x", "A B=1", "\ufeffBOM=1",
                     "K=v\r", "E=", "X=a=b", "..X=1", "\tT=1"]),
)


@settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
@given(lines=st.lists(env_lines, max_size=6), trailing=st.booleans(), secret=st.booleans(),
       raw=st.sampled_from([b"", b"\xffBAD=1\n", b"\xef\xbb\xbfFIRST=1\n"]))
def test_create_from_env_file(cluster, lines, trailing, secret, raw) -> None:
    text = raw + "\n".join(lines).encode() + (b"\n" if trailing else b"")
    argv = ["create", "secret", "generic", "s"] if secret else ["create", "cm", "cm"]
    both(cluster, {"app.env": text}, [*argv, "--from-env-file=app.env", "--dry-run=client", "-o", "yaml"])


ERROR_CASES = [
    ["create", "cm", "c", "--from-file=dir", "--dry-run=client"],
    ["create", "cm", "c", "--from-file=k=dir", "--dry-run=client"],
    ["create", "cm", "c", "--from-file=nope", "--dry-run=client"],
    ["create", "cm", "c", "--from-file==x", "--dry-run=client"],
    ["create", "cm", "c", "--from-file=x=", "--dry-run=client"],
    ["create", "cm", "c", "--from-file==", "--dry-run=client"],
    ["create", "cm", "c", "--from-file=a=b=c", "--dry-run=client"],
    ["create", "cm", "c", "--from-literal=a", "--dry-run=client"],
    ["create", "cm", "c", "--from-literal==a", "--dry-run=client"],
    ["create", "cm", "c", "--from-literal=a=1", "--from-literal=a=2", "--dry-run=client"],
    ["create", "cm", "c", "--from-file=a=dir/one", "--from-literal=a=2", "--dry-run=client"],
    ["create", "cm", "c", "--from-file=a=bin", "--from-literal=a=2", "--dry-run=client"],
    ["create", "secret", "generic", "c", "--from-literal=a=1", "--from-file=a=bin", "--dry-run=client"],
    ["create", "cm", "--dry-run=client"],
    ["create", "cm", "a", "b", "--dry-run=client"],
    ["create", "secret", "generic", "--dry-run=client"],
    ["create", "cm", "c", "--from-env-file=dir", "--dry-run=client"],
    ["create", "secret", "generic", "c", "--from-env-file=dir", "--dry-run=client"],
    ["create", "cm", "c", "--from-env-file=x.env", "--from-literal=a=b", "--dry-run=client"],
    ["create", "cm", "c", "--from-literal=a=b", "--dry-run=client", "-o", "foo"],
    ["create", "cm", "c", "--from-literal=a=b", "--dry-run=bogus"],
    ["create", "cm", "c", "--from-literal=a=b", "--dry-run=client", "--save-config", "-o", "yaml"],
    ["create", "cm", "c", "--from-file=dir/", "--dry-run=client", "-o", "yaml"],
    ["create", "cm", "c", "--from-file=./dir/one", "--dry-run=client", "-o", "yaml"],
    ["create", "cm", "c", "--from-literal=a=b", "--dry-run=client", "-o", "jsonpath={.data.a}"],
    ["create", "secret", "docker-registry", "r", "--docker-username=u", "--dry-run=client"],
    ["create", "secret", "docker-registry", "r", "--docker-username=u", "--docker-password=p<&>é",
     "--docker-email=e@x", "--dry-run=client", "-o", "yaml"],
    ["create", "secret", "docker-registry", "r", "--docker-username=u", "--docker-password=p",
     "--docker-server=registry.example.com:5000", "--append-hash", "--dry-run=client", "-o", "yaml"],
    ["create", "secret", "docker-registry", "r", "--from-file=.dockerconfigjson=x.env", "--dry-run=client",
     "-o", "yaml"],
    ["create", "secret", "tls", "t", "--dry-run=client"],
    ["create", "secret", "tls", "t", "--cert=x.env", "--key=x.env", "--dry-run=client"],
    ["create", "secret", "tls", "t", "--cert=nope", "--key=x.env", "--dry-run=client"],
    ["create", "secret", "tls", "t", "--cert=tls.key", "--key=tls.key", "--dry-run=client"],
    ["create", "secret", "tls", "t", "--cert=tls.crt", "--key=tls.crt", "--dry-run=client"],
    ["create", "secret", "tls", "t", "--cert=tls.crt", "--key=x.env", "--dry-run=client"],
    ["create", "secret", "tls", "t", "--cert=tls.crt", "--key=tls.key", "--dry-run=client", "-o", "yaml"],
    ["create", "secret", "tls", "t", "--cert=tls.crt", "--key=tls.key", "--append-hash", "--dry-run=client",
     "-o", "name"],
    ["create", "secret", "tls", "t", "--cert=tls.crt", "--key=other.key", "--dry-run=client"],
    ["create", "cm", "x", "--bogus"],
    ["create", "cm", "x", "--from-literal"],
    ["create", "cm", "x", "--append-hash=maybe"],
    ["create", "secret", "generic", "x", "--docker-username=u"],
    ["create", "secret", "tls", "x", "--cert"],
    ["create", "cm", "x", "-o"],
    ["create", "cm", "x", "--from-literal=a=b", "--dry-run=client", "-o", "name", "-n", "kube-system"],
    ["create", "secret", "foo", "x"],
    ["create", "secret"],
]


@pytest.mark.parametrize("argv", ERROR_CASES,
                         ids=[" ".join(a[1:4]) + f"#{i}" for i, a in enumerate(ERROR_CASES)])
def test_create_cases_match_kubectl(cluster, argv) -> None:
    files = {"dir/one": b"1", "dir/two": b"2\n", "dir/sub/three": b"3", "bin": b"\xff", "x.env": b"A=1\n"}
    files["tls.crt"] = (TLS / "test.tw.crt").read_bytes()
    files["tls.key"] = (TLS / "test.tw.key").read_bytes()
    files["other.key"] = (TLS / "leaf.key").read_bytes()
    both(cluster, files, argv)
