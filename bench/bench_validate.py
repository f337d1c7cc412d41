"""k8stutor's validator against kubernetes-validate (PyPI) on the website example corpus, in one run.

Measures, for both tools on the same files and the same machine:
  * warm throughput: files per second in one process, after a first pass (imports, schema loading);
  * cold start: wall time of one command-line run on a single file (median of several runs).

    python bench/bench_validate.py [--rounds 5] [--cold-runs 7] [--json]

kubernetes-validate is a bench-only dependency (``pip install kubernetes-validate``); it validates
each document with jsonschema against its strict v1.32 schemas (no line numbers, no apiserver
rules), so it does less work per file than k8stutor.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "kubernetes-website-examples"
sys.path.insert(0, str(REPO))


def corpus() -> list[tuple[str, bytes]]:
    return [(str(p.relative_to(CORPUS)), p.read_bytes()) for p in sorted(CORPUS.rglob("*.yaml"))]


def k8stutor_pass(files: list[tuple[str, bytes]]) -> int:
    from k8stutor.validation.validator import validate

    return sum(len(validate(data, name).errors) for name, data in files)


def kubernetes_validate_pass(files: list[tuple[str, bytes]]) -> int:
    import kubernetes_validate

    errors = 0
    for _name, data in files:
        try:
            docs = [d for d in yaml.safe_load_all(data) if d]
        except yaml.YAMLError:
            errors += 1
            continue
        for doc in docs:
            try:
                kubernetes_validate.validate(doc, "1.32", strict=True)
            except Exception:  # noqa: BLE001 - its errors: ValidationError, SchemaNotFoundError, KeyError...
                errors += 1
    return errors


SPREAD: dict[str, str] = {}


def warm(fn, files, rounds: int) -> tuple[float, int]:
    found = fn(files)  # warm-up: imports, schema loading, compiled regexes
    times = []
    for _ in range(rounds):
        t = time.perf_counter()
        fn(files)
        times.append(time.perf_counter() - t)
    SPREAD[fn.__name__] = f"{len(files) / max(times):.0f}-{len(files) / min(times):.0f}"
    return len(files) / statistics.median(times), found


def cold(argv: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(argv, capture_output=True, check=False)
        times.append(time.perf_counter() - t)
    SPREAD[argv[0]] = f"{min(times):.3f}-{max(times):.3f}"
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--cold-runs", type=int, default=7)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    files = corpus()
    ours, ours_errors = warm(k8stutor_pass, files, args.rounds)
    theirs, theirs_errors = warm(kubernetes_validate_pass, files, args.rounds)
    sample = str(CORPUS / "controllers" / "nginx-deployment.yaml")
    bindir = Path(sys.executable).parent
    ours_cli = (
        [str(bindir / "k8stutor"), "validate", sample]
        if (bindir / "k8stutor").exists()
        else [sys.executable, "-m", "k8stutor", "validate", sample]
    )
    kv = shutil.which("kubernetes-validate", path=str(bindir)) or "kubernetes-validate"
    theirs_cli = [kv, "--strict", "-k", "1.32.0", sample]
    cold_ours, cold_theirs = cold(ours_cli, args.cold_runs), cold(theirs_cli, args.cold_runs)
    result = {
        "files": len(files),
        "k8stutor_warm_files_per_s": round(ours, 1),
        "kubernetes_validate_warm_files_per_s": round(theirs, 1),
        "warm_speedup": round(ours / theirs, 1),
        "k8stutor_cold_cli_s": round(cold_ours, 3),
        "kubernetes_validate_cold_cli_s": round(cold_theirs, 3),
        "k8stutor_error_findings": ours_errors,
        "kubernetes_validate_failed_documents": theirs_errors,
        "python": sys.version.split()[0],
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return
    from k8stutor import __version__

    print(f"k8stutor {__version__}, Python {result['python']}; corpus: {len(files)} files ({CORPUS})")
    print(f"warm: median of {args.rounds} passes after a warm-up; cold: median of {args.cold_runs} runs")
    print(f"{'':28}{'k8stutor':>12}{'kubernetes-validate':>22}")
    print(f"{'warm files/s':28}{ours:>12.0f}{theirs:>22.0f}   ({ours / theirs:.1f}x)")
    print(f"{'  spread (files/s)':28}{SPREAD['k8stutor_pass']:>12}{SPREAD['kubernetes_validate_pass']:>22}")
    print(f"{'cold CLI start (s, median)':28}{cold_ours:>12.3f}{cold_theirs:>22.3f}")
    print(f"{'  spread (s)':28}{SPREAD[ours_cli[0]]:>12}{SPREAD[theirs_cli[0]]:>22}")
    print(f"{'errors found':28}{ours_errors:>12}{theirs_errors:>22}   (findings / failed documents)")


if __name__ == "__main__":
    main()
