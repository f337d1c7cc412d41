"""What every ``kubectl describe`` output is made of: a prefix writer over Go's text/tabwriter.

upstream: staging/src/k8s.io/kubectl/pkg/describe/describe.go (tabbedString: tabwriter minwidth 0,
tabwidth 8, padding 2; PrefixWriter LEVEL_0..3 = two spaces a level; printLabelsMultiline,
printAnnotationsMultiline (last-applied skipped, long values folded), DescribeEvents (flushes the
writer, then Type/Reason/Age/From/Message sorted by last timestamp, "(x3 over 5m)")) and Go's
text/tabwriter (column blocks: consecutive lines sharing a tab-terminated cell align together).

Describers (``@register_describer("Pod")``) build their text with :class:`Writer`::

    w = Writer()
    w.write(0, "Name:\\t%s\\n" % name)
    labels_multiline(w, "Labels", labels)
    describe_events(cluster, obj, w)
    return w.text()
"""

from __future__ import annotations

from datetime import UTC, datetime

from ...api.events import for_object
from ..output import age

MAX_ANNOTATION_LEN = 140
SKIP_ANNOTATIONS = {"kubectl.kubernetes.io/last-applied-configuration"}


def go_tabwriter(text: str, minwidth: int = 0, padding: int = 2) -> str:
    """Go's text/tabwriter (AlignLeft, pad with spaces) over a whole buffer."""
    lines = [line.split("\t") for line in text.split("\n")]
    out: list[str] = []
    widths: list[int] = []

    def write_lines(line0: int, line1: int) -> None:
        for i in range(line0, line1):
            cells = lines[i]
            parts = []
            for j, cell in enumerate(cells):
                parts.append(cell)
                if j < len(widths) and j < len(cells) - 1:
                    parts.append(" " * (widths[j] - len(cell)))
            out.append("".join(parts))

    def fmt(line0: int, line1: int) -> None:
        column = len(widths)
        this = line0
        while this < line1:
            if column >= len(lines[this]) - 1:
                this += 1
                continue
            write_lines(line0, this)
            line0 = this
            width = minwidth
            while this < line1 and column < len(lines[this]) - 1:
                width = max(width, len(lines[this][column]) + padding)
                this += 1
            widths.append(width)
            fmt(line0, this)
            widths.pop()
            line0 = this
        write_lines(line0, line1)

    fmt(0, len(lines))
    return "\n".join(out)


class Writer:
    """describe.go's PrefixWriter over a tabwriter; ``flush()`` ends a block of aligned columns."""

    def __init__(self) -> None:
        self._done: list[str] = []
        self._buf: list[str] = []

    def write(self, level: int, text: str) -> None:
        self._buf.append("  " * level + text)

    def line(self, *items: str) -> None:
        """WriteLine: the items joined by spaces, then a newline."""
        self._buf.append(" ".join(items) + "\n")

    def flush(self) -> None:
        self._done.append(go_tabwriter("".join(self._buf)))
        self._buf = []

    def text(self) -> str:
        self.flush()
        return "".join(self._done)


def rfc1123z(stamp: str | None) -> str:
    """Go's time.RFC1123Z (``Wed, 15 Jan 2025 09:00:00 +0000``)."""
    if not stamp:
        return "Mon, 01 Jan 0001 00:00:00 +0000"
    dt = datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    return dt.strftime("%a, %d %b %Y %H:%M:%S +0000")


def labels_multiline(
    w: Writer, title: str, labels: dict | None, initial: str = "", inner: str = "\t"
) -> None:
    w.write(0, f"{initial}{title}:{inner}")
    keys = sorted(labels or {})
    if not keys:
        w.line("<none>")
        return
    for i, key in enumerate(keys):
        if i:
            w.write(0, initial)
            w.write(0, inner)
        w.write(0, f"{key}={labels[key]}\n")


def annotations_multiline(w: Writer, title: str, annotations: dict | None) -> None:
    w.write(0, f"{title}:\t")
    keys = sorted(k for k in (annotations or {}) if k not in SKIP_ANNOTATIONS)
    if not keys:
        w.line("<none>")
        return
    for i, key in enumerate(keys):
        if i:
            w.write(0, "\t")
        value = annotations[key].removesuffix("\n")
        if len(value) + len(key) + 2 > MAX_ANNOTATION_LEN or "\n" in value:
            w.write(0, f"{key}:\n")
            for s in value.split("\n"):
                shown = s if len(s) <= MAX_ANNOTATION_LEN - 2 else s[: MAX_ANNOTATION_LEN - 2] + "..."
                w.write(0, f"\t  {shown}\n")
        else:
            w.write(0, f"{key}: {value}\n")


def describe_events(cluster, obj: dict, w: Writer) -> None:
    events = for_object(cluster.store, obj)
    if not events:
        w.write(0, "Events:\t<none>\n")
        return
    w.flush()
    events = sorted(
        events, key=lambda e: (e.get("lastTimestamp") or "", int(e["metadata"]["resourceVersion"]))
    )
    w.write(0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n")
    w.write(1, "----\t------\t----\t----\t-------\n")
    for e in events:
        first = age(cluster, e.get("firstTimestamp") or e.get("eventTime"))
        count = int(e.get("count") or 1)
        interval = f"{age(cluster, e.get('lastTimestamp'))} (x{count} over {first})" if count > 1 else first
        source = (e.get("source") or {}).get("component") or e.get("reportingComponent") or ""
        w.write(
            1,
            f"{e.get('type', '')}\t{e.get('reason', '')}\t{interval}\t{source}\t"
            f"{(e.get('message') or '').strip()}\n",
        )


def controlled_by(obj: dict) -> str:
    for ref in obj["metadata"].get("ownerReferences") or []:
        if ref.get("controller"):
            return f"{ref.get('kind')}/{ref.get('name')}"
    return ""


def or_none(value: str) -> str:
    return value if value else "<none>"
