"""No input makes the validator raise; hostile input gets a clear finding naming the cap it hit."""

from __future__ import annotations

import json

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import k8stutor
from k8stutor import manifests
from k8stutor.validation import kubectl_errors
from k8stutor.validation.apiserver import validate_object

SEED = """apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  strategy:
    type: RollingUpdate
    rollingUpdate: {maxSurge: 1, maxUnavailable: 0}
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: "nginx:1.27"
        ports:
        - containerPort: 80
          name: http
        resources:
          limits: {memory: 128Mi, cpu: 500m}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  type: NodePort
  selector: {app: web}
  ports: [{port: 80, targetPort: http, nodePort: 30080}]
"""

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check_report(report) -> None:
    for f in report.findings:
        assert f.line >= 1 and f.column >= 1
        assert f.severity in ("error", "warning")
        assert isinstance(f.message, str) and f.message
    report.text()
    report._repr_html_()
    json.loads(report.to_json())


@FUZZ
@given(st.text())
def test_any_text(text):
    check_report(k8stutor.validate(text, "f.yaml"))
    kubectl_errors(text, "f.yaml")


@FUZZ
@given(st.binary())
def test_any_bytes(data):
    check_report(k8stutor.validate(data, "f.yaml"))
    kubectl_errors(data, "f.yaml")


@FUZZ
@given(st.data())
def test_mutated_manifest(data):
    text = SEED
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(text)))
        op = data.draw(st.sampled_from(["delete", "insert", "replace"]))
        piece = data.draw(
            st.sampled_from(
                [
                    "\t",
                    " ",
                    "-",
                    ":",
                    "{",
                    "}",
                    "[",
                    "]",
                    "\n",
                    "&a",
                    "*a",
                    "!!str",
                    "'",
                    '"',
                    "#",
                    "---\n",
                    "0",
                    "<<: ",
                    "\\",
                    "yes",
                    "~",
                    ",",
                    "%",
                ]
            )
        )
        if op == "delete":
            text = text[:at] + text[at + 1 :]
        elif op == "insert":
            text = text[:at] + piece + text[at:]
        else:
            text = text[:at] + piece + text[at + len(piece) :]
    check_report(k8stutor.validate(text, "m.yaml"))
    kubectl_errors(text, "m.yaml")


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**40), 2**40)
    | st.floats(allow_nan=False)
    | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=30,
)
KEYS = [
    "apiVersion",
    "kind",
    "metadata",
    "spec",
    "selector",
    "template",
    "containers",
    "ports",
    "name",
    "replicas",
    "strategy",
    "rollingUpdate",
    "data",
    "rules",
    "http",
    "paths",
    "backend",
    "labels",
]


@FUZZ
@given(
    st.sampled_from(["v1", "apps/v1", "networking.k8s.io/v1", "batch/v1", "x/v1"]),
    st.sampled_from(
        [
            "Pod",
            "Deployment",
            "Service",
            "Ingress",
            "ConfigMap",
            "Secret",
            "Job",
            "StatefulSet",
            "ReplicationController",
            "ReplicaSet",
            "CronJob",
            "List",
            "Foo",
        ]
    ),
    st.dictionaries(st.sampled_from(KEYS), json_values, max_size=6),
)
def test_random_objects_of_every_kind(api_version, kind, body):
    obj = {"apiVersion": api_version, "kind": kind, **body}
    text = yaml.safe_dump(obj)
    check_report(k8stutor.validate(text, "o.yaml"))
    assert all(isinstance(c, str) for c in validate_object(obj, None, None))
    assert all(isinstance(c, str) for c in validate_object(obj, obj, None))


@FUZZ
@given(st.text(alphabet="[]{},:-&*ab \n\t'\"!#", max_size=200))
def test_yaml_punctuation_soup(text):
    parsed = manifests.parse(text)
    assert all(p.line >= 1 for p in parsed.problems)


def test_hostile_inputs_are_refused_naming_the_cap():
    cases = {
        "alias bomb": (
            "a: &a [x,x,x,x,x,x,x,x,x]\n"
            + "".join(
                f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]\n"
                for i in range(8)
            ),
            "cap-nodes",
        ),
        "deep nesting (flow)": ("a: " + "[" * 100_000 + "]" * 100_000, "cap-depth"),
        "deep nesting (block)": (
            "".join("  " * i + f"k{i}:\n" for i in range(300)) + "  " * 300 + "v\n",
            "cap-depth",
        ),
        "50 MB": (b"a: " + b"x" * (50 * 1024 * 1024), "cap-size"),
        "binary junk": (bytes(range(256)) * 1000, "encoding"),
        "invalid UTF-8": (b"apiVersion: v1\nkind: Pod\nmetadata:\n  name: \xc3\x28\n", "encoding"),
        "python tag": ("!!python/object/apply:os.system ['echo hi']\n", "tag"),
        "python name in a value": (
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata:\n  x: !!python/name:os.system\n",
            "tag",
        ),
        "100k documents": ("a: 1\n---\n" * 100_000, "cap-documents"),
        "wide list": ("a: [" + ",".join(["1"] * 300_000) + "]", "cap-nodes"),
    }
    for name, (content, code) in cases.items():
        report = k8stutor.validate(content, "hostile.yaml")
        assert code in [f.code for f in report.errors], (name, report.text()[:500])
        check_report(report)
        kubectl_errors(content, "hostile.yaml")


def test_findings_are_capped_per_file():
    containers = "".join("  - {name: c, image: x, bogus: 1}\n" for _ in range(1200))
    head = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n"
    report = k8stutor.validate(head + containers)
    assert len(report.findings) == 1001
    assert [f.code for f in report.findings].count("cap-findings") == 1
