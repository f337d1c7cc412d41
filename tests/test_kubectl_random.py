"""Bad kubectl command lines never raise: they come back as a Result with kubectl's text (hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from k8stutor import Cluster
from k8stutor.terminal.result import Result

_CLUSTER = Cluster(seed=0)
_CLUSTER.write_file(
    "svc.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 80\n"
)
_CLUSTER.write_file("bad.yaml", "kind: [\n")

VERBS = [
    "get",
    "describe",
    "delete",
    "apply",
    "create",
    "exec",
    "run",
    "logs",
    "label",
    "annotate",
    "version",
    "api-resources",
    "frob",
    "rollout",
    "scale",
]
WORDS = [
    "po",
    "pods",
    "svc",
    "all",
    "ep",
    "no",
    "ns",
    "foo",
    "web",
    "pod/web",
    "svc/web",
    "po,svc",
    "-o",
    "wide",
    "yaml",
    "json",
    "name",
    "jsonpath={.items[*]}",
    "jsonpath={.bad[",
    "-l",
    "app=x",
    "a in (b",
    "-A",
    "-n",
    "kube-system",
    "-w",
    "--show-labels",
    "-f",
    "svc.yaml",
    "bad.yaml",
    "-",
    "--",
    "sh",
    "-c",
    "-it",
    "--image=nginx",
    "--rm",
    "--restart=Never",
    "--grace-period=0",
    "--force",
    "--cascade=orphan",
    "--dry-run=client",
    "--foo",
    "-x",
    "--overwrite",
    "k=v",
    "k-",
    "--all",
    "=",
    "",
    "-o=custom-columns=N:.x",
]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(VERBS), st.lists(st.sampled_from(WORDS), max_size=7))
def test_random_kubectl_lines_never_raise(verb, words):
    r = _CLUSTER.kubectl([verb, *words], stdin="kind: Pod\n")
    assert isinstance(r, Result)
    assert isinstance(r.returncode, int)
    if r.returncode:
        assert r.stderr  # a failure always says why
