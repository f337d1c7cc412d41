"""``kubectl patch``: strategic merge, JSON merge (RFC 7386) and JSON patch (RFC 6902).

upstream: staging/src/k8s.io/kubectl/pkg/cmd/patch/patch.go (flags, messages, "patched (no change)"),
staging/src/k8s.io/apimachinery/pkg/util/strategicpatch/patch.go (merge keys from the API types'
patchMergeKey tags, ``$patch: replace|delete``, null deletes), github.com/evanphx/json-patch
(MergePatch, Patch ops add/remove/replace/move/copy/test).
"""

from __future__ import annotations

import copy

import yaml

from ...terminal.result import Result, fail
from .. import args as a
from ..cmdutil import guard

NAME = "patch"

# upstream: patchMergeKey tags of k8s.io/api (field name -> key), for lists under these names.
MERGE_KEYS = {
    "containers": "name",
    "initContainers": "name",
    "ephemeralContainers": "name",
    "volumes": "name",
    "volumeMounts": "mountPath",
    "volumeDevices": "devicePath",
    "env": "name",
    "imagePullSecrets": "name",
    "hostAliases": "ip",
    "topologySpreadConstraints": "topologyKey",
    "resourceClaims": "name",
    "ownerReferences": "uid",
    "conditions": "type",
    "readinessGates": "conditionType",
}
# containerPort keys container ports; a Service's ports merge on port.
PORT_KEYS = {"Service": "port"}


class PatchError(Exception):
    pass


# -- JSON merge patch (RFC 7386) -----------------------------------------------------------------------
def merge_patch(target: object, patch: object) -> object:
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    result = copy.deepcopy(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result


# -- strategic merge patch -----------------------------------------------------------------------------
def _merge_key(field: str, kind: str) -> str | None:
    if field == "ports":
        return PORT_KEYS.get(kind, "containerPort")
    return MERGE_KEYS.get(field)


def strategic_merge(target: object, patch: object, kind: str, field: str = "") -> object:
    if isinstance(patch, dict):
        if patch.get("$patch") == "replace":
            return {k: v for k, v in copy.deepcopy(patch).items() if k != "$patch"}
        if patch.get("$patch") == "delete":
            return None
        result = copy.deepcopy(target) if isinstance(target, dict) else {}
        for key, value in patch.items():
            if key.startswith("$"):
                continue
            if value is None:
                result.pop(key, None)
                continue
            merged = strategic_merge(result.get(key), value, kind, key)
            if merged is None:
                result.pop(key, None)
            else:
                result[key] = merged
        return result
    if isinstance(patch, list):
        key = _merge_key(field, kind)
        if key is None or not isinstance(target, list) or not all(isinstance(p, dict) for p in patch):
            return [p for p in copy.deepcopy(patch) if not (isinstance(p, dict) and p.get("$patch"))]
        return _merge_keyed_list(target, patch, key, kind, field)
    return copy.deepcopy(patch)


def _merge_keyed_list(target: list, patch: list, key: str, kind: str, field: str) -> list:
    """upstream: strategicpatch mergeSliceWithoutSpecialElements + normalizeElementOrder/mergeSortedSlice:
    patch items (merged with their originals) keep the patch's order, original-only items keep theirs,
    and the two are interleaved by the original positions."""
    for item in patch:
        if item.get("$patch") == "replace" and len(item) == 1:
            return [p for p in copy.deepcopy(patch) if p is not item]
        if key not in item:
            raise PatchError(f"map: {_go_map(item)} does not contain declared merge key: {key}")
    by_key = {t.get(key): t for t in target if isinstance(t, dict)}
    named = {item[key] for item in patch}
    merged = []
    for item in patch:
        if item.get("$patch") == "delete":
            continue
        original = by_key.get(item[key])
        merged.append(
            strategic_merge(original, item, kind, field)
            if original is not None
            else {k: v for k, v in item.items() if v is not None}
        )
    server_only = [copy.deepcopy(t) for t in target if not (isinstance(t, dict) and t.get(key) in named)]
    order = [t.get(key) if isinstance(t, dict) else None for t in target]

    def position(item: object) -> int:
        value = item.get(key) if isinstance(item, dict) else None
        return order.index(value) if value in order else -1

    out, i, j = [], 0, 0
    while i < len(server_only) or j < len(merged):
        if j >= len(merged) or (i < len(server_only) and 0 <= position(server_only[i]) < position(merged[j])):
            out.append(server_only[i])
            i += 1
        else:
            out.append(merged[j])
            j += 1
    return out


def _go_map(d: dict) -> str:
    return "map[" + " ".join(f"{k}:{v}" for k, v in sorted(d.items())) + "]"


# -- JSON patch (RFC 6902) -----------------------------------------------------------------------------
# upstream: github.com/evanphx/json-patch (v5, as kubectl v1.32 vendors it): error texts below.
def _pointer(op: str, path: str) -> list[str]:
    if path == "":
        return []
    if not path.startswith("/"):
        raise PatchError(f'{op} operation does not apply: doc is missing path: "{path}": missing value')
    return [p.replace("~1", "/").replace("~0", "~") for p in path[1:].split("/")]


def _parent(doc: object, op: str, path: str) -> tuple[object, str]:
    parts = _pointer(op, path)
    cur = doc
    for part in parts[:-1]:
        if isinstance(cur, dict) and part in cur:
            cur = cur[part]
        elif isinstance(cur, list) and part.isdigit() and int(part) < len(cur):
            cur = cur[int(part)]
        else:
            quoted = path if op == "replace" else f'"{path}"'
            raise PatchError(f"{op} operation does not apply: doc is missing path: {quoted}: missing value")
    return cur, parts[-1] if parts else ""


def _bad_index(op: str, path: str, last: str) -> PatchError:
    return PatchError(
        f"error in {op} for path: '{path}': Unable to access invalid index: {last}: invalid index referenced"
    )


def _take(doc: object, op: str, path: str, label: str) -> object:
    holder, last = _parent(doc, op, path)
    if isinstance(holder, list):
        if not last.isdigit() or int(last) >= len(holder):
            raise _bad_index(op, path, last)
        return holder.pop(int(last))
    if not isinstance(holder, dict) or last not in holder:
        raise PatchError(
            f"error in {op} for path: '{label}': Unable to remove nonexistent key: {last}: missing value"
        )
    return holder.pop(last)


def _put(doc: object, op: str, path: str, value: object, insert: bool = True) -> None:
    holder, last = _parent(doc, op, path)
    if isinstance(holder, list):
        if last == "-" and insert:
            holder.append(value)
        elif last.isdigit() and int(last) <= len(holder) - (0 if insert else 1):
            if insert:
                holder.insert(int(last), value)
            else:
                holder[int(last)] = value
        else:
            raise _bad_index(op, path, last)
    elif isinstance(holder, dict):
        holder[last] = value
    else:
        raise PatchError(f'{op} operation does not apply: doc is missing path: "{path}": missing value')


def json_patch(doc: object, ops: list) -> object:
    doc = copy.deepcopy(doc)
    for op in ops:
        kind = op.get("op", "") if isinstance(op, dict) else ""
        path = op.get("path", "") if isinstance(op, dict) else ""
        if kind in ("add", "replace") and not path:
            doc = copy.deepcopy(op.get("value"))
        elif kind == "add":
            _put(doc, kind, path, copy.deepcopy(op.get("value")))
        elif kind == "replace":
            _put(doc, kind, path, copy.deepcopy(op.get("value")), insert=False)
        elif kind == "remove":
            _take(doc, kind, path, path)
        elif kind in ("move", "copy"):
            source = op.get("from", "")
            if kind == "move":
                value = _take(doc, kind, source, source.rsplit("/", 1)[-1])
            else:
                holder, last = _parent(doc, kind, source)
                value = copy.deepcopy(holder[int(last)] if isinstance(holder, list) else holder.get(last))
            _put(doc, kind, path, value)
        elif kind == "test":
            holder, last = _parent(doc, kind, path)
            current = holder[int(last)] if isinstance(holder, list) else (holder or {}).get(last)
            if current != op.get("value"):
                raise PatchError(f"testing value {path} failed: test failed")
        else:
            raise PatchError(f"Unexpected kind: {kind}")
    return doc


# -- the verb --------------------------------------------------------------------------------------------
FLAGS = a.flags(
    a.FILENAME,
    a.OUTPUT,
    a.DRY_RUN,
    a.RECURSIVE,
    a.Flag("patch", "p"),
    a.Flag("patch-file"),
    a.Flag("type", default="strategic"),
    a.Flag("local", kind="bool", default=False),
    a.Flag("subresource"),
    a.Flag("field-manager", default="kubectl-patch"),
    a.Flag("allow-missing-template-keys", kind="bool", default=True),
    a.Flag("show-managed-fields", kind="bool", default=False),
    a.Flag("template"),
)


def _apply(kind: str, patch_type: str, current: dict, patch: object, text: str) -> dict | Result:
    if patch_type == "json":
        if not isinstance(patch, list):
            return fail("error: json: cannot unmarshal object into Go value of type jsonpatch.Patch")
        return json_patch(current, patch)
    if not isinstance(patch, dict):
        return fail("error: invalid JSON document")
    if patch_type == "merge":
        return merge_patch(current, patch)
    return strategic_merge(current, patch, kind)


@guard
def run(cluster, argv: list[str], stdin: str = "") -> Result:
    parsed = a.parse("patch", argv, FLAGS)
    patch_type = str(parsed["type"])
    if patch_type not in ("json", "merge", "strategic"):
        return fail(f'error: --type must be one of [json merge strategic], not "{patch_type}"')
    text = parsed.get("patch")
    if text is None and parsed.get("patch-file"):
        try:
            text = cluster.read_file(str(parsed["patch-file"])).decode()
        except FileNotFoundError:
            return fail(
                f"error: unable to read patch file: open {parsed['patch-file']}: no such file or directory"
            )
    if not text:
        return fail("error: must specify --patch or --patch-file containing the contents of the patch")
    res = a.resource_args(parsed.args)
    if not res.requests or not res.requests[0][1]:
        return fail(
            "error: You must provide one or more resources by argument or filename.\n"
            "Example resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n"
            "   '<resource> <name>'\n   '<resource>'"
        )
    try:
        patch = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        return fail(f'error: unable to parse "{text}": yaml: {str(exc).splitlines()[0]}')
    ns = a.namespace_of(parsed)
    out = ""
    for kind, names in res.requests:
        for name in names:
            current = cluster.store.get(kind.kind, name, ns)
            try:
                new = _apply(kind.kind, patch_type, current, patch, text)
            except PatchError as exc:
                prefix = "The request is invalid" if patch_type == "json" else "Error from server"
                return fail(f"{prefix}: {exc}")
            if isinstance(new, Result):
                return new
            new.setdefault("metadata", {})["resourceVersion"] = current["metadata"]["resourceVersion"]
            stored = cluster.store.update(new)
            out += f"{kind.qualified}/{name} patched{' (no change)' if stored is current else ''}\n"
    return Result(stdout=out)
