"""Benchmark of the Services chapter's machinery (wall-clock time; run: python bench/bench_services.py).

Reports:
1. ``Cluster()`` (what `minikube start` leaves), and the whole 01-services chapter's commands.
2. With 10, 100, 1,000 and 10,000 ready pods behind one NodePort Service: the time to bring them up
   (create + kubelet + endpoints), one ``curl`` through the NodePort, and one ``kubectl get po``.
Numbers vary by machine; the simulation itself is deterministic (same seed, same output).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from k8stutor import Cluster  # noqa: E402


def timed(fn, repeat: int = 1) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def chapter() -> None:
    """The chapter's commands through the magics' functions (as the notebook runs them)."""
    from k8stutor import notebook as nb

    book = json.loads((ROOT / "notebooks" / "01-services.ipynb").read_text(encoding="utf-8"))
    nb.reset(0)
    for cell in book["cells"]:
        if cell["cell_type"] != "code":
            continue
        src = "".join(cell["source"])
        if src.startswith("%load_ext"):
            continue
        if src.startswith("%%"):
            head, _, body = src.partition("\n")
            name, _, arg = head[2:].partition(" ")
            getattr(nb, name)(arg, body) if name == "manifest" else getattr(nb, name)(body)
        else:
            name, _, arg = src[1:].partition(" ")
            getattr(nb, name)(arg)


def pods_behind_service(n: int) -> dict:
    c = Cluster()
    c.store.create(
        {
            "apiVersion": "v1",
            "kind": "Service",
            "metadata": {"name": "web"},
            "spec": {
                "type": "NodePort",
                "selector": {"app": "web"},
                "ports": [{"port": 80, "nodePort": 30080}],
            },
        }
    )
    t0 = time.perf_counter()
    for i in range(n):
        c.store.create(
            {
                "apiVersion": "v1",
                "kind": "Pod",
                "metadata": {"name": f"web-{i:05d}", "labels": {"app": "web"}},
                "spec": {"containers": [{"name": "nginx", "image": "nginx:1.27"}]},
            }
        )
    c.advance("60s")
    up = time.perf_counter() - t0
    ready = sum(1 for a in (c.store.get("Endpoints", "web").get("subsets") or [{}])[0].get("addresses") or [])
    assert ready == n, (ready, n)
    curl = timed(lambda: c.curl("-s -o /dev/null http://192.168.49.2:30080/"), repeat=5)
    get = timed(lambda: c.kubectl("get po"), repeat=3 if n <= 1000 else 1)
    return {"pods": n, "bring_up_s": round(up, 3), "curl_s": round(curl, 5), "get_po_s": round(get, 4)}


def main() -> int:
    sizes = [int(a) for a in sys.argv[1:]] or [10, 100, 1000, 10000]
    chapter()  # warm-up: first imports of the kubectl verbs, printers and validator
    results = {
        "cluster_s": round(timed(Cluster, repeat=3), 4),
        "chapter_s": round(timed(chapter, repeat=3), 3),
        "pods_behind_one_service": [pods_behind_service(n) for n in sizes],
    }
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
