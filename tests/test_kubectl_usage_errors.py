"""Usage errors, byte for byte as the real kubectl v1.32 client prints them offline (no server needed:
`KUBECONFIG=<empty> kubectl ARGS`), with exit code 1 and nothing changed."""

from __future__ import annotations

import pytest

from k8stutor import Cluster

NO_RESOURCES = (
    "error: You must provide one or more resources by argument or filename.\n"
    "Example resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n"
    "   '<resource> <name>'\n   '<resource>'\n"
)

CASES = [
    ("get --foo", "Error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n"),
    ("get -x", "Error: unknown shorthand flag: 'x' in -x\nSee 'kubectl get --help' for usage.\n"),
    ("get po -o", "Error: flag needs an argument: 'o' in -o\nSee 'kubectl get --help' for usage.\n"),
    ("get po --sort-by", "Error: flag needs an argument: --sort-by\nSee 'kubectl get --help' for usage.\n"),
    (
        "get",
        'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of '
        'supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" '
        "for a detailed description of that resource (e.g. kubectl explain pods).\n"
        "See 'kubectl get -h' for help and examples\n",
    ),
    ("apply", "error: must specify one of -f and -k\n"),
    ("apply x", "error: Unexpected args: [x]\nSee 'kubectl apply -h' for help and examples\n"),
    ("apply -f nothere.yaml", 'error: the path "nothere.yaml" does not exist\n'),
    ("apply -f x.yaml -k y", "error: only one of -f or -k can be specified\n"),
    ("create", "error: must specify one of -f and -k\n"),
    ("create foo", "error: Unexpected args: [foo]\nSee 'kubectl create -h' for help and examples\n"),
    (
        "create deployment --image=nginx",
        "error: exactly one NAME is required, got 0\n"
        "See 'kubectl create deployment -h' for help and examples\n",
    ),
    ("delete", NO_RESOURCES),
    ("expose", NO_RESOURCES),
    ("delete po --now --grace-period=5", "error: --now and --grace-period cannot be specified together\n"),
    (
        "delete po x --cascade=bad",
        'error: invalid cascade value (bad). Must be "background", "foreground", or "orphan"\n',
    ),
    ("delete po --all x", "error: name cannot be provided when a selector is specified\n"),
    (
        "describe",
        'error: You must specify the type of resource to describe. Use "kubectl api-resources" for a '
        "complete list of supported resources.\n",
    ),
    ("exec", "error: pod, type/name or --filename must be specified\n"),
    ("exec x", "error: you must specify at least one command for the container\n"),
    (
        "exec x ls",
        "Error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\n"
        "See 'kubectl exec -h' for help and examples\n",
    ),
    # cobra checks required flags first; kubectl logs this one through klog ('E1127 16:10:35.251974 6685
    # run.go:72] "command failed" err="required flag(s) \"image\" not set"'), whose time and PID a
    # deterministic simulator cannot print: the message is kept, the klog header is not
    ("run", 'error: required flag(s) "image" not set\n'),
    (
        "run x --image=nginx --restart=Bad",
        "error: invalid restart policy: Bad\nSee 'kubectl run -h' for help and examples\n",
    ),
    (
        "run x --image=nginx --rm",
        "error: --rm should only be used for attached containers\n"
        "See 'kubectl run -h' for help and examples\n",
    ),
    (
        "run x --image=nginx -t",
        "error: -i/--stdin is required for containers with -t/--tty=true\n"
        "See 'kubectl run -h' for help and examples\n",
    ),
    ("run --image=nginx", "error: NAME is required for run\nSee 'kubectl run -h' for help and examples\n"),
    (
        "run x --image=nginx --port=abc --dry-run=client",
        'error: strconv.Atoi: parsing "abc": invalid syntax\n',
    ),
    (
        "logs",
        "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\n"
        "POD or TYPE/NAME is a required argument for the logs command\n"
        "See 'kubectl logs -h' for help and examples\n",
    ),
    ("label", "error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n"),
    ("label po x", "error: at least one label update is required\n"),
    (
        "annotate",
        "error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n",
    ),
    ("wait pod/x", 'error: unrecognized condition: ""\n'),
    ("wait --for=bogus pod/x", 'error: unrecognized condition: "bogus"\n'),
]


@pytest.fixture(scope="module")
def cluster() -> Cluster:
    return Cluster(seed=0)


@pytest.mark.parametrize(("line", "stderr"), CASES)
def test_usage_error_text(cluster, line, stderr):
    before = cluster.store.revision
    r = cluster.kubectl(line)
    assert (r.stdout, r.stderr, r.returncode) == ("", stderr, 1)
    assert cluster.store.revision == before


@pytest.mark.parametrize(
    "line", ["get -h", "get pods --help", "apply --help", "create deployment -h", "delete -h"]
)
def test_help_is_kubectls_own_text(cluster, line):
    # upstream: cobra's help, captured from the real v1.32 client (k8stutor/kubectl/help/*.txt)
    r = cluster.kubectl(line)
    assert r.returncode == 0 and r.stderr == ""
    assert r.stdout.rstrip().endswith(
        'Use "kubectl options" for a list of global command-line options (applies to all commands).'
    )
    assert "Usage:\n  kubectl " + line.split(" -")[0].split(" pods")[0] in r.stdout
