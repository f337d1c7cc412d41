"""The report: sorted findings, text, JSON fields and the notebook HTML view."""

from __future__ import annotations

import json

import k8stutor
from k8stutor.validation import Report

TEXT = """apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: -1
  selector:
    matchExpression: []
  template:
    metadata:
      labels: {app: web}
    spec:
      containers: [{name: web, image: nginx}]
"""


def test_validate_is_reexported_and_returns_a_sorted_report():
    report = k8stutor.validate(TEXT, "web.yaml")
    assert isinstance(report, Report)
    lines = [(f.line, f.column) for f in report]
    assert lines == sorted(lines)
    assert [f.path for f in report.errors] == [
        "spec.replicas",
        "spec.selector.matchExpression",
    ]
    f = report.errors[1]
    assert (f.document, f.kind, f.name, f.severity) == (0, "Deployment", "web", "error")


def test_text_rendering_names_file_line_column_and_hint():
    text = str(k8stutor.validate(TEXT, "web.yaml"))
    assert (
        'web.yaml:8:5: error: spec.selector.matchExpression: unknown field "matchExpression" '
        "[Deployment/web]\n    hint: did you mean matchExpressions?" in text
    )
    assert text.endswith("invalid: 1 file, 1 document: 2 errors, 0 warnings")
    assert (
        str(k8stutor.validate("apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n", "ns.yaml"))
        == "valid: 1 file, 1 document: 0 errors, 0 warnings"
    )


def test_json_has_the_documented_fields():
    data = json.loads(k8stutor.validate(TEXT, "web.yaml").to_json())
    assert set(data[0]) >= {
        "file",
        "document",
        "kind",
        "name",
        "path",
        "line",
        "column",
        "severity",
        "message",
        "hint",
    }
    assert data[0]["hint"] is None or isinstance(data[0]["hint"], str)


def test_html_shows_offending_lines_with_findings_under_them():
    html = k8stutor.validate(TEXT, "web.yaml")._repr_html_()
    at = html.index("matchExpression: []")
    assert html.index("unknown field &quot;matchExpression&quot;") > at
    assert "   8 </span>" in html and "   6 </span>" in html
    assert "replicas: -1" in html
    assert "&lt;" not in TEXT and "<script" not in html


def test_html_escapes_user_content():
    html = k8stutor.validate("a: <b>x</b>\n", "<x>.yaml")._repr_html_()
    assert "<b>x</b>" not in html and "&lt;b&gt;x&lt;/b&gt;" in html


def test_report_never_raises_and_is_falsy_when_empty():
    assert not k8stutor.validate("apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n")
    assert k8stutor.validate(b"\x00\x01").errors


def test_cluster_objects_are_seen_by_cross_checks():
    class FakeStore:
        def list(self, kind, namespace):
            if kind == "Service":
                return [
                    {
                        "kind": "Service",
                        "metadata": {"name": "web", "namespace": "default"},
                        "spec": {"clusterIP": "None", "ports": [{"port": 80}]},
                    }
                ]
            return []

    class FakeCluster:
        store = FakeStore()

    sts = (
        "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec:\n  serviceName: web\n"
        "  selector: {matchLabels: {app: db}}\n  template:\n    metadata: {labels: {app: db}}\n"
        "    spec: {containers: [{name: db, image: postgres}]}\n"
    )
    assert [f.code for f in k8stutor.validate(sts)] == ["headless-missing"]
    assert [f.code for f in k8stutor.validate(sts, cluster=FakeCluster())] == []
