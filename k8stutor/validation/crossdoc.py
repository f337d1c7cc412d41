"""Cross-object checks (warnings): what a file's objects say about each other, or about the
objects already in the simulated cluster.

* a Service whose selector selects no pod template (nor pod);
* an Ingress backend naming a Service, or a port of it, that does not exist;
* a StatefulSet whose serviceName has no headless Service.
"""

from __future__ import annotations

from typing import Any

from .report import Finding

_WORKLOADS = ("Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "ReplicationController", "Job")


def _d(x: Any) -> dict:
    return x if isinstance(x, dict) else {}


def _ns(obj: dict) -> str:
    ns = _d(obj.get("metadata")).get("namespace")
    return ns if isinstance(ns, str) and ns else "default"


def cross_document(checked: list, name: str, cluster: Any = None) -> list[Finding]:
    objs = [(c, c.obj) for c in checked if c.obj and c.stage not in ("reader", "mapping", "custom")]
    store_objs = _from_cluster(cluster)
    everything = [o for _, o in objs] + store_objs
    findings: list[Finding] = []
    for c, obj in objs:
        kind = obj.get("kind")
        if kind == "Service":
            findings += _service(c, obj, everything, name)
        elif kind == "Ingress":
            findings += _ingress(c, obj, everything, name)
        elif kind == "StatefulSet":
            findings += _statefulset(c, obj, everything, name)
    return findings


def _from_cluster(cluster: Any) -> list[dict]:
    if cluster is None:
        return []
    out: list[dict] = []
    store = getattr(cluster, "store", cluster)
    for kind in ("Service", "Pod") + _WORKLOADS:
        try:
            out.extend(store.list(kind, None))
        except Exception:  # noqa: BLE001 - a store without that kind simply has none
            continue
    return out


def _finding(c, path: tuple, message: str, hint: str | None, name: str, code: str) -> Finding:
    from .field import path_text

    line, col = c.document.position(c.prefix + path)
    meta = _d(c.obj.get("metadata"))
    return Finding(
        name,
        line,
        col,
        c.document.index,
        "warning",
        path_text(path),
        message,
        hint,
        c.obj.get("kind"),
        meta.get("name"),
        code,
    )


def _pod_label_sets(objs: list[dict], ns: str) -> list[dict]:
    out = []
    for o in objs:
        if _ns(o) != ns:
            continue
        if o.get("kind") == "Pod":
            out.append(_d(_d(o.get("metadata")).get("labels")))
        elif o.get("kind") in _WORKLOADS:
            out.append(_d(_d(_d(_d(o.get("spec")).get("template")).get("metadata")).get("labels")))
        elif o.get("kind") == "CronJob":
            jt = _d(_d(o.get("spec")).get("jobTemplate"))
            out.append(_d(_d(_d(_d(jt.get("spec")).get("template")).get("metadata")).get("labels")))
    return out


def _service(c, svc: dict, everything: list[dict], name: str) -> list[Finding]:
    selector = _d(_d(svc.get("spec")).get("selector"))
    if not selector:
        return []
    label_sets = _pod_label_sets(everything, _ns(svc))
    if not label_sets:
        return []  # nothing to compare with: the pods may come from elsewhere
    if any(all(labels.get(k) == v for k, v in selector.items()) for labels in label_sets):
        return []
    shown = ", ".join(f"{k}={v}" for k, v in sorted(selector.items()))
    return [
        _finding(
            c,
            ("spec", "selector"),
            f"the selector {shown} matches no pod template here: the Service would have no endpoints",
            "compare it with the pod template's labels",
            name,
            "selector-matches-nothing",
        )
    ]


def _services(everything: list[dict], ns: str) -> dict[str, dict]:
    return {
        _d(o.get("metadata")).get("name"): o
        for o in everything
        if o.get("kind") == "Service" and _ns(o) == ns
    }


def _ingress(c, ing: dict, everything: list[dict], name: str) -> list[Finding]:
    services = _services(everything, _ns(ing))
    if not services:
        return []
    out = []
    spec = _d(ing.get("spec"))
    backends = []
    if isinstance(spec.get("defaultBackend"), dict):
        backends.append((("spec", "defaultBackend"), spec["defaultBackend"]))
    for i, r in enumerate(spec.get("rules") or []):
        for j, p in enumerate(_d(_d(r).get("http")).get("paths") or []):
            backends.append((("spec", "rules", i, "http", "paths", j, "backend"), _d(_d(p).get("backend"))))
    for path, b in backends:
        svc_ref = _d(b.get("service"))
        sname = svc_ref.get("name")
        if not isinstance(sname, str):
            continue
        if sname not in services:
            out.append(
                _finding(
                    c,
                    path + ("service", "name"),
                    f'no Service "{sname}" in this file or the '
                    "cluster: the Ingress would answer 503 for this path",
                    "create the Service, or fix the name",
                    name,
                    "backend-missing",
                )
            )
            continue
        port = _d(svc_ref.get("port"))
        ports = [_d(p) for p in _d(services[sname].get("spec")).get("ports") or []]
        if "number" in port and port["number"] not in [p.get("port") for p in ports]:
            out.append(
                _finding(
                    c,
                    path + ("service", "port", "number"),
                    f'Service "{sname}" has no port {port["number"]}',
                    "use one of its ports: " + ", ".join(str(p.get("port")) for p in ports),
                    name,
                    "backend-port-missing",
                )
            )
        elif "name" in port and port["name"] not in [p.get("name") for p in ports]:
            out.append(
                _finding(
                    c,
                    path + ("service", "port", "name"),
                    f'Service "{sname}" has no port named "{port["name"]}"',
                    None,
                    name,
                    "backend-port-missing",
                )
            )
    return out


def _statefulset(c, sts: dict, everything: list[dict], name: str) -> list[Finding]:
    service_name = _d(sts.get("spec")).get("serviceName")
    if not isinstance(service_name, str) or not service_name:
        return []
    svc = _services(everything, _ns(sts)).get(service_name)
    if svc is None:
        return [
            _finding(
                c,
                ("spec", "serviceName"),
                f'no Service "{service_name}" in this file or the cluster: '
                "the pods get no stable DNS names until a headless Service of that name exists",
                "add a Service with clusterIP: None and that name",
                name,
                "headless-missing",
            )
        ]
    if _d(svc.get("spec")).get("clusterIP") != "None":
        return [
            _finding(
                c,
                ("spec", "serviceName"),
                f'Service "{service_name}" is not headless: the pods get no per-pod DNS names',
                "set clusterIP: None on that Service",
                name,
                "not-headless",
            )
        ]
    return []
