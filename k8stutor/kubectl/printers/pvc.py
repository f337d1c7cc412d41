"""``kubectl get/describe persistentvolumeclaims`` and the describe helpers the storage printers share.

upstream: pkg/printers/internalversion/printers.go (printPersistentVolumeClaim; columns of v1.32:
NAME STATUS VOLUME CAPACITY ACCESS MODES STORAGECLASS VOLUMEATTRIBUTESCLASS AGE, wide VOLUMEMODE),
staging/src/k8s.io/kubectl/pkg/describe/describe.go (describePersistentVolumeClaim,
printPersistentVolumeClaim, getPodsForPVC, DescribeEvents, printLabelsMultiline,
printAnnotationsMultiline), text/tabwriter (minwidth 0, tabwidth 8, padding 2).
"""

from __future__ import annotations

from . import TableDef, register_describer, register_table
from .common import age, meta, spec, status

# upstream: describe.go skipAnnotations
SKIP_ANNOTATIONS = {"kubectl.kubernetes.io/last-applied-configuration"}
MAX_ANNOTATION_LEN = 140
_MODES = {"ReadWriteOnce": "RWO", "ReadOnlyMany": "ROX", "ReadWriteMany": "RWX", "ReadWriteOncePod": "RWOP"}


def access_modes(modes: list[str] | None) -> str:
    """upstream: pkg/apis/core/helper GetAccessModesAsString (fixed order, duplicates once)."""
    modes = modes or []
    return ",".join(short for long, short in _MODES.items() if long in modes)


# -- Go's text/tabwriter as kubectl describe uses it ---------------------------------------------------
def tabbed(text: str, padding: int = 2) -> str:
    """Align tab-separated cells in column blocks of consecutive lines (text/tabwriter.format)."""
    lines = [line.split("\t") for line in text.split("\n")]
    out: list[str] = []

    def write(line0: int, line1: int, widths: list[int]) -> None:
        for cells in lines[line0:line1]:
            out.append("".join(c.ljust(widths[j]) if j < len(widths) else c for j, c in enumerate(cells)))

    def fmt(line0: int, line1: int, widths: list[int]) -> None:
        column = len(widths)
        this = line0
        while this < line1:
            if column >= len(lines[this]) - 1:
                this += 1
                continue
            write(line0, this, widths)
            line0 = this
            width = 0
            while this < line1 and column < len(lines[this]) - 1:
                width = max(width, len(lines[this][column]) + padding)
                this += 1
            fmt(line0, this, [*widths, width])
            line0 = this
        write(line0, line1, widths)

    fmt(0, len(lines), [])
    return "\n".join(out)


def labels_multiline(title: str, labels: dict | None, indent: str = "") -> str:
    if not labels:
        return f"{indent}{title}:\t<none>\n"
    keys = sorted(labels)
    first, rest = keys[0], keys[1:]
    text = f"{indent}{title}:\t{first}={labels[first]}\n"
    return text + "".join(f"{indent}\t{k}={labels[k]}\n" for k in rest)


def annotations_multiline(title: str, annotations: dict | None, indent: str = "") -> str:
    keys = sorted(k for k in (annotations or {}) if k not in SKIP_ANNOTATIONS)
    if not keys:
        return f"{indent}{title}:\t<none>\n"
    text = f"{indent}{title}:\t"
    for i, key in enumerate(keys):
        if i:
            text += "\t"
        value = str(annotations[key]).removesuffix("\n")
        if len(value) + len(key) + 2 > MAX_ANNOTATION_LEN or "\n" in value:
            text += f"{key}:\n"
            for part in value.split("\n"):
                cut = part if len(part) <= MAX_ANNOTATION_LEN - 2 else part[: MAX_ANNOTATION_LEN - 2] + "..."
                text += f"\t  {cut}\n"
        else:
            text += f"{key}: {value}\n"
    return text


def events_section(cluster, obj: dict) -> str:
    """upstream: describe.go DescribeEvents (its own tabwriter flush, sorted by lastTimestamp).

    With no events the line ``Events:\t<none>`` belongs to the describer's own tabwriter block:
    use :func:`finish`, which aligns it as kubectl does.
    """
    from ...api.events import for_object

    evs = sorted(for_object(cluster.store, obj), key=lambda e: e["lastTimestamp"])
    if not evs:
        return "Events:\t<none>\n"
    lines = ["Events:", "  Type\tReason\tAge\tFrom\tMessage", "  ----\t------\t----\t----\t-------"]
    for e in evs:
        first = age(cluster, e.get("firstTimestamp"))
        count = e.get("count", 1)
        interval = first if count <= 1 else f"{age(cluster, e.get('lastTimestamp'))} (x{count} over {first})"
        source = (e.get("source") or {}).get("component") or e.get("reportingComponent", "")
        lines.append(f"  {e['type']}\t{e['reason']}\t{interval}\t{source}\t{e['message'].strip()}")
    return tabbed("\n".join(lines)) + "\n"


def finish(cluster, obj: dict, text: str) -> str:
    """The describer's text (tab cells) aligned, followed by its events."""
    events = events_section(cluster, obj)
    if events.startswith("Events:\t"):
        return tabbed(text + events.rstrip("\n")) + "\n"
    return tabbed(text.rstrip("\n")) + "\n" + events


def go_list(items: list[str] | None) -> str:
    """fmt's %v of a []string: ``[a b]``."""
    return "[" + " ".join(items or []) + "]"


# -- get -------------------------------------------------------------------------------------------------
def pvc_row(cluster, pvc: dict) -> list[str]:
    sp, st = spec(pvc), status(pvc)
    phase = "Terminating" if meta(pvc).get("deletionTimestamp") else st.get("phase", "")
    capacity = modes = ""
    if sp.get("volumeName"):
        modes = access_modes(st.get("accessModes"))
        capacity = str((st.get("capacity") or {}).get("storage", ""))
    return [
        meta(pvc)["name"],
        phase,
        sp.get("volumeName", ""),
        capacity,
        modes,
        sp.get("storageClassName", ""),
        sp.get("volumeAttributesClassName") or "<unset>",
        age(cluster, meta(pvc).get("creationTimestamp")),
    ]


register_table(
    TableDef(
        "PersistentVolumeClaim",
        [
            "NAME",
            "STATUS",
            "VOLUME",
            "CAPACITY",
            "ACCESS MODES",
            "STORAGECLASS",
            "VOLUMEATTRIBUTESCLASS",
            "AGE",
        ],
        pvc_row,
        ["VOLUMEMODE"],
        lambda _c, pvc: [spec(pvc).get("volumeMode") or "<unset>"],
    )
)


# -- describe ----------------------------------------------------------------------------------------
def pods_for_claim(cluster, pvc: dict) -> list[dict]:
    """upstream: describe.go getPodsForPVC: pods that name the claim, then pods owning it."""
    ns, name = meta(pvc).get("namespace", "default"), meta(pvc)["name"]
    pods = [
        p
        for p in cluster.store.list("Pod", ns)
        if any(
            (v.get("persistentVolumeClaim") or {}).get("claimName") == name
            for v in spec(p).get("volumes") or []
        )
    ]
    for ref in meta(pvc).get("ownerReferences") or []:
        if ref.get("kind") == "Pod":
            owner = next(
                (p for p in cluster.store.list("Pod", ns) if meta(p).get("uid") == ref.get("uid")), None
            )
            if owner is not None and owner not in pods:
                pods.append(owner)
    return pods


def pods_multiline(title: str, pods: list[dict]) -> str:
    """upstream: describe.go printPodsMultiline (names, one a line)."""
    if not pods:
        return f"{title}:\t<none>\n"
    names = [meta(p)["name"] for p in pods]
    return f"{title}:\t{names[0]}\n" + "".join(f"\t{n}\n" for n in names[1:])


def describe_pvc_text(cluster, pvc: dict) -> str:
    m, sp, st = meta(pvc), spec(pvc), status(pvc)
    text = f"Name:\t{m['name']}\nNamespace:\t{m.get('namespace', 'default')}\n"
    text += f"StorageClass:\t{sp.get('storageClassName', '')}\n"
    if m.get("deletionTimestamp"):
        text += f"Status:\tTerminating (lasts {age(cluster, m['deletionTimestamp'])})\n"
    else:
        text += f"Status:\t{st.get('phase', '')}\n"
    text += f"Volume:\t{sp.get('volumeName', '')}\n"
    text += labels_multiline("Labels", m.get("labels"))
    text += annotations_multiline("Annotations", m.get("annotations"))
    text += f"Finalizers:\t{go_list(m.get('finalizers'))}\n"
    capacity = modes = ""
    if sp.get("volumeName"):
        modes = access_modes(st.get("accessModes"))
        capacity = str((st.get("capacity") or {}).get("storage", ""))
    text += f"Capacity:\t{capacity}\nAccess Modes:\t{modes}\n"
    if sp.get("volumeMode"):
        text += f"VolumeMode:\t{sp['volumeMode']}\n"
    text += pods_multiline("Used By", pods_for_claim(cluster, pvc))
    return finish(cluster, pvc, text)


@register_describer("PersistentVolumeClaim")
def describe_pvc(cluster, pvc: dict) -> str:
    return describe_pvc_text(cluster, pvc)
