"""Benchmark: a rolling update of 10, 1,000 and 10,000 replicas on the simulated cluster.

For each size: create a Deployment (nginx:1.14.2), let it become available, then time
``kubectl set image`` + ``kubectl rollout status`` (the whole rolling update: the Deployment,
ReplicaSet and endpoints controllers and the kubelet, over virtual time) in wall-clock seconds.
Target: 10,000 replicas in under 2 s.  Usage: ``python bench/bench_rollout.py [SIZE ...] [--profile]``.
"""

from __future__ import annotations

import cProfile
import pstats
import sys
import time

from k8stutor import Cluster

MANIFEST = """apiVersion: apps/v1
kind: Deployment
metadata:
  name: bench
spec:
  replicas: {n}
  selector:
    matchLabels:
      app: bench
  template:
    metadata:
      labels:
        app: bench
    spec:
      containers:
      - name: nginx
        image: nginx:1.14.2
"""


def one(n: int, profile: bool = False) -> tuple[float, float]:
    c = Cluster()
    c.write_file("bench.yaml", MANIFEST.format(n=n))
    t0 = time.perf_counter()
    assert c.kubectl("apply -f bench.yaml").ok
    assert c.kubectl("rollout status deploy/bench --timeout=1h").ok
    create = time.perf_counter() - t0
    prof = cProfile.Profile() if profile else None
    t0 = time.perf_counter()
    if prof:
        prof.enable()
    assert c.kubectl("set image deploy/bench nginx=nginx:1.16.1").ok
    r = c.kubectl("rollout status deploy/bench --timeout=1h")
    if prof:
        prof.disable()
    rollout = time.perf_counter() - t0
    assert r.ok, str(r)
    if prof:
        pstats.Stats(prof).sort_stats("cumulative").print_stats(25)
    return create, rollout


def main(argv: list[str]) -> None:
    profile = "--profile" in argv
    sizes = [int(a) for a in argv if a.isdigit()] or [10, 1_000, 10_000]
    print(f"{'replicas':>9}  {'create+available (s)':>21}  {'rolling update (s)':>19}")
    for n in sizes:
        create, rollout = one(n, profile)
        print(f"{n:>9}  {create:>21.2f}  {rollout:>19.2f}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
