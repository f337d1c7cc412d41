"""Renderers over objects and table rows: table (tabwriter), name, json, yaml, jsonpath, custom-columns.

upstream: staging/src/k8s.io/cli-runtime/pkg/printers/{tabwriter.go,tableprinter.go,name.go,json.go,
jsonpath.go}, github.com/liggitt/tabwriter (kubectl's tabwriter fork with RememberWidths),
staging/src/k8s.io/apimachinery/pkg/util/duration/duration.go, k8s.io/client-go/util/jsonpath.
"""

from __future__ import annotations

import functools
import json
import re
from datetime import UTC, datetime

from ..api import kinds
from ..clock import EPOCH

# upstream: cli-runtime/pkg/printers/tabwriter.go (minwidth 6, tabwidth 4, padding 3, RememberWidths)
MIN_WIDTH, PADDING = 6, 3


class TabWriter:
    """Aligns tab-separated cells; column widths are remembered across writes (watch output)."""

    def __init__(self) -> None:
        self.widths: list[int] = []

    def render(self, rows: list[list[str]]) -> str:
        for row in rows:
            for i, cell in enumerate(row[:-1]):  # the last cell of a line is not a column cell
                w = max(MIN_WIDTH, len(cell) + PADDING)
                if i >= len(self.widths):
                    self.widths.append(w)
                elif w > self.widths[i]:
                    self.widths[i] = w
        lines = []
        for row in rows:
            cells = [cell.ljust(self.widths[i]) for i, cell in enumerate(row[:-1])]
            lines.append("".join(cells) + (row[-1] if row else ""))
        return "".join(line + "\n" for line in lines)


def table(rows: list[list[str]]) -> str:
    return TabWriter().render(rows)


def human_duration(seconds: float) -> str:
    """upstream: apimachinery/pkg/util/duration/duration.go HumanDuration."""
    s = int(seconds)
    if s < -1:
        return "<invalid>"
    if s < 0:
        return "0s"
    if s < 120:
        return f"{s}s"
    minutes = s // 60
    if minutes < 10:
        return f"{minutes}m" if s % 60 == 0 else f"{minutes}m{s % 60}s"
    if minutes < 180:
        return f"{minutes}m"
    hours = s // 3600
    if hours < 8:
        return f"{hours}h" if minutes % 60 == 0 else f"{hours}h{minutes % 60}m"
    if hours < 48:
        return f"{hours}h"
    if hours < 24 * 8:
        return f"{hours // 24}d" if hours % 24 == 0 else f"{hours // 24}d{hours % 24}h"
    if hours < 24 * 365 * 2:
        return f"{hours // 24}d"
    if hours < 24 * 365 * 8:
        dy = (hours // 24) % 365
        return f"{hours // 24 // 365}y" if dy == 0 else f"{hours // 24 // 365}y{dy}d"
    return f"{hours // 24 // 365}y"


def age(cluster, stamp: str | None) -> str:
    """upstream: printers.go translateTimestampSince."""
    if not stamp:
        return "<unknown>"
    return human_duration(cluster.clock.now - _since_epoch(stamp))


@functools.lru_cache(maxsize=65536)
def _since_epoch(stamp: str) -> float:
    """Seconds from the clock's EPOCH to an RFC 3339 stamp (cached: tables parse the same stamps often)."""
    then = datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    return (then - EPOCH).total_seconds()


def name_of(obj: dict) -> str:
    """``-o name``: ``pod/x``, ``deployment.apps/x`` (cli-runtime/pkg/printers/name.go)."""
    k = kinds.for_object(obj)
    return f"{k.qualified}/{(obj.get('metadata') or {}).get('name', '')}"


def go_json(obj: object) -> str:
    """``json.MarshalIndent(obj, "", "    ")`` of an unstructured object: sorted keys, HTML escaped."""
    text = json.dumps(obj, indent=4, sort_keys=True, ensure_ascii=False, separators=(",", ": "))
    for a, b in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(a, b)
    return text + "\n"


def go_yaml(obj: object) -> str:
    """The ``-o yaml`` emitter (config's byte-exact goyaml; a PyYAML stand-in until it exists)."""
    try:
        from .printers.goyaml import dump
    except ImportError:
        import yaml

        return yaml.safe_dump(obj, default_flow_style=False, sort_keys=True, width=10_000)
    return dump(obj)


def as_list(items: list[dict]) -> dict:
    # upstream: kubectl get prints a v1 List for several objects
    return {"apiVersion": "v1", "items": items, "kind": "List", "metadata": {"resourceVersion": ""}}


# -- jsonpath (k8s.io/client-go/util/jsonpath) ------------------------------------
class JSONPathError(Exception):
    pass


class JSONPathParseError(JSONPathError):
    """The template itself is malformed (kubectl: "error parsing jsonpath TEMPLATE, REASON")."""


_TOKEN = re.compile(r"\{((?:[^{}\"]|\"(?:[^\"\\]|\\.)*\")*)\}")


def jsonpath(template: str, data: object) -> str:
    """Evaluate a kubectl jsonpath template (``{.items[*].metadata.name}``, ``{range}...{end}``)."""
    parts: list[tuple[str, str]] = []
    pos = 0
    for m in _TOKEN.finditer(template):
        if m.start() > pos:
            parts.append(("text", template[pos : m.start()]))
        parts.append(("expr", m.group(1).strip()))
        pos = m.end()
    if pos < len(template):
        parts.append(("text", template[pos:]))
    if any(typ == "text" and "{" in val for typ, val in parts):
        raise JSONPathParseError("unclosed action")
    out, _ = _eval_parts(parts, 0, [data])
    return out


def jsonpath_values(template: str, data: object) -> list[object]:
    """``-o jsonpath-as-json``: the values the template's expressions select, as one JSON array."""
    values: list[object] = []
    for m in _TOKEN.finditer(template):
        expr = m.group(1).strip()
        if expr in ("end",) or expr.startswith(("range ", '"')):
            continue
        values.extend(_select(expr, [data]))
    return values


def _eval_parts(parts: list[tuple[str, str]], i: int, ctx: list[object]) -> tuple[str, int]:
    out: list[str] = []
    while i < len(parts):
        typ, val = parts[i]
        i += 1
        if typ == "text":
            out.append(val)
        elif val == "end":
            return "".join(out), i
        elif val.startswith("range "):
            items = _select(val[6:].strip(), ctx)
            body_end = i
            for item in items:
                text, body_end = _eval_parts(parts, i, [item])
                out.append(text)
            if not items:
                _, body_end = _eval_parts(parts, i, [])
            i = body_end
        elif val.startswith('"') and val.endswith('"'):
            out.append(json.loads(val))
        else:
            if not ctx:
                continue
            values = _select(val, ctx)
            out.append(" ".join(_fmt(v) for v in values))
    return "".join(out), i


_STEP = re.compile(r"\.\.?((?:[A-Za-z0-9_\-/]|\\\.)+|\*)|\[([^\]]*)\]|\.")


def _select(expr: str, ctx: list[object]) -> list[object]:
    if expr.startswith("$"):
        expr = expr[1:]
    if expr in ("", "@", "."):
        return list(ctx)
    cur = list(ctx)
    pos = 0
    while pos < len(expr):
        m = _STEP.match(expr, pos)
        if m is None or m.end() == pos:
            raise JSONPathError(f"unrecognized character in action: {expr[pos:]!r}")
        pos = m.end()
        if m.group(1) is not None:
            key = m.group(1).replace("\\.", ".")  # client-go jsonpath: "\." is a dot inside a key
            nxt = []
            if m.group(0).startswith(".."):  # recursive descent: every depth, document order
                cur = [d for v in cur for d in _descendants(v)]
            for v in cur:
                if key == "*":
                    nxt.extend(v.values() if isinstance(v, dict) else v if isinstance(v, list) else [])
                elif isinstance(v, dict) and key in v:
                    nxt.append(v[key])
            cur = nxt
        elif m.group(2) is not None:
            cur = _index(m.group(2).strip(), cur)
    return cur


def _descendants(value: object) -> list[object]:
    out = [value]
    children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else []
    for child in children:
        out.extend(_descendants(child))
    return out


def _index(sel: str, cur: list[object]) -> list[object]:
    nxt: list[object] = []
    for v in cur:
        if sel.startswith("?(") and sel.endswith(")"):
            nxt.extend(x for x in (v if isinstance(v, list) else []) if _filter(sel[2:-1], x))
        elif sel == "*":
            nxt.extend(v if isinstance(v, list) else v.values() if isinstance(v, dict) else [])
        elif ":" in sel and isinstance(v, list):
            a, _, b = sel.partition(":")
            nxt.extend(v[int(a) if a else None : int(b) if b else None])
        elif isinstance(v, list):
            try:
                nxt.append(v[int(sel)])
            except (ValueError, IndexError):
                raise JSONPathError(f"array index out of bounds: index {sel}, length {len(v)}") from None
        elif isinstance(v, dict):
            key = sel.strip("'\"")
            if key in v:
                nxt.append(v[key])
    return nxt


def _filter(cond: str, item: object) -> bool:
    m = re.fullmatch(r"\s*@\.?([\w.\-]*)\s*(==|!=)\s*(['\"])(.*)\3\s*", cond)
    if m is None:
        vals = _select(cond.strip()[1:] or ".", [item])
        return bool(vals)
    vals = _select("." + m.group(1) if m.group(1) else ".", [item])
    target = m.group(4)
    hit = any(str(v) == target for v in vals)
    return hit if m.group(2) == "==" else not hit


def _fmt(v: object) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return v
    if v is None:
        return ""
    if isinstance(v, (dict, list)):
        return json.dumps(v, separators=(",", ":"), sort_keys=True)
    return str(v)
