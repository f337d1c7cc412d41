"""``kubectl expose TYPE NAME [--port] [--target-port] [--type] [--name] [--protocol]``: a Service for it.

upstream: staging/src/k8s.io/kubectl/pkg/cmd/expose/expose.go and generate/versioned/service.go (the
selector from the pod's labels or the workload's selector; ports from --port or the containers' ports,
named port-1, port-2 when there are several; targetPort defaults to the port; "service/NAME exposed").
"""

from __future__ import annotations

from ...api import errors
from ...terminal.result import Result
from ..args import DRY_RUN, OUTPUT, ArgError, Flag, flags, namespace_of, parse, resource_args
from ..cmdutil import api_error_text, guard
from ..output import go_json, go_yaml
from .apply import dry_run_mode

NAME = "expose"

SPEC = flags(
    OUTPUT,
    DRY_RUN,
    Flag("port", default=""),
    Flag("target-port", default=""),
    Flag("protocol", default=""),
    Flag("type", default=""),
    Flag("name", default=""),
    Flag("external-ip", default=""),
    Flag("labels", "l", default=""),
    Flag("selector", default=""),
    Flag("session-affinity", default=""),
    Flag("cluster-ip", default=""),
    Flag("filename", "f", kind="array", default=[]),
    Flag("load-balancer-ip", default=""),
)
EXPOSABLE = ("Pod", "Service", "ReplicationController", "Deployment", "ReplicaSet")
USAGE = "\nSee 'kubectl expose -h' for help and examples"


def _selector(obj: dict) -> dict:
    kind, spec = obj["kind"], obj.get("spec") or {}
    if kind == "Pod":
        return dict(obj["metadata"].get("labels") or {})
    if kind in ("Service", "ReplicationController"):
        return dict(spec.get("selector") or {})
    sel = spec.get("selector") or {}
    if sel.get("matchExpressions"):
        raise ArgError(
            "error: couldn't convert expressions - \""
            + str(sel["matchExpressions"])
            + '" to map-based selector format'
            + USAGE
        )
    return dict(sel.get("matchLabels") or {})


def _ports(obj: dict) -> list[dict]:
    if obj["kind"] == "Service":
        return [
            {"port": p.get("port"), "protocol": p.get("protocol", "TCP")}
            for p in obj["spec"].get("ports") or []
        ]
    pod_spec = obj.get("spec") or {}
    if obj["kind"] != "Pod":
        pod_spec = (pod_spec.get("template") or {}).get("spec") or {}
    return [
        {"port": p.get("containerPort"), "protocol": p.get("protocol", "TCP")}
        for c in pod_spec.get("containers") or []
        for p in c.get("ports") or []
    ]


@guard
def run(cluster, argv: list[str], stdin: str = "") -> Result:
    p = parse(NAME, argv, SPEC)
    if not p.args:
        from .delete import NO_RESOURCES

        raise ArgError(NO_RESOURCES)
    (k, names), *_ = resource_args(p.args).requests or [(None, [])]
    if k is None or not names:
        raise ArgError("error: resource(s) were provided, but no name was specified" + USAGE)
    if k.kind not in EXPOSABLE:
        raise ArgError(f"error: cannot expose a {k.kind}")
    ns = namespace_of(p)
    obj = cluster.store.get(k.kind, names[0], ns)
    selector = _selector(obj)
    if p["selector"]:
        selector = dict(kv.split("=", 1) for kv in p["selector"].split(",") if "=" in kv)
    if p["port"]:
        try:
            ports = [{"port": int(p["port"]), "protocol": p["protocol"] or "TCP"}]
        except ValueError:
            raise ArgError(f'error: strconv.Atoi: parsing "{p["port"]}": invalid syntax') from None
    else:
        ports = _ports(obj)
        if not ports:
            raise ArgError("error: couldn't find port via --port flag or introspection" + USAGE)
    for i, port in enumerate(ports):
        target = p["target-port"] or port["port"]
        port["targetPort"] = int(target) if str(target).isdigit() else target
        if len(ports) > 1:
            port["name"] = f"port-{i + 1}"
    name = p["name"] or names[0]
    labels = dict(obj["metadata"].get("labels") or {})
    if p["labels"]:
        labels = dict(kv.split("=", 1) for kv in p["labels"].split(",") if "=" in kv)
    spec: dict = {"ports": ports, "selector": selector}
    if p["type"]:
        spec["type"] = p["type"]
    if p["external-ip"]:
        spec["externalIPs"] = [p["external-ip"]]
    if p["session-affinity"]:
        spec["sessionAffinity"] = p["session-affinity"]
    if p["cluster-ip"]:
        spec["clusterIP"] = p["cluster-ip"]
    meta: dict = {"name": name, "namespace": ns}
    if labels:
        meta["labels"] = labels
    svc = {"apiVersion": "v1", "kind": "Service", "metadata": meta, "spec": spec}
    dry = dry_run_mode(p)
    if dry == "none":
        try:
            svc = cluster.store.create(svc)
        except errors.ApiError as exc:
            return Result("", api_error_text(exc) + "\n", 1)
    else:  # the generated object as kubectl prints it: no namespace, a null timestamp, empty status
        keep = {k: v for k, v in meta.items() if k != "namespace" or "namespace" in p.explicit}
        svc = {**svc, "metadata": {"creationTimestamp": None, **keep}, "status": {"loadBalancer": {}}}
    if p["output"] in ("yaml", "json"):
        return Result(go_yaml(svc) if p["output"] == "yaml" else go_json(svc))
    suffix = {"client": " (dry run)", "server": " (server dry run)"}.get(dry, "")
    return Result(f"service/{name} exposed{suffix}\n")
