"""Benchmark: scale the tutorial's StatefulSet from 0 to N replicas (default 1,000).

Runs both pod management policies on a fresh simulated cluster and reports the wall-clock and CPU time
the simulator needed, the virtual time until every Pod was Running and Ready, and the number of store writes.

    .venv/bin/python bench/bench_statefulset.py [--replicas 1000] [--policy OrderedReady|Parallel|both]
"""

from __future__ import annotations

import argparse
import json
import time

import yaml

from k8stutor import Cluster

STS = """\
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: web, namespace: default}
spec:
  serviceName: nginx
  replicas: 0
  podManagementPolicy: POLICY
  selector: {matchLabels: {app: nginx}}
  template:
    metadata: {labels: {app: nginx}}
    spec:
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.8
        ports: [{containerPort: 80, name: web}]
        volumeMounts: [{name: www, mountPath: /usr/share/nginx/html}]
  volumeClaimTemplates:
  - metadata: {name: www}
    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
"""


def ready_count(cluster: Cluster) -> int:
    sts = cluster.store.get("StatefulSet", "web")
    return int((sts.get("status") or {}).get("readyReplicas") or 0)


def run(policy: str, replicas: int) -> dict:
    cluster = Cluster(seed=0)
    cluster.store.create(yaml.safe_load(STS.replace("POLICY", policy)))
    cluster.settle()
    rev0, t0, wall0, cpu0 = (
        cluster.store.revision,
        cluster.clock.now,
        time.perf_counter(),
        time.process_time(),
    )
    cluster.kubectl(["patch", "sts", "web", "-p", json.dumps({"spec": {"replicas": replicas}})])
    step = 5.0
    while ready_count(cluster) < replicas:
        cluster.advance(step)
        if cluster.clock.now - t0 > 100_000:
            raise RuntimeError("did not converge")
    return {
        "policy": policy,
        "replicas": replicas,
        "wall_seconds": round(time.perf_counter() - wall0, 2),
        "cpu_seconds": round(time.process_time() - cpu0, 2),
        "virtual_seconds": cluster.clock.now - t0,
        "store_writes": cluster.store.revision - rev0,
        "pods": len(cluster.store.list("Pod", "default")),
        "claims": len(cluster.store.list("PersistentVolumeClaim", "default")),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicas", type=int, default=1000)
    parser.add_argument("--policy", default="both", choices=["OrderedReady", "Parallel", "both"])
    args = parser.parse_args()
    policies = ["Parallel", "OrderedReady"] if args.policy == "both" else [args.policy]
    keys = (
        "policy",
        "replicas",
        "wall_seconds",
        "cpu_seconds",
        "virtual_seconds",
        "store_writes",
        "pods",
        "claims",
    )
    header = ("policy", "replicas", "wall s", "cpu s", "virtual s", "writes", "pods", "claims")
    widths = (-14, 9, 9, 8, 11, 9, 7, 8)

    def line(cells: tuple) -> str:
        return "".join(f"{c!s:<{-w}}" if w < 0 else f"{c!s:>{w}}" for c, w in zip(cells, widths, strict=True))

    print(line(header))
    for policy in policies:
        r = run(policy, args.replicas)
        print(line(tuple(r[k] for k in keys)))


if __name__ == "__main__":
    main()
