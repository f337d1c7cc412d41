"""``kubectl events [--for TYPE/NAME] [--types=Warning] [-A] [-w]``: events oldest first.

upstream: staging/src/k8s.io/kubectl/pkg/cmd/events/events.go and event_printer.go (columns LAST SEEN,
TYPE, REASON, OBJECT (``Kind/name``), MESSAGE; NAMESPACE first with -A; "(x3 over 5m)" for repeated
events; sorted by last timestamp; "No events found in default namespace." on stderr).
"""

from __future__ import annotations

from ...api import kinds
from ...terminal.result import Result
from ..args import ALL_NAMESPACES, OUTPUT, ArgError, Flag, flags, namespace_of, parse
from ..cmdutil import guard
from ..output import TabWriter, age, go_json, go_yaml
from ..watch import Watch, block

NAME = "events"
SPEC = flags(
    ALL_NAMESPACES,
    OUTPUT,
    Flag("for", default=""),
    Flag("types", kind="strings", default=[]),
    Flag("watch", "w", kind="bool", default=False),
    Flag("no-headers", kind="bool", default=False),
    Flag("chunk-size", kind="int", default=500),
)


def _row(cluster, ev: dict, all_ns: bool) -> list[str]:
    first = age(cluster, ev.get("firstTimestamp") or ev.get("eventTime"))
    last = age(cluster, ev.get("lastTimestamp")) if ev.get("lastTimestamp") else first
    count = int(ev.get("count") or 1)
    seen = f"{last} (x{count} over {first})" if count > 1 else last
    inv = ev.get("involvedObject") or {}
    row = [
        seen,
        ev.get("type", ""),
        ev.get("reason", ""),
        f"{inv.get('kind')}/{inv.get('name')}",
        (ev.get("message") or "").strip(),
    ]
    return [ev["metadata"].get("namespace", ""), *row] if all_ns else row


@guard
def run(cluster, argv: list[str], stdin: str = "") -> Result:
    p = parse(NAME, argv, SPEC)
    if p.args:
        raise ArgError(f'error: unknown command "{p.args[0]}" for "kubectl events"')
    ns = None if p["all-namespaces"] else namespace_of(p)
    want = None
    if p["for"]:
        typ, _, obj_name = p["for"].partition("/")
        if not obj_name:
            raise ArgError(f'error: --for must be in resource/name form, got "{p["for"]}"')
        want = (kinds.resolve(typ).kind, obj_name)
    types = {t.lower() for t in p["types"]}

    def matches(ev: dict) -> bool:
        if ev.get("kind") != "Event" or (ns is not None and ev["metadata"].get("namespace") != ns):
            return False
        inv = ev.get("involvedObject") or {}
        if want and (inv.get("kind"), inv.get("name")) != want:
            return False
        return not types or ev.get("type", "").lower() in types

    evs = sorted(
        (e for e in cluster.store.list("Event", ns) if matches(e)),
        key=lambda e: (
            e.get("lastTimestamp") or e.get("eventTime") or "",
            int(e["metadata"]["resourceVersion"]),
        ),
    )
    if p["output"] in ("yaml", "json"):
        data = {"apiVersion": "v1", "items": evs, "kind": "List", "metadata": {"resourceVersion": ""}}
        return Result(go_yaml(data) if p["output"] == "yaml" else go_json(data))
    header = (["NAMESPACE"] if ns is None else []) + ["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"]
    tw = TabWriter()
    rows = [_row(cluster, e, ns is None) for e in evs]
    text = tw.render(([] if p["no-headers"] else [header]) + rows) if rows else ""
    if p["watch"]:
        watch = Watch(cluster, matches, lambda e: tw.render([_row(cluster, e, ns is None)]))
        block(cluster, activity=lambda: watch.events)
        text += watch.take()
        watch.stop()
    if not text:
        where = "" if ns is None else f" in {ns} namespace"
        return Result("", f"No events found{where}.\n")
    return Result(text)
