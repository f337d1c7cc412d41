"""Benchmark: a rolling update of 10, 1,000 and 10,000 replicas on the simulated cluster.

For each size: create a Deployment (nginx:1.14.2), let it become available, then time
``kubectl set image`` + ``kubectl rollout status`` (the whole rolling update: the Deployment,
ReplicaSet and endpoints controllers, the scheduler and the kubelet, over virtual time) in
wall-clock seconds.  Each size runs several times, each on a new cluster; the table shows the median
and the range.  Target: 10,000 replicas in under 2 s.

Usage: ``python bench/bench_rollout.py [SIZE ...] [--repeat N] [--profile]`` (default: 5 runs for
sizes up to 1,000, 3 above; ``--profile`` profiles one run of each size and prints where the time goes).
"""

from __future__ import annotations

import cProfile
import gc
import platform
import pstats
import statistics
import sys
import time

import k8stutor
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
    """(create + available, rolling update) wall seconds for ``n`` replicas on a new cluster."""
    gc.collect()  # the previous run's cluster (a cycle: its controllers point back at it) goes now, untimed
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


def _cell(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} ({min(values):.2f}-{max(values):.2f})"


def main(argv: list[str]) -> None:
    profile = "--profile" in argv
    repeat = None
    if "--repeat" in argv:
        at = argv.index("--repeat")
        repeat = int(argv[at + 1])
        argv = argv[:at] + argv[at + 2:]
    sizes = [int(a) for a in argv if a.isdigit()] or [10, 1_000, 10_000]
    print(f"k8stutor {k8stutor.__version__}, Python {platform.python_version()}; median (min-max) seconds")
    print(f"{'replicas':>9}  {'runs':>4}  {'create+available':>18}  {'rolling update':>18}")
    one(10)  # warm-up: imports, schemas, caches
    for n in sizes:
        runs = 1 if profile else repeat or (5 if n <= 1_000 else 3)
        results = [one(n, profile) for _ in range(runs)]
        creates, rollouts = [r[0] for r in results], [r[1] for r in results]
        print(f"{n:>9}  {runs:>4}  {_cell(creates):>18}  {_cell(rollouts):>18}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
