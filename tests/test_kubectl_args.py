"""kubectl's command line: pflag rules and cobra's texts (checked against the real kubectl v1.32)."""

from __future__ import annotations

import pytest

from k8stutor.kubectl import args as a

SPEC = a.flags(
    a.OUTPUT,
    a.SELECTOR,
    a.FILENAME,
    a.Flag("watch", "w", kind="bool", default=False),
    a.Flag("stdin", "i", kind="bool", default=False),
    a.Flag("tty", "t", kind="bool", default=False),
)


def test_flags_before_between_and_after_arguments():
    p = a.parse("get", ["-n", "kube-system", "pods", "-o=wide", "web", "--selector", "app=x", "-w"], SPEC)
    assert p.args == ["pods", "web"]
    assert (p["namespace"], p["output"], p["selector"], p["watch"]) == ("kube-system", "wide", "app=x", True)
    assert p.explicit >= {"namespace", "output", "selector", "watch"}


def test_short_forms_and_combined_bools():
    p = a.parse("exec", ["-it", "-nfoo", "-oyaml", "pod", "--", "sh", "-c", "echo -n hi"], SPEC)
    assert (p["stdin"], p["tty"], p["namespace"], p["output"]) == (True, True, "foo", "yaml")
    assert p.args == ["pod"] and p.dash == ["sh", "-c", "echo -n hi"]


def test_repeated_filename():
    assert a.parse("apply", ["-f", "a.yaml", "-f", "b.yaml"], SPEC)["filename"] == ["a.yaml", "b.yaml"]


# upstream texts: the real kubectl v1.32 client (offline), e.g. `kubectl get --foo`
@pytest.mark.parametrize(
    ("argv", "text"),
    [
        (["--foo"], "Error: unknown flag: --foo\nSee 'kubectl get --help' for usage."),
        (["-x"], "Error: unknown shorthand flag: 'x' in -x\nSee 'kubectl get --help' for usage."),
        (["-n"], "Error: flag needs an argument: 'n' in -n\nSee 'kubectl get --help' for usage."),
        (["--namespace"], "Error: flag needs an argument: --namespace\nSee 'kubectl get --help' for usage."),
        (
            ["--watch=x"],
            'Error: invalid argument "x" for "-w, --watch" flag: strconv.ParseBool: parsing "x": '
            "invalid syntax\nSee 'kubectl get --help' for usage.",
        ),
    ],
)
def test_errors(argv, text):
    with pytest.raises(a.ArgError) as info:
        a.parse("get", argv, SPEC)
    assert str(info.value) == text
    assert info.value.result().returncode == 1


def test_resource_arguments():
    r = a.resource_args(["po,svc"])
    assert [k.kind for k, _ in r.requests] == ["Pod", "Service"] and r.several_types
    r = a.resource_args(["pod/a", "svc/b", "pod/c"])
    assert [(k.kind, n) for k, n in r.requests] == [("Pod", ["a", "c"]), ("Service", ["b"])]
    r = a.resource_args(["deployments.apps", "x", "y"])
    assert [(k.kind, n) for k, n in r.requests] == [("Deployment", ["x", "y"])] and not r.several_types
    assert [k.kind for k, _ in a.resource_args(["all"]).requests][:3] == [
        "Pod",
        "ReplicationController",
        "Service",
    ]


def test_resource_name_form_mixed_with_type_is_kubectl_error():
    with pytest.raises(a.ArgError) as info:
        a.resource_args(["pods", "pod/x"])
    assert str(info.value).startswith(
        "error: there is no need to specify a resource type as a separate argument"
    )


def test_global_flags_before_the_verb_are_hoisted():
    # cobra: persistent flags of the root command may come before the subcommand
    assert a.hoist_globals(["-n", "kube-system", "get", "po"]) == ["get", "-n", "kube-system", "po"]
    assert a.hoist_globals(["--namespace=x", "get"]) == ["get", "--namespace=x"]
    assert a.hoist_globals(["-x", "get"]) == ["-x", "get"]
    assert a.hoist_globals(["get", "po"]) == ["get", "po"]
