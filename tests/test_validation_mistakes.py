"""Realistic learner mistakes: what the validator catches, where (line, column, path) and in which words.

Messages of apiserver rules are the apiserver's own (pkg/apis/*/validation/validation.go);
decoder problems (unknown fields, wrong types) are worded for a learner, with a hint.
"""

from __future__ import annotations

import pytest

import k8stutor

DEPLOY = """apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx:1.27
        ports:
        - containerPort: 80
"""


def findings(text: str):
    report = k8stutor.validate(text, "m.yaml")
    return [(f.line, f.column, f.path, f.severity, f.code) for f in report.findings], report


def test_the_valid_deployment_is_valid():
    assert findings(DEPLOY)[0] == []


CASES = [
    # (name, edit of DEPLOY or full text, expected (line, column, path, severity, code), message fragment, h
    (
        "matchExpression typo (the article's own mistake)",
        DEPLOY.replace(
            "    matchLabels:\n      app: web\n",
            "    matchExpression:\n    - {key: app, operator: In, values: [web]}\n",
        ),
        (8, 5, "spec.selector.matchExpression", "error", "unknown-field"),
        'unknown field "matchExpression"',
        "did you mean matchExpressions?",
    ),
    (
        "selector does not match the template",
        DEPLOY.replace("        app: web\n", "        app: frontend\n"),
        (13, 9, "spec.template.metadata.labels", "error", "rule"),
        'Invalid value: map[string]string{"app":"frontend"}: `selector` does not match template `labels`',
        None,
    ),
    (
        "replicas quoted",
        DEPLOY.replace("replicas: 3", 'replicas: "3"'),
        (6, 13, "spec.replicas", "error", "type"),
        'expected an integer, got the string "3"',
        "remove the quotes: 3",
    ),
    (
        "negative replicas",
        DEPLOY.replace("replicas: 3", "replicas: -1"),
        (6, 13, "spec.replicas", "error", "rule"),
        "Invalid value: -1: must be greater than or equal to 0",
        None,
    ),
    (
        "containers written as a mapping",
        DEPLOY.replace(
            "      - name: web\n        image: nginx:1.27\n        ports:\n        - containerPort: 80\n",
            "        name: web\n        image: nginx:1.27\n",
        ),
        (16, 9, "spec.template.spec.containers", "error", "type"),
        "expected a list, got a mapping",
        "'- '",
    ),
    (
        "image missing",
        DEPLOY.replace("        image: nginx:1.27\n", ""),
        (16, 9, "spec.template.spec.containers[0].image", "error", "rule"),
        "Required value",
        "image: nginx",
    ),
    (
        "containerPort out of range",
        DEPLOY.replace("containerPort: 80", "containerPort: 80800"),
        (19, 26, "spec.template.spec.containers[0].ports[0].containerPort", "error", "rule"),
        "Invalid value: 80800: must be between 1 and 65535, inclusive",
        None,
    ),
    (
        "field name in the wrong case",
        DEPLOY.replace("containerPort: 80", "containerport: 80"),
        (19, 11, "spec.template.spec.containers[0].ports[0].containerport", "error", "unknown-field"),
        'unknown field "containerport"',
        "did you mean containerPort? (field names are case-sensitive)",
    ),
    (
        "name with capitals and underscore",
        DEPLOY.replace("name: web\nspec", "name: Web_App\nspec"),
        (4, 9, "metadata.name", "error", "rule"),
        'Invalid value: "Web_App": a lowercase RFC 1123 subdomain',
        "names must be lowercase",
    ),
    (
        "Recreate with a rollingUpdate block",
        DEPLOY.replace(
            "spec:\n  replicas: 3\n",
            "spec:\n  replicas: 3\n  strategy:\n    type: Recreate\n    rollingUpdate:\n      maxSurge: 1\n",
        ),
        (9, 5, "spec.strategy.rollingUpdate", "error", "rule"),
        "Forbidden: may not be specified when strategy `type` is 'Recreate'",
        "remove the rollingUpdate block",
    ),
    (
        "maxSurge and maxUnavailable both 0",
        DEPLOY.replace(
            "spec:\n  replicas: 3\n",
            "spec:\n  replicas: 3\n  strategy:\n    rollingUpdate:\n"
            "      maxSurge: 0\n      maxUnavailable: 0\n",
        ),
        (10, 23, "spec.strategy.rollingUpdate.maxUnavailable", "error", "rule"),
        "Invalid value: 0: may not be 0 when `maxSurge` is 0",
        None,
    ),
    (
        "label value with a space",
        DEPLOY.replace("        app: web\n", "        app: web\n        version: 1.0 beta\n"),
        (13, 9, "spec.template.metadata.labels", "error", "rule"),
        'Invalid value: "1.0 beta": a valid label must be an empty string',
        "version",
    ),
    (
        "removed apiVersion",
        DEPLOY.replace("apps/v1", "extensions/v1beta1"),
        (1, 13, "apiVersion", "error", "removed-api"),
        "removed in Kubernetes v1.16; use apps/v1",
        "apiVersion: apps/v1",
    ),
    (
        "a line lost its indentation",
        DEPLOY.replace("  replicas: 3", "replicas: 3"),
        (7, 11, "", "error", "yaml-syntax"),
        "mapping values are not allowed in this context",
        "indentation",
    ),
    (
        "kind in lower case",
        DEPLOY.replace("kind: Deployment", "kind: deployment"),
        (2, 7, "kind", "error", "unknown-api"),
        'no kind "deployment" is served in version "apps/v1"',
        "did you mean kind: Deployment?",
    ),
    (
        "restartPolicy Never in a Deployment",
        DEPLOY.replace("      containers:", "      restartPolicy: Never\n      containers:"),
        (15, 22, "spec.template.spec.restartPolicy", "error", "rule"),
        'Unsupported value: "Never": supported values: "Always"',
        None,
    ),
    (
        "imagePullPolicy in lower case",
        DEPLOY.replace(
            "        image: nginx:1.27\n", "        image: nginx:1.27\n        imagePullPolicy: always\n"
        ),
        (18, 26, "spec.template.spec.containers[0].imagePullPolicy", "error", "rule"),
        'Unsupported value: "always": supported values: "Always", "IfNotPresent", "Never"',
        "did you mean Always?",
    ),
    (
        "nodePort outside 30000-32767",
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n"
        "spec:\n  type: NodePort\n  ports:\n  - port: 80\n"
        "    nodePort: 80\n",
        (9, 15, "spec.ports[0].nodePort", "error", "rule"),
        "Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767",
        None,
    ),
    (
        "two Service ports on the same number",
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - name: a\n    port: 80\n"
        "  - name: b\n    port: 80\n",
        (9, 5, "spec.ports[1]", "error", "rule"),
        'Duplicate value: core.ServicePort{Name:"", Protocol:"TCP"',
        None,
    ),
    (
        "Service type in the wrong case",
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n"
        "spec:\n  type: Nodeport\n  ports:\n  - port: 80\n",
        (6, 9, "spec.type", "error", "rule"),
        'Unsupported value: "Nodeport"',
        "did you mean NodePort?",
    ),
    (
        "Ingress path without pathType",
        "apiVersion: networking.k8s.io/v1\nkind: Ingress\n"
        "metadata:\n  name: web\nspec:\n  rules:\n  - http:\n"
        "      paths:\n      - path: /\n        backend:\n"
        "          service: {name: web, port: {number: 80}}\n",
        (9, 9, "spec.rules[0].http.paths[0].pathType", "error", "rule"),
        "Required value: pathType must be specified",
        "pathType: Prefix",
    ),
    (
        "Ingress path not absolute",
        "apiVersion: networking.k8s.io/v1\nkind: Ingress\n"
        "metadata:\n  name: web\nspec:\n  rules:\n  - http:\n"
        "      paths:\n      - path: foo\n        pathType: Prefix\n        backend:\n"
        "          service: {name: web, port: {number: 80}}\n",
        (9, 15, "spec.rules[0].http.paths[0].path", "error", "rule"),
        'Invalid value: "foo": must be an absolute path',
        '"/foo"',
    ),
    (
        "v1beta1 backend fields in a v1 Ingress",
        "apiVersion: networking.k8s.io/v1\nkind: Ingress\n"
        "metadata:\n  name: web\nspec:\n  rules:\n  - http:\n"
        "      paths:\n      - path: /\n        pathType: Prefix\n"
        "        backend:\n          serviceName: web\n"
        "          servicePort: 80\n",
        (12, 11, "spec.rules[0].http.paths[0].backend.serviceName", "error", "unknown-field"),
        'unknown field "serviceName"',
        "service: {name: ..., port: {number: ...}}",
    ),
    (
        "ConfigMap key with a space",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  my key: value\n",
        (6, 11, "data[my key]", "error", "rule"),
        'Invalid value: "my key": a valid config key must consist',
        None,
    ),
    (
        "ConfigMap value not a string",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  port: 8080\n",
        (6, 9, "data.port", "error", "type"),
        "expected a string, got the number 8080",
        'put the value in quotes: "8080"',
    ),
    (
        "ConfigMap over 1 MiB",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  big: "
        + "x" * (1024 * 1024 + 1)
        + "\n",
        (1, 1, "[]", "error", "rule"),
        "Too long: must have at most 1048576 bytes",
        "1 MiB",
    ),
    (
        "Secret data not base64",
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  password: not base64!\n",
        (6, 13, "data.password", "warning", "base64"),
        "illegal base64 data at input byte 3",
        "stringData",
    ),
    (
        "memory written as MB",
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n"
        "spec:\n  containers:\n  - name: a\n    image: nginx\n"
        "    resources:\n      limits:\n        memory: 128MB\n",
        (11, 17, "spec.containers[0].resources.limits.memory", "error", "quantity"),
        '"128MB" is not a quantity',
        "128Mi",
    ),
    (
        "volumeMount without a volume",
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n"
        "spec:\n  containers:\n  - name: a\n    image: nginx\n"
        "    volumeMounts:\n    - name: config\n      mountPath: /etc/config\n",
        (10, 13, "spec.containers[0].volumeMounts[0].name", "error", "rule"),
        'Not found: "config"',
        "volumes:",
    ),
    (
        "env value as a number",
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n"
        "spec:\n  containers:\n  - name: a\n    image: nginx\n"
        "    env:\n    - name: PORT\n      value: 8080\n",
        (11, 14, "spec.containers[0].env[0].value", "error", "type"),
        "expected a string, got the number 8080",
        '"8080"',
    ),
    (
        "Job without restartPolicy",
        "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\n"
        "spec:\n  template:\n    spec:\n      containers:\n"
        "      - name: a\n        image: busybox\n",
        (7, 5, "spec.template.spec.restartPolicy", "error", "rule"),
        'Unsupported value: "Always": supported values: "OnFailure", "Never"',
        "restartPolicy: Never",
    ),
    (
        "missing kind",
        "apiVersion: v1\nmetadata:\n  name: x\n",
        (1, 1, "", "error", "missing-kind"),
        "kind is not set",
        "add kind:",
    ),
    (
        "a list instead of an object",
        "- apiVersion: v1\n  kind: Pod\n",
        (1, 1, "", "error", "not-mapping"),
        "the document is a list",
        None,
    ),
    (
        "StatefulSet serviceName not a DNS label",
        "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  serviceName: DB_svc\n"
        "  selector:\n    matchLabels: {app: db}\n  template:\n    metadata:\n      labels: {app: db}\n"
        "    spec:\n      containers: [{name: db, image: postgres}]\n",
        (6, 16, "spec.serviceName", "error", "rule"),
        'Invalid value: "DB_svc": a lowercase RFC 1123 label',
        None,
    ),
]


@pytest.mark.parametrize("name, text, where, fragment, hint", CASES, ids=[c[0] for c in CASES])
def test_mistake_is_found_where_it_is(name, text, where, fragment, hint):
    got, report = findings(text)
    assert where in got, report.text()
    f = report.findings[got.index(where)]
    assert fragment in f.message, f.message
    if hint:
        assert f.hint and hint in f.hint, f.hint
    if where[3] == "warning":
        assert report.ok
    else:
        assert not report.ok


def test_requests_above_limits_in_canonical_quantities():
    text = (
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n"
        "spec:\n  containers:\n  - name: a\n    image: nginx\n"
        "    resources:\n      requests: {cpu: '2', memory: 1024Mi}\n"
        "      limits: {cpu: 1000m, memory: 512Mi}\n"
    )
    _, report = findings(text)
    assert [(f.line, f.path, f.message) for f in report.errors] == [
        (
            9,
            "spec.containers[0].resources.requests",
            'Invalid value: "1Gi": must be less than or equal to memory limit of 512Mi',
        ),
        (
            9,
            "spec.containers[0].resources.requests",
            'Invalid value: "2": must be less than or equal to cpu limit of 1',
        ),
    ]


def test_null_documents_are_skipped_with_a_warning():
    got, report = findings("---\n~\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n")
    assert got == [(2, 1, "", "warning", "empty-document")] and report.ok


def test_every_finding_of_a_file_has_a_line_and_the_report_is_sorted():
    text = DEPLOY.replace("replicas: 3", "replicas: -1").replace("containerPort: 80", "containerport: 80")
    _, report = findings(text)
    keys = [(f.line, f.column) for f in report.findings]
    assert keys == sorted(keys) and all(line >= 1 for line, _ in keys)


def test_statefulset_volume_claim_templates_count_as_volumes():
    text = (
        "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  serviceName: db\n"
        "  selector:\n    matchLabels: {app: db}\n  template:\n    metadata:\n      labels: {app: db}\n"
        "    spec:\n      containers:\n      - name: db\n        image: postgres\n        volumeMounts:\n"
        "        - {name: data, mountPath: /data}\n  volumeClaimTemplates:\n  - metadata: {name: data}\n"
        "    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}\n"
    )
    got, report = findings(text)
    assert report.ok
    assert [g[4] for g in got] == ["headless-missing"]  # no Service "db" in the file


def test_cross_document_warnings_within_a_file():
    svc = (
        "---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: webb\n"
        "  ports:\n  - port: 80\n"
    )
    got, report = findings(DEPLOY + svc)
    assert (26, 3, "spec.selector", "warning", "selector-matches-nothing") in got
    assert report.ok
    ing = (
        "---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  rules:\n"
        "  - http:\n      paths:\n      - path: /\n        pathType: Prefix\n        backend:\n"
        "          service:\n            name: web\n            port:\n              number: 8080\n"
        "      - path: /api\n        pathType: Prefix\n        backend:\n          service:\n"
        "            name: api\n            port: {number: 80}\n"
    )
    got, _ = findings(DEPLOY + svc.replace("webb", "web") + ing)
    codes = {(g[2], g[4]) for g in got}
    assert ("spec.rules[0].http.paths[0].backend.service.port.number", "backend-port-missing") in codes
    assert ("spec.rules[0].http.paths[1].backend.service.name", "backend-missing") in codes


def test_a_field_one_level_too_far_left_gets_an_indentation_hint():
    text = DEPLOY.replace("    spec:\n      containers:", "    containers:")  # the items stay where they were
    _, report = findings(text)
    (f,) = [f for f in report.errors if f.code == "unknown-field"]
    assert (f.line, f.column, f.path) == (14, 5, "spec.template.containers")
    assert f.hint == "containers belongs inside spec: indent it under spec:"


def test_target_port_written_as_a_quoted_number():
    text = (
        "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n"
        '  ports:\n  - port: 80\n    targetPort: "8080"\n'
    )
    _, report = findings(text)
    (f,) = report.errors
    assert (f.line, f.column, f.path) == (7, 17, "spec.ports[0].targetPort")
    assert f.message == 'Invalid value: "8080": must contain at least one letter (a-z)'
    assert f.hint == "a quoted number is read as a port name: remove the quotes (targetPort: 8080)"
