"""validate_object: the simulated apiserver's causes, in its exact words (pkg/apis/*/validation)."""

from __future__ import annotations

import copy

import pytest

from k8stutor.validation.apiserver import validate_object

POD = {
    "apiVersion": "v1",
    "kind": "Pod",
    "metadata": {
        "name": "web-7d9c-x2x5z",
        "namespace": "default",
        "labels": {"app": "web"},
        "uid": "u",
        "resourceVersion": "5",
        "creationTimestamp": "2025-01-01T00:00:00Z",
    },
    "spec": {
        "containers": [
            {
                "name": "web",
                "image": "nginx",
                "imagePullPolicy": "Always",
                "ports": [{"containerPort": 80, "protocol": "TCP"}],
                "resources": {},
                "terminationMessagePath": "/dev/termination-log",
                "terminationMessagePolicy": "File",
            }
        ],
        "restartPolicy": "Always",
        "dnsPolicy": "ClusterFirst",
        "terminationGracePeriodSeconds": 30,
        "schedulerName": "default-scheduler",
        "securityContext": {},
        "nodeName": "minikube",
    },
    "status": {
        "phase": "Running",
        "podIP": "10.244.0.5",
        "conditions": [{"type": "Ready", "status": "True"}],
    },
}
DEPLOY = {
    "apiVersion": "apps/v1",
    "kind": "Deployment",
    "metadata": {"name": "web", "namespace": "default"},
    "spec": {
        "replicas": 1,
        "selector": {"matchLabels": {"app": "web"}},
        "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": "25%"}},
        "template": {"metadata": {"labels": {"app": "web"}}, "spec": copy.deepcopy(POD["spec"])},
        "revisionHistoryLimit": 10,
        "progressDeadlineSeconds": 600,
    },
}


def with_(obj: dict, path: str, value) -> dict:
    new = copy.deepcopy(obj)
    *parents, last = path.split(".")
    cur = new
    for p in parents:
        cur = cur[int(p)] if p.isdigit() else cur[p]
    if value is ...:
        del cur[last]
    else:
        cur[last] = value
    return new


def test_defaulted_objects_with_status_are_accepted():
    assert validate_object(POD, None, None) == []
    assert validate_object(DEPLOY, None, None) == []
    assert validate_object(DEPLOY, copy.deepcopy(DEPLOY), None) == []


@pytest.mark.parametrize(
    "obj, cause",
    [
        (
            with_(POD, "metadata.name", "Foo"),
            'metadata.name: Invalid value: "Foo": a lowercase RFC '
            "1123 subdomain must consist of lower case alphanumeric "
            "characters, '-' or '.', and must start and end with "
            "an alphanumeric character (e.g. 'example.com', regex "
            "used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
        ),
        (
            with_(POD, "metadata.labels", {"app": "a b"}),
            'metadata.labels: Invalid value: "a b": a valid label '
            "must be an empty string or consist of alphanumeric "
            "characters, '-', '_' or '.', and must start and end "
            "with an alphanumeric character (e.g. 'MyValue',  or "
            "'my_value',  or '12345', regex used for validation "
            "is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
        ),
        (with_(POD, "spec.containers", []), "spec.containers: Required value"),
        (
            with_(POD, "spec.containers.0.ports.0.containerPort", 70000),
            "spec.containers[0].ports[0].containerPort: Invalid "
            "value: 70000: must be between 1 and 65535, inclusive",
        ),
        (
            with_(DEPLOY, "spec.replicas", -1),
            "spec.replicas: Invalid value: -1: must be greater than or equal to 0",
        ),
        (
            with_(DEPLOY, "spec.template.metadata.labels", {"app": "other"}),
            'spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: '
            "`selector` does not match template `labels`",
        ),
        (
            with_(DEPLOY, "spec.strategy", {"type": "Recreate", "rollingUpdate": {"maxSurge": 1}}),
            "spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'",
        ),
        (
            with_(DEPLOY, "spec.strategy.rollingUpdate", {"maxSurge": 0, "maxUnavailable": 0}),
            "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0",
        ),
        (
            {
                "apiVersion": "v1",
                "kind": "Service",
                "metadata": {"name": "x"},
                "spec": {"type": "NodePort", "ports": [{"port": 80, "protocol": "TCP", "nodePort": 80}]},
            },
            "spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. "
            "The range of valid ports is 30000-32767",
        ),
        (
            {
                "apiVersion": "v1",
                "kind": "Service",
                "metadata": {"name": "x"},
                "spec": {"ports": [{"port": 80, "protocol": "TCP", "nodePort": 30080}]},
            },
            "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
        ),
        (
            {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}, "data": {"a/b": "x"}},
            'data[a/b]: Invalid value: "a/b": a valid config '
            "key must consist of alphanumeric characters, '-', '_' "
            "or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', "
            "regex used for validation is '[-._a-zA-Z0-9]+')",
        ),
        (
            {
                "apiVersion": "networking.k8s.io/v1",
                "kind": "Ingress",
                "metadata": {"name": "i"},
                "spec": {
                    "rules": [
                        {
                            "http": {
                                "paths": [
                                    {
                                        "path": "/",
                                        "backend": {"service": {"name": "s", "port": {"number": 80}}},
                                    }
                                ]
                            }
                        }
                    ]
                },
            },
            "spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified",
        ),
    ],
)
def test_causes_in_the_apiservers_words(obj, cause):
    assert cause in validate_object(obj, None, None)


def test_configmap_size_and_secret_types():
    big = {
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": {"name": "big"},
        "data": {"a": "x" * (1 << 20 + 1)},
    }
    assert validate_object(big, None, None) == ["[]: Too long: must have at most 1048576 bytes"]
    tls = {
        "apiVersion": "v1",
        "kind": "Secret",
        "metadata": {"name": "x"},
        "type": "kubernetes.io/tls",
        "data": {"a": "Yg=="},
    }
    assert validate_object(tls, None, None) == [
        "data[tls.crt]: Required value",
        "data[tls.key]: Required value",
    ]
    basic = {**tls, "type": "kubernetes.io/basic-auth"}
    assert validate_object(basic, None, None) == [
        "data[username]: Required value",
        "data[password]: Required value",
    ]
    assert validate_object({**basic, "data": {"password": ""}}, None, None) == []
    sa = {**tls, "type": "kubernetes.io/service-account-token"}
    assert validate_object(sa, None, None) == [
        "metadata.annotations[kubernetes.io/service-account.name]: Required value"
    ]


def test_selector_is_immutable_on_update():
    new = with_(DEPLOY, "spec.selector", {"matchLabels": {"app": "web", "v": "2"}})
    new["spec"]["template"]["metadata"]["labels"]["v"] = "2"
    assert validate_object(new, DEPLOY, None) == [
        "spec.selector: Invalid value: "
        '&v1.LabelSelector{MatchLabels:map[string]string{"app":"web", "v":"2"}, '
        "MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable"
    ]


def test_store_wraps_causes_and_changes_nothing():
    from k8stutor.api import errors
    from k8stutor.api.store import Store
    from k8stutor.clock import Clock

    store = Store(Clock(seed=0)) if "seed" in Clock.__init__.__code__.co_varnames else Store(Clock())
    bad = with_(DEPLOY, "spec.replicas", -1)
    with pytest.raises(errors.Invalid) as err:
        store.create(bad)
    assert err.value.kubectl_text().startswith('The Deployment "web" is invalid: ')
    assert "spec.replicas: Invalid value: -1" in err.value.kubectl_text()
    assert store.find("Deployment", "web") is None
