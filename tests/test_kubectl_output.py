"""Renderers: AGE, tabwriter columns, JSON and jsonpath as kubectl v1.32 prints them."""

from __future__ import annotations

import pytest

from k8stutor.kubectl import output


# upstream: staging/src/k8s.io/apimachinery/pkg/util/duration/duration_test.go (TestHumanDuration)
@pytest.mark.parametrize(
    ("seconds", "want"),
    [
        (1, "1s"),
        (70, "70s"),
        (190, "3m10s"),
        (70 * 60, "70m"),
        (47 * 3600, "47h"),
        (49 * 3600, "2d1h"),
        ((8 * 24 + 2) * 3600, "8d"),
        (367 * 24 * 3600, "367d"),
        ((365 * 2 * 24 + 25) * 3600, "2y1d"),
        ((365 * 8 * 24 + 2) * 3600, "8y"),
        (-1, "0s"),
        (-2, "<invalid>"),
        (119, "119s"),
        (120, "2m"),
        (600, "10m"),
        (3 * 3600, "3h"),
        (3 * 3600 + 60, "3h1m"),
    ],
)
def test_human_duration(seconds, want):
    assert output.human_duration(seconds) == want


def test_tabwriter_pads_three_with_a_minimum_of_six():
    # upstream: cli-runtime/pkg/printers/tabwriter.go (minwidth 6, padding 3); the last cell is not padded
    text = output.table([["NAME", "READY", "AGE"], ["a", "1/1", "5s"]])
    assert text == "NAME   READY   AGE\na      1/1     5s\n"


def test_tabwriter_remembers_widths_across_writes():
    # watch rows keep the widths of earlier rows (liggitt/tabwriter RememberWidths) and grow when wider
    tw = output.TabWriter()
    first = tw.render([["NAME", "STATUS", "AGE"], ["web-0", "Pending", "0s"]])
    second = tw.render([["web-0", "ContainerCreating", "0s"]])
    third = tw.render([["web-0", "Running", "2s"]])
    assert first == "NAME    STATUS    AGE\nweb-0   Pending   0s\n"
    assert second == "web-0   ContainerCreating   0s\n"
    assert third == "web-0   Running             2s\n"


def test_go_json_sorts_keys_indents_four_and_escapes_html():
    # upstream: cli-runtime/pkg/printers/json.go (json.MarshalIndent, "    "; Go escapes <, >, &)
    assert output.go_json({"b": 1, "a": {"x": "<&>"}}) == (
        '{\n    "a": {\n        "x": "\\u003c\\u0026\\u003e"\n    },\n    "b": 1\n}\n'
    )


def test_name_printer():
    assert output.name_of({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"}}) == (
        "deployment.apps/web"
    )
    assert (
        output.name_of({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web"}}) == "service/web"
    )


LIST = {
    "kind": "List",
    "items": [
        {
            "metadata": {"name": "a", "labels": {"app": "x"}},
            "spec": {"ports": [{"port": 80, "nodePort": 30001}]},
            "status": {"addresses": [{"type": "InternalIP", "address": "192.168.49.2"}]},
        },
        {"metadata": {"name": "b"}, "spec": {"ports": [{"port": 81}]}},
    ],
}


@pytest.mark.parametrize(
    ("template", "want"),
    [
        ("{.items[*].metadata.name}", "a b"),
        ("{.items[0].spec.ports[0].nodePort}", "30001"),
        ('{range .items[*]}{.metadata.name}{"\\n"}{end}', "a\nb\n"),
        ("name={.items[1].metadata.name}", "name=b"),
        ("{.items[0].metadata.labels}", '{"app":"x"}'),
        ('{.items[0].status.addresses[?(@.type=="InternalIP")].address}', "192.168.49.2"),
        ("{.items[-1:].metadata.name}", "b"),
    ],
)
def test_jsonpath(template, want):
    # upstream: k8s.io/client-go/util/jsonpath (kubectl -o jsonpath)
    assert output.jsonpath(template, LIST) == want


def test_jsonpath_escaped_dot_in_a_key():
    # upstream: client-go/util/jsonpath parser (`\.` inside a field name), e.g. {.data.tls\.crt}
    assert output.jsonpath(r"{.data.tls\.crt}", {"data": {"tls.crt": "PEM"}}) == "PEM"
