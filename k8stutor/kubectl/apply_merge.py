"""Client-side apply's three-way merge: last-applied (original), the file (modified), the live object.

upstream: staging/src/k8s.io/kubectl/pkg/cmd/apply/patcher.go (CreateThreeWayMergePatch of original,
modified and current) and staging/src/k8s.io/apimachinery/pkg/util/strategicpatch/patch.go.  The rules:
a field the file sets wins; a field the last apply set and the file no longer has is removed; a field
neither ever set (``clusterIP``, ``nodePort``, defaults) is kept.  Lists with a merge key (containers by
``name``, container ports by ``containerPort``, Service ports by ``port``, ...) merge element by element;
other lists are replaced whole.
"""

from __future__ import annotations

import copy
import json

LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration"

# upstream: the patchMergeKey tags of k8s.io/api/core/v1/types.go and apps/v1/types.go
MERGE_KEYS: dict[str, str] = {
    "containers": "name",
    "initContainers": "name",
    "ephemeralContainers": "name",
    "env": "name",
    "volumes": "name",
    "volumeMounts": "mountPath",
    "volumeDevices": "devicePath",
    "imagePullSecrets": "name",
    "hostAliases": "ip",
    "topologySpreadConstraints": "topologyKey",
    "conditions": "type",
    "ownerReferences": "uid",
    "resourceClaims": "name",
}


def _merge_key(field: str, path: tuple[str, ...]) -> str | None:
    if field == "ports":
        # container ports merge on containerPort, a Service's ports on port (types.go patchMergeKey)
        return "containerPort" if "containers" in path or "initContainers" in path else "port"
    return MERGE_KEYS.get(field)


def last_applied_json(obj: dict) -> str:
    """The annotation's value: the object as applied, minus the annotation (GetModifiedConfiguration).

    An object without annotations gets ``"annotations":{}``, as kubectl's unstructured SetAnnotations
    leaves an empty map there.
    """
    obj = copy.deepcopy(obj)
    annotations = dict(obj.setdefault("metadata", {}).get("annotations") or {})
    annotations.pop(LAST_APPLIED, None)
    obj["metadata"]["annotations"] = annotations
    return go_compact_json(obj) + "\n"


def go_compact_json(obj: object) -> str:
    text = json.dumps(obj, separators=(",", ":"), sort_keys=True, ensure_ascii=False)
    for a, b in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(a, b)
    return text


def with_last_applied(obj: dict) -> dict:
    """The object kubectl sends: the file's object plus the last-applied annotation."""
    value = last_applied_json(obj)
    out = drop_nulls(obj)
    meta = out.setdefault("metadata", {})
    meta["annotations"] = {**(meta.get("annotations") or {}), LAST_APPLIED: value}
    return out


def drop_nulls(value):
    """What the apiserver keeps of explicit nulls: nothing (a null decodes to Go's zero value, omitted)."""
    if isinstance(value, dict):
        return {k: drop_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [drop_nulls(v) for v in value]
    return value


def original_of(live: dict) -> dict:
    text = ((live.get("metadata") or {}).get("annotations") or {}).get(LAST_APPLIED)
    if not text:
        return {}
    try:
        loaded = json.loads(text)
    except ValueError:
        return {}
    return loaded if isinstance(loaded, dict) else {}


def three_way(original: dict, modified: dict, current: dict) -> dict:
    """The live object after the patch: ``merge(original, modified, current)`` of whole objects."""
    return _merge_map(original or {}, modified, copy.deepcopy(current), ())


def _merge_map(original: dict, modified: dict, current: dict, path: tuple[str, ...]) -> dict:
    out = dict(current)
    for key in original:
        if key not in modified:
            out.pop(key, None)  # the last apply set it, this one does not: delete
    for key, mval in modified.items():
        if mval is None:
            out.pop(key, None)
            continue
        oval, cval = original.get(key), current.get(key)
        if isinstance(mval, dict) and isinstance(cval, dict):
            out[key] = _merge_map(oval if isinstance(oval, dict) else {}, mval, cval, (*path, key))
        elif isinstance(mval, list) and isinstance(cval, list) and _merge_key(key, path):
            mk = _merge_key(key, path)
            out[key] = _merge_list(oval if isinstance(oval, list) else [], mval, cval, mk, (*path, key))
        else:
            out[key] = copy.deepcopy(mval)
    return out


def _merge_list(original: list, modified: list, current: list, key: str, path: tuple[str, ...]) -> list:
    def k(item: object) -> object:
        return item.get(key) if isinstance(item, dict) else item

    if not all(isinstance(i, dict) and key in i for i in modified):
        return copy.deepcopy(modified)
    orig = {k(i): i for i in original if isinstance(i, dict)}
    cur = {k(i): i for i in current if isinstance(i, dict)}
    mod_keys = {k(i) for i in modified}
    out = []
    for item in modified:
        c = cur.get(k(item))
        if isinstance(c, dict):
            o = orig.get(k(item))
            out.append(_merge_map(o if isinstance(o, dict) else {}, item, copy.deepcopy(c), path))
        else:
            out.append(copy.deepcopy(item))
    # items someone else added (never in a last apply) stay; items the last apply had are deleted
    out.extend(copy.deepcopy(i) for i in current if k(i) not in mod_keys and k(i) not in orig)
    return out
