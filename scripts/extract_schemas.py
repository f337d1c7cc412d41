#!/usr/bin/env python3
"""Extract the strict JSON schemas of the reference Kubernetes version into the package.

The schemas come from the PyPI package ``kubernetes-validate`` (Apache-2.0), which ships
JSON schemas generated from the official Kubernetes OpenAPI document for each version.
This script keeps what the validator needs for ``KUBERNETES_MINOR`` (k8stutor/version.py):
the definitions reachable from every served kind, without descriptions, in a compact form,
and writes them gzipped with their provenance to ``k8stutor/validation/schemas/v<minor>/``.

Run it again after changing the reference version:  ``python scripts/extract_schemas.py``
(needs ``pip install kubernetes-validate``; the package is not a runtime dependency).

Compact node forms (read by k8stutor/validation/schema.py):
  {"$": name}                         reference to a definition
  {"t": "object", "p": {...}, "r": [...], "ap": node | False}
                                      properties, required, additionalProperties (False = strict;
                                      absent = any key allowed)
  {"t": "array", "i": node}           items
  {"t": "string" | "integer" | "number" | "boolean", "f": format}
  {"t": "int-or-string"} / {"t": "quantity"}
  {}                                  any value
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.metadata
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from k8stutor.version import KUBERNETES_MINOR  # noqa: E402

PACKAGE = "kubernetes-validate"
INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString"
QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity"
REF_PREFIX = "#/$defs/"


def source_dir() -> Path:
    import kubernetes_validate

    base = Path(kubernetes_validate.__file__).parent / "kubernetes-json-schema"
    matches = sorted(base.glob(f"v{KUBERNETES_MINOR}.*-local-strict"))
    if not matches:
        raise SystemExit(f"{PACKAGE} has no strict schemas for {KUBERNETES_MINOR}")
    return matches[-1]


def compact(node: dict) -> dict:
    """One schema node without descriptions, in the short form the walker reads."""
    if "$ref" in node:
        name = node["$ref"].split("/")[-1]
        if name == INT_OR_STRING:
            return {"t": "int-or-string"}
        if name == QUANTITY:
            return {"t": "quantity"}
        return {"$": name}
    types = node.get("type")
    if isinstance(types, list):
        types = [t for t in types if t != "null"]
        types = types[0] if len(types) == 1 else None
    out: dict = {}
    if types:
        out["t"] = types
    if "format" in node:
        out["f"] = node["format"]
    if "properties" in node:
        out["p"] = {k: compact(v) for k, v in sorted(node["properties"].items())}
        out.setdefault("t", "object")
    if node.get("required"):
        out["r"] = sorted(node["required"])
    if "additionalProperties" in node:
        ap = node["additionalProperties"]
        out["ap"] = False if ap is False else compact(ap) if isinstance(ap, dict) else ap
        out.setdefault("t", "object")
    if "items" in node:
        out["i"] = compact(node["items"])
    if "enum" in node:
        out["e"] = node["enum"]
    return out


def refs_of(node: dict) -> set[str]:
    found: set[str] = set()
    stack = [node]
    while stack:
        n = stack.pop()
        if "$" in n:
            found.add(n["$"])
        stack.extend(n.get("p", {}).values())
        for key in ("i", "ap"):
            if isinstance(n.get(key), dict):
                stack.append(n[key])
    return found


def build() -> tuple[bytes, dict, int, int]:
    """(gzipped schemas, provenance, number of kinds, number of definitions)."""
    src = source_dir()
    defs_file = src / "_definitions.json"
    raw = json.loads(defs_file.read_text())["$defs"]
    compacted = {name: compact(d) for name, d in raw.items()}
    kinds: dict[str, str] = {}
    for name, d in sorted(raw.items()):
        for gvk in d.get("x-kubernetes-group-version-kind", []):
            api_version = f"{gvk['group']}/{gvk['version']}" if gvk["group"] else gvk["version"]
            kinds[f"{api_version}/{gvk['kind']}"] = name
    # Keep every definition reachable from a kind (alpha/beta included: the served-version
    # table in apiversions.py decides what a v1.32 apiserver accepts).
    keep: set[str] = set()
    todo = list(kinds.values())
    while todo:
        name = todo.pop()
        if name in keep or name not in compacted:
            continue
        keep.add(name)
        todo.extend(refs_of(compacted[name]))
    version = importlib.metadata.version(PACKAGE)
    provenance = {
        "package": PACKAGE,
        "package_version": version,
        "homepage": "https://github.com/willthames/kubernetes-validate",
        "license": "Apache-2.0",
        "source_files": [f"kubernetes_validate/kubernetes-json-schema/{src.name}/_definitions.json"],
        "source_sha256": hashlib.sha256(defs_file.read_bytes()).hexdigest(),
        "generated_from": "the official Kubernetes OpenAPI (swagger) document of " + src.name.split("-")[0],
        "kubernetes_minor": KUBERNETES_MINOR,
        "generator": "scripts/extract_schemas.py",
    }
    doc = {"provenance": provenance, "kinds": kinds, "defs": {k: compacted[k] for k in sorted(keep)}}
    payload = json.dumps(doc, separators=(",", ":"), sort_keys=True).encode()
    # mtime=0 keeps the file byte-identical between runs.
    return gzip.compress(payload, 9, mtime=0), provenance, len(kinds), len(keep)


def main() -> None:
    data, provenance, n_kinds, n_defs = build()
    out_dir = ROOT / "k8stutor" / "validation" / "schemas" / f"v{KUBERNETES_MINOR}"
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "schemas.json.gz").write_bytes(data)
    (out_dir / "provenance.json").write_text(json.dumps(provenance, indent=2, sort_keys=True) + "\n")
    print(f"{n_kinds} kinds, {n_defs} definitions, {len(data)} bytes gzipped -> {out_dir}")


if __name__ == "__main__":
    main()
