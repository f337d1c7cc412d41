"""kubectl_errors: what kubectl apply/create v1.32 prints before anything is stored.

Texts follow staging/src/k8s.io/cli-runtime/pkg/resource/{visitor,mapper}.go,
staging/src/k8s.io/kubectl/pkg/validation/schema.go, kubectl/pkg/cmd/util/helpers.go and the
apiserver's decoder; the reader and client-side validation texts were checked against a real
kubectl v1.32 offline (--dry-run=client).
"""

from __future__ import annotations

from k8stutor.validation import kubectl_errors
from k8stutor.validation.kubectl import kubectl_error_output

RS = """apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: rs
spec:
  selector:
    matchExpression:
    - {key: app, operator: In, values: [web]}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers: [{name: web, image: nginx}]
"""


def test_valid_file_has_no_errors_and_hands_over_the_objects():
    text = (
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, image: nginx}]\n"
        "  volumes:\n  - name: c\n    configMap: {name: c, defaultMode: 0644}\n"
    )
    check = kubectl_errors(text, "a.yaml")
    assert check == [] and check.ok
    assert check.documents[0].obj["spec"]["volumes"][0]["configMap"]["defaultMode"] == 420  # YAML 1.1 octal


def test_a_number_in_a_configmap_is_refused_by_the_decoder():
    (line,) = kubectl_errors(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  port: 8080\n", "a.yaml"
    )
    assert line.endswith(
        'ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal '
        "number into Go struct field ConfigMap.data of type string"
    )


def test_unknown_field_is_the_strict_decoding_error():
    check = kubectl_errors(RS, "rs.yaml")
    assert check == [
        'Error from server (BadRequest): error when creating "rs.yaml": ReplicaSet in version "v1" '
        "cannot be handled as a ReplicaSet: strict decoding error: unknown field "
        '"spec.selector.matchExpression"'
    ]
    assert check.documents[0].stage == "decode"
    assert kubectl_error_output(list(check)) == check[0]


def test_several_unknown_fields_are_listed_together():
    text = RS.replace("matchExpression:", "matchLabels: {app: web}\n    foo:").replace(
        "image: nginx", "image: nginx, bar: 1"
    )
    (line,) = kubectl_errors(text, "rs.yaml")
    assert line.endswith(
        'strict decoding error: unknown field "spec.selector.foo", '
        'unknown field "spec.template.spec.containers[0].bar"'
    )


def test_wrong_type_is_a_json_unmarshal_error():
    text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  replicas: "3"\n'
    (line,) = kubectl_errors(text, "d.yaml")
    assert line == (
        'Error from server (BadRequest): error when creating "d.yaml": Deployment in version "v1" cannot '
        "be handled as a Deployment: json: cannot unmarshal string into Go struct field "
        "DeploymentSpec.spec.replicas of type int32"
    )


def test_yaml_error_with_the_line_inside_the_document():
    text = (
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: Service\n"
        "metadata:\n  name: web\nspec:\n  ports:\n  - port: 80\n   targetPort: 8080\n"
    )
    check = kubectl_errors(text, "service.yaml")
    # kubectl v1.32 prints "line 7" for this (go-yaml counts a parser error's line from 0)
    assert check.stream_error == (
        "error parsing service.yaml: error converting YAML to JSON: yaml: line 7: did not find expected key"
    )
    assert [d.obj["kind"] for d in check.documents] == ["ConfigMap"]  # read before the error: still applied
    assert kubectl_error_output(list(check)) == "error: " + check.stream_error


def test_mapping_values_error_text():
    text = (
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: NodePort\n  ports: port: 80\n"
    )
    assert kubectl_errors(text, "service.yaml") == [
        "error parsing service.yaml: error converting YAML to "
        "JSON: yaml: line 7: mapping values are not allowed "
        "in this context"
    ]


def test_missing_kind_and_apiversion_stop_reading():
    assert kubectl_errors("apiVersion: v1\nmetadata:\n  name: x\n", "x.yaml") == [
        'error validating "x.yaml": error validating data: '
        "kind not set; if you choose to ignore these errors, "
        "turn validation off with --validate=false"
    ]
    assert kubectl_errors("metadata:\n  name: x\n", "x.yaml") == [
        'error validating "x.yaml": error validating data: '
        "[apiVersion not set, kind not set]; if you choose to "
        "ignore these errors, turn validation off with --validate=false"
    ]
    assert kubectl_errors("- a\n- b\n", "list.yaml") == [
        'error validating "list.yaml": error validating data: '
        "invalid object to validate; if you choose to ignore "
        "these errors, turn validation off with --validate=false"
    ]


def test_removed_api_is_a_mapping_error_and_other_documents_go_on():
    text = (
        "apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: x\n---\n"
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n"
    )
    check = kubectl_errors(text, "x.yaml")
    assert list(check) == [
        'resource mapping not found for name: "x" namespace: "" from "x.yaml": no matches for '
        'kind "Ingress" in version "extensions/v1beta1"\nensure CRDs are installed first'
    ]
    assert [d.error is None for d in check.documents] == [False, True]
    assert kubectl_error_output(list(check)).startswith("error: resource mapping not found")


def test_several_errors_are_printed_one_per_line_without_prefix():
    errs = ["a", "Error from server (BadRequest): b"]
    assert kubectl_error_output(errs) == "a\nError from server (BadRequest): b"


def test_duplicate_keys_and_backslash_quote_are_accepted_by_kubectl():
    text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: "it\\\'s"\n  a: x\n'
    check = kubectl_errors(text, "c.yaml")
    assert check == [] and check.documents[0].obj["data"] == {"a": "x"}


def test_list_items_are_separate_documents():
    text = (
        "apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}\n"
        "- {apiVersion: v1, kind: ConfigMap, metadata: {name: b}, bogus: 1}\n"
    )
    check = kubectl_errors(text, "l.yaml")
    assert [(d.item, d.stage) for d in check.documents] == [(0, None), (1, "decode")]


def test_secret_with_bad_base64_is_refused_by_the_decoder():
    text = "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata:\n  password: not base64!\n"
    (line,) = kubectl_errors(text, "s.yaml")
    assert line.endswith(
        'Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 3'
    )


def test_error_text_for_another_action():
    doc = kubectl_errors(RS, "rs.yaml").documents[0]
    assert doc.error_text("replacing").startswith(
        'Error from server (BadRequest): error when replacing "rs.yaml": '
    )


def test_a_list_item_without_kind_cannot_be_decoded():
    text = "apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, metadata: {name: a}}\n"
    assert kubectl_errors(text, "l.yaml") == [
        "unable to decode \"l.yaml\": Object 'Kind' is missing in "
        '\'{"apiVersion":"v1","metadata":{"name":"a"}}\''
    ]
