"""Run every check of `make test`, each even when an earlier one failed, then say which failed.

1. ruff over the repository
2. pytest tests/: the package's tests and the pipeline's (site build --strict, links and anchors,
   no request leaving the site, workflow schema, browser, Binder replay, planted faults)
3. pytest --nbval notebooks/: every notebook re-run, every output compared strictly
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def steps(workers: int) -> list[tuple[str, list[str]]]:
    par = ["-n", str(workers)] if workers > 1 else []
    out = [
        ("ruff", [str(BIN / "ruff"), "check", "."]),
        ("pytest tests/", [sys.executable, "-m", "pytest", "tests", *par, "--dist", "loadfile"]),
    ]
    notebooks = sorted((ROOT / "notebooks").glob("*.ipynb"))
    if notebooks:
        nbval = [sys.executable, "-m", "pytest", "--nbval", "--nbval-current-env", "-p", "no:cacheprovider",
                 "--nbval-cell-timeout", "300", *par, "--dist", "loadfile"]
        sanitize = ROOT / "tests" / "nbval_sanitize.cfg"
        if sanitize.exists():
            nbval += ["--nbval-sanitize-with", str(sanitize.relative_to(ROOT))]
        out.append(("nbval notebooks/", nbval + [str(p.relative_to(ROOT)) for p in notebooks]))
    else:
        print("no notebooks in notebooks/: nbval step skipped")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    results = []
    for name, cmd in steps(args.workers):
        print(f"\n==== {name}: {' '.join(cmd[1:] if cmd[0] == sys.executable else cmd)}", flush=True)
        start = time.monotonic()
        code = subprocess.call(cmd, cwd=ROOT)
        results.append((name, code, time.monotonic() - start))
    print("\n==== summary")
    for name, code, seconds in results:
        print(f"{'ok  ' if code == 0 else 'FAIL'} {name} ({seconds:.0f} s, exit {code})")
    failed = sum(1 for _, code, _ in results if code != 0)
    print(f"total {sum(s for _, _, s in results):.0f} s")
    print(f"checks: {len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
