"""StatefulSet helpers: identities, claims, revisions, pod predicates.

upstream: pkg/controller/statefulset/stateful_set_utils.go (getParentNameAndOrdinal, identityMatches,
storageMatches, getPersistentVolumeClaims, updateStorage, initIdentity/updateIdentity, newStatefulSetPod,
newVersionedStatefulSetPod, getPatch, newRevision, ApplyRevision, completeRollingUpdate,
updateClaimOwnerRefForSetAndPod), pkg/controller/history/controller_history.go (HashControllerRevision,
ControllerRevisionName), pkg/controller/controller_utils.go (GetPodFromTemplate).
"""

from __future__ import annotations

import copy
import functools
import json
import re

POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name"
POD_INDEX_LABEL = "apps.kubernetes.io/pod-index"
REVISION_LABEL = "controller-revision-hash"
HASH_LABEL = "controller.kubernetes.io/hash"
_STATEFUL_POD = re.compile(r"^(.*)-([0-9]+)$")
# upstream: staging/src/k8s.io/apimachinery/pkg/util/rand/rand.go
_ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789"


# -- identity -------------------------------------------------------------------------------------------
def parent_and_ordinal(pod: dict) -> tuple[str, int]:
    return _parse_name(pod["metadata"]["name"])


@functools.lru_cache(maxsize=65536)
def _parse_name(name: str) -> tuple[str, int]:
    m = _STATEFUL_POD.match(name)
    if not m or len(m.group(2)) > 10 or int(m.group(2)) > 2**31 - 1:
        return "", -1
    return m.group(1), int(m.group(2))


def ordinal(pod: dict) -> int:
    return parent_and_ordinal(pod)[1]


def pod_name(sts: dict, ordinal_: int) -> str:
    return f"{sts['metadata']['name']}-{ordinal_}"


def claim_name(sts: dict, template: dict, ordinal_: int) -> str:
    return f"{template['metadata']['name']}-{sts['metadata']['name']}-{ordinal_}"


def start_ordinal(sts: dict) -> int:
    return int(((sts["spec"].get("ordinals") or {}).get("start")) or 0)


def end_ordinal(sts: dict) -> int:
    return start_ordinal(sts) + int(sts["spec"]["replicas"]) - 1


def in_ordinal_range(sts: dict, pod: dict) -> bool:
    return start_ordinal(sts) <= ordinal(pod) <= end_ordinal(sts)


def is_member_of(sts: dict, pod: dict) -> bool:
    return parent_and_ordinal(pod)[0] == sts["metadata"]["name"]


def identity_matches(sts: dict, pod: dict) -> bool:
    parent, ord_ = parent_and_ordinal(pod)
    meta = pod["metadata"]
    return (
        ord_ >= 0
        and parent == sts["metadata"]["name"]
        and meta["name"] == pod_name(sts, ord_)
        and meta.get("namespace") == sts["metadata"].get("namespace")
        and (meta.get("labels") or {}).get(POD_NAME_LABEL) == meta["name"]
    )


def update_identity(sts: dict, pod: dict) -> None:
    ord_ = ordinal(pod)
    meta = pod["metadata"]
    meta["name"] = pod_name(sts, ord_)
    meta["namespace"] = sts["metadata"].get("namespace", "default")
    labels = meta.setdefault("labels", {})
    labels[POD_NAME_LABEL] = meta["name"]
    labels[POD_INDEX_LABEL] = str(ord_)  # PodIndexLabel is beta and on in v1.32


# -- storage --------------------------------------------------------------------------------------------
def claims_for(sts: dict, pod: dict) -> dict[str, dict]:
    """Template name -> the claim the pod with this ordinal gets (labels: template's + selector's)."""
    ord_ = ordinal(pod)
    match_labels = (sts["spec"].get("selector") or {}).get("matchLabels") or {}
    claims = {}
    for tmpl in sts["spec"].get("volumeClaimTemplates") or []:
        claim = copy.deepcopy(tmpl)
        meta = claim.setdefault("metadata", {})
        meta.pop("creationTimestamp", None)
        meta["name"] = claim_name(sts, tmpl, ord_)
        meta["namespace"] = sts["metadata"].get("namespace", "default")
        meta["labels"] = {**(meta.get("labels") or {}), **match_labels}
        claim.pop("status", None)
        claim["apiVersion"], claim["kind"] = "v1", "PersistentVolumeClaim"
        claims[tmpl["metadata"]["name"]] = claim
    return claims


def claim_names(sts: dict, ordinal_: int) -> dict[str, str]:
    """Template name -> claim name, without building the claims (the hot path of every sync)."""
    return {
        t["metadata"]["name"]: claim_name(sts, t, ordinal_)
        for t in sts["spec"].get("volumeClaimTemplates") or []
    }


def storage_matches(sts: dict, pod: dict) -> bool:
    if ordinal(pod) < 0:
        return False
    volumes = {v["name"]: v for v in (pod.get("spec") or {}).get("volumes") or []}
    for tmpl_name, name in claim_names(sts, ordinal(pod)).items():
        vol = volumes.get(tmpl_name) or {}
        if (vol.get("persistentVolumeClaim") or {}).get("claimName") != name:
            return False
    return True


def update_storage(sts: dict, pod: dict) -> None:
    claims = claims_for(sts, pod)
    spec = pod.setdefault("spec", {})
    volumes = [
        {"name": name, "persistentVolumeClaim": {"claimName": c["metadata"]["name"]}}
        for name, c in sorted(claims.items())
    ]
    volumes += [v for v in spec.get("volumes") or [] if v["name"] not in claims]
    if volumes:
        spec["volumes"] = volumes


# -- pods ----------------------------------------------------------------------------------------------
def controller_ref(sts: dict) -> dict:
    return {
        "apiVersion": "apps/v1",
        "kind": "StatefulSet",
        "name": sts["metadata"]["name"],
        "uid": sts["metadata"]["uid"],
        "controller": True,
        "blockOwnerDeletion": True,
    }


def new_pod(sts: dict, ordinal_: int) -> dict:
    """upstream: newStatefulSetPod over controller.GetPodFromTemplate."""
    tmpl = sts["spec"]["template"]
    tmeta = tmpl.get("metadata") or {}
    meta: dict = {
        "generateName": f"{sts['metadata']['name']}-",
        "name": pod_name(sts, ordinal_),
        "namespace": sts["metadata"].get("namespace", "default"),
        "labels": dict(tmeta.get("labels") or {}),
        "ownerReferences": [controller_ref(sts)],
    }
    if tmeta.get("annotations"):
        meta["annotations"] = dict(tmeta["annotations"])
    if tmeta.get("finalizers"):
        meta["finalizers"] = list(tmeta["finalizers"])
    pod = {"apiVersion": "v1", "kind": "Pod", "metadata": meta, "spec": copy.deepcopy(tmpl.get("spec") or {})}
    update_identity(sts, pod)
    pod["spec"]["hostname"] = meta["name"]
    if sts["spec"].get("serviceName"):
        pod["spec"]["subdomain"] = sts["spec"]["serviceName"]
    update_storage(sts, pod)
    return pod


def new_versioned_pod(current: dict, update: dict, current_rev: str, update_rev: str, ordinal_: int) -> dict:
    strategy = current["spec"].get("updateStrategy") or {}
    rolling = strategy.get("rollingUpdate")
    start = start_ordinal(current)
    # Go precedence kept: (RollingUpdate && no rollingUpdate && ord < current)
    #                  || (rollingUpdate && ord < partition)
    use_current = (
        strategy.get("type") == "RollingUpdate"
        and rolling is None
        and ordinal_ < start + int((current.get("status") or {}).get("currentReplicas", 0))
    ) or (rolling is not None and ordinal_ < start + int(rolling.get("partition") or 0))
    pod = new_pod(current if use_current else update, ordinal_)
    pod["metadata"]["labels"][REVISION_LABEL] = current_rev if use_current else update_rev
    return pod


def pod_revision(pod: dict) -> str:
    return (pod["metadata"].get("labels") or {}).get(REVISION_LABEL, "")


def phase(pod: dict) -> str:
    return (pod.get("status") or {}).get("phase", "")


def is_created(pod: dict) -> bool:
    return phase(pod) != ""


def is_terminating(pod: dict) -> bool:
    return bool(pod["metadata"].get("deletionTimestamp"))


def _ready_condition(pod: dict) -> dict | None:
    for c in (pod.get("status") or {}).get("conditions") or []:
        if c.get("type") == "Ready":
            return c
    return None


def is_running_and_ready(pod: dict) -> bool:
    cond = _ready_condition(pod)
    return phase(pod) == "Running" and cond is not None and cond.get("status") == "True"


def available_at(pod: dict, min_ready: int, clock) -> float | None:
    """Virtual time at which the pod counts as available, or None if it is not ready."""
    if not is_running_and_ready(pod):
        return None
    cond = _ready_condition(pod) or {}
    if not min_ready or not cond.get("lastTransitionTime"):
        return clock.now
    return clock.now - clock.seconds_since(cond["lastTransitionTime"]) + min_ready


def is_running_and_available(pod: dict, min_ready: int, clock) -> bool:
    at = available_at(pod, min_ready, clock)
    return at is not None and at <= clock.now


def is_unavailable(pod: dict, min_ready: int, clock) -> bool:
    return not is_created(pod) or is_terminating(pod) or not is_running_and_available(pod, min_ready, clock)


# -- revisions -----------------------------------------------------------------------------------------
def go_json(obj: object) -> str:
    """encoding/json's bytes for a map: sorted keys, no spaces, <>& escaped."""
    text = json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def get_patch(sts: dict) -> dict:
    template = copy.deepcopy(sts["spec"]["template"])
    template.setdefault("metadata", {}).setdefault("creationTimestamp", None)
    template["$patch"] = "replace"
    return {"spec": {"template": template}}


def fnv32(data: bytes) -> int:
    """hash/fnv New32 (FNV-1, not 1a), as HashControllerRevision uses."""
    h = 0x811C9DC5
    for b in data:
        h = (h * 0x01000193) & 0xFFFFFFFF
        h ^= b
    return h


def hash_revision(data: dict, probe: int | None) -> str:
    raw = go_json(data).encode()
    if probe is not None:
        raw += str(probe).encode()
    return "".join(_ALPHANUMS[b % len(_ALPHANUMS)] for b in str(fnv32(raw)).encode())


def revision_name(prefix: str, hash_: str) -> str:
    if len(prefix) > 223:
        prefix = prefix[:223]
    return f"{prefix}-{hash_}"


def apply_revision(sts: dict, revision: dict) -> dict:
    clone = copy.deepcopy(sts)
    template = copy.deepcopy(revision["data"]["spec"]["template"])
    template.pop("$patch", None)
    template.get("metadata", {}).pop("creationTimestamp", None)
    clone["spec"]["template"] = template
    return clone


# -- retention policy ----------------------------------------------------------------------------------
def retention(sts: dict) -> tuple[str, str]:
    policy = sts["spec"].get("persistentVolumeClaimRetentionPolicy") or {}
    return policy.get("whenDeleted", "Retain"), policy.get("whenScaled", "Retain")


def _owner_ref(obj: dict, kind: str, api_version: str, controller: bool) -> dict:
    ref = {
        "apiVersion": api_version,
        "kind": kind,
        "name": obj["metadata"]["name"],
        "uid": obj["metadata"]["uid"],
    }
    if controller:
        ref.update(controller=True, blockOwnerDeletion=True)
    return ref


def claim_owner_refs(claim: dict, sts: dict, pod: dict) -> list[dict]:
    """upstream: updateClaimOwnerRefForSetAndPod: the owners the retention policy asks for."""
    refs = [
        r
        for r in claim["metadata"].get("ownerReferences") or []
        if r.get("uid") not in (sts["metadata"]["uid"], pod["metadata"].get("uid"))
    ]
    when_deleted, when_scaled = retention(sts)
    scaled_down = not in_ordinal_range(sts, pod)
    want_set = when_deleted == "Delete" and not (when_scaled == "Delete" and scaled_down)
    want_pod = when_scaled == "Delete" and scaled_down and pod["metadata"].get("uid")
    if want_set:
        refs.append(_owner_ref(sts, "StatefulSet", "apps/v1", True))
    if want_pod:
        refs.append(_owner_ref(pod, "Pod", "v1", False))
    return refs
