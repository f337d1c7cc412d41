"""``kubectl get``: tables, -o wide|yaml|json|name|jsonpath|custom-columns, -l, -A, --show-labels, -w.

upstream: staging/src/k8s.io/kubectl/pkg/cmd/get/get.go (Run: one table a resource type, a blank line
between them, ``kind/name`` names when several types are asked for, "No resources found in X
namespace." on stderr, NotFound errors after the found objects; watch: the current table, then one
row a change) and cli-runtime/pkg/printers (tablegenerator / tableprinter: NAMESPACE column with -A,
LABELS with --show-labels, -L label columns).
"""

from __future__ import annotations

from dataclasses import dataclass

from ...api import errors, kinds
from ...clock import parse_duration
from ...terminal.result import Result
from .. import output, sources
from ..args import (
    ALL_NAMESPACES,
    FILENAME,
    OUTPUT,
    RECURSIVE,
    SELECTOR,
    ArgError,
    Flag,
    flags,
    namespace_of,
    parse,
    resource_args,
)
from ..cmdutil import api_error_text, guard
from ..printers import TableDef, table_for
from ..printers.common import format_labels
from ..watch import Watch, block

NAME = "get"

SPEC = flags(
    OUTPUT,
    SELECTOR,
    ALL_NAMESPACES,
    FILENAME,
    RECURSIVE,
    Flag("watch", "w", kind="bool", default=False),
    Flag("watch-only", kind="bool", default=False),
    Flag("output-watch-events", kind="bool", default=False),
    Flag("show-labels", kind="bool", default=False),
    Flag("label-columns", "L", kind="strings", default=[]),
    Flag("no-headers", kind="bool", default=False),
    Flag("show-kind", kind="bool", default=False),
    Flag("sort-by", default=""),
    Flag("field-selector", default=""),
    Flag("ignore-not-found", kind="bool", default=False),
    Flag("chunk-size", kind="int", default=500),
    Flag("server-print", kind="bool", default=True),
    Flag("show-managed-fields", kind="bool", default=False),
    Flag("subresource", default=""),
    Flag("template", default=""),
    Flag("allow-missing-template-keys", kind="bool", default=True),
    Flag("kustomize", "k"),
    Flag("raw", default=""),
)

FORMATS = (
    "",
    "wide",
    "yaml",
    "json",
    "name",
    "jsonpath",
    "jsonpath-as-json",
    "custom-columns",
    "go-template",
)


@dataclass
class Found:
    kind: kinds.Kind
    objects: list[dict]
    by_name: bool  # asked for by name (a single object prints bare with -o yaml/json)


@guard
def run(cluster, argv: list[str], stdin: str = "") -> Result:
    p = parse(NAME, argv, SPEC)
    fmt, _, arg = str(p["output"]).partition("=")
    if fmt not in FORMATS or (fmt in ("jsonpath", "custom-columns", "go-template") and not arg):
        raise ArgError(_bad_output(p["output"]))
    if fmt == "go-template":
        raise ArgError("error: k8stutor does not simulate go-template output; use -o jsonpath=...")
    if p["show-labels"] and fmt not in ("", "wide"):
        raise ArgError(f"error: --show-labels option cannot be used with {fmt} printer")  # get.go Validate
    if p["output-watch-events"] and not (p["watch"] or p["watch-only"]):
        raise ArgError("error: --output-watch-events option can only be used with --watch or --watch-only")
    found, errs = _collect(cluster, p, stdin)
    if p["watch"] or p["watch-only"]:
        return _watch(cluster, p, found, errs)
    return _print(cluster, p, found, errs, fmt, arg)


def _bad_output(value: str) -> str:
    allowed = (
        "custom-columns, custom-columns-file, go-template, go-template-file, json, jsonpath, "
        "jsonpath-as-json, jsonpath-file, name, template, templatefile, wide, yaml"
    )
    head = f'error: unable to match a printer suitable for the output format "{value}"'
    return f"{head}, allowed formats are: {allowed}"


def _selector(p):
    text = p.get("selector")
    if not text:
        return None
    try:
        from ...api import selectors
    except ImportError:
        return _simple_selector(text)
    try:
        return selectors.parse(text)
    except selectors.SelectorError as exc:
        requests = resource_args(p.args).requests if p.args else []
        k = requests[0][0] if requests else kinds.resolve("pods")
        raise ArgError(selectors.list_error(k.api_version, k.plural, text, exc)) from None


def _simple_selector(text: str):
    """``a=b,c!=d,e`` (a stand-in until api/selectors.py exists)."""
    terms = []
    for term in text.split(","):
        if "!=" in term:
            k, v = term.split("!=", 1)
            terms.append((k.strip(), "!=", v.strip()))
        elif "=" in term:
            k, v = term.replace("==", "=").split("=", 1)
            terms.append((k.strip(), "=", v.strip()))
        else:
            terms.append((term.strip().lstrip("!"), "!" if term.strip().startswith("!") else "exists", ""))

    def match(labels: dict) -> bool:
        for k, op, v in terms:
            if op == "=" and labels.get(k) != v:
                return False
            if op == "!=" and labels.get(k) == v:
                return False
            if op == "exists" and k not in labels:
                return False
            if op == "!" and k in labels:
                return False
        return True

    return match


def _field_selector(p):
    text = p.get("field-selector") or ""
    if not text:
        return None
    terms = []
    for term in text.split(","):
        neg = "!=" in term
        k, _, v = term.replace("!=", "=").replace("==", "=").partition("=")
        terms.append((k.strip(), v.strip(), neg))

    def match(obj: dict) -> bool:
        for path, value, neg in terms:
            got = obj
            for part in path.split("."):
                got = got.get(part) if isinstance(got, dict) else None
            if (str(got) == value if got is not None else value == "") == neg:
                return False
        return True

    return match


def _collect(cluster, p, stdin: str) -> tuple[list[Found], list[str]]:
    ns = None if p["all-namespaces"] else namespace_of(p)
    errs: list[str] = []
    found: list[Found] = []
    if p["filename"]:
        if p.args:
            raise ArgError("error: arguments in resource/name form may not have more than one slash")
        for doc in sources.read(cluster, p["filename"], stdin, p["recursive"]):
            k = kinds.for_object(doc.obj)
            meta = doc.obj.get("metadata") or {}
            _get_named(
                cluster, found, errs, k, [meta.get("name", "")], meta.get("namespace") or namespace_of(p)
            )
        return found, errs
    if not p.args:
        raise ArgError(
            'You must specify the type of resource to get. Use "kubectl api-resources" for a '
            "complete list of supported resources.\n\nerror: Required resource not specified.\n"
            'Use "kubectl explain <resource>" for a detailed description of that resource '
            "(e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and examples"
        )
    req = resource_args(p.args)
    selector, fields = _selector(p), _field_selector(p)
    if selector is not None and any(names for _k, names in req.requests):
        raise ArgError("error: when using --selector or -l, you cannot specify a name")
    for k, names in req.requests:
        if names:
            _get_named(cluster, found, errs, k, names, ns or "default")
        else:
            objs = cluster.store.list(k.kind, ns if k.namespaced else None, selector=selector)
            if fields:
                objs = [o for o in objs if fields(o)]
            found.append(Found(k, objs, False))
    return found, errs


def _get_named(
    cluster, found: list[Found], errs: list[str], k: kinds.Kind, names: list[str], ns: str
) -> None:
    objs = []
    for name in names:
        try:
            objs.append(cluster.store.get(k.kind, name, ns))
        except errors.NotFound as exc:
            errs.append(api_error_text(exc))
    for f in found:
        if f.kind == k:
            f.objects.extend(objs)
            f.by_name = False
            return
    found.append(Found(k, objs, True))


def _sorted(objs: list[dict], sort_by: str) -> list[dict]:
    if not sort_by:
        return objs
    expr = sort_by if sort_by.startswith("{") else "{" + sort_by + "}"

    def key(obj: dict):
        try:
            text = output.jsonpath(expr, obj)
        except output.JSONPathError:
            text = ""
        try:
            return (0, float(text), "")
        except ValueError:
            return (1, 0.0, text)

    return sorted(objs, key=key)


def _print(cluster, p, found: list[Found], errs: list[str], fmt: str, arg: str) -> Result:
    several = _several(p, found)
    for f in found:
        f.objects = _sorted(f.objects, p.get("sort-by") or "")
    objs = [o for f in found for o in f.objects]
    if p["ignore-not-found"]:
        errs = [e for e in errs if "(NotFound)" not in e]
    out = ""
    if fmt in ("yaml", "json", "jsonpath", "jsonpath-as-json"):
        # upstream: get.go printGeneric: one named object (singleItemImplied) prints bare, its absence
        # only as an error; anything else prints a v1 List of what was found
        implied = _single_item_implied(p)
        data = objs[0] if implied and len(objs) == 1 else output.as_list(objs)
        if implied and not objs:
            data = None
        if data is not None:
            if fmt == "yaml":
                out = output.go_yaml(data)
            elif fmt == "json":
                out = output.go_json(data)
            else:
                try:
                    if fmt == "jsonpath-as-json":
                        out = output.go_json(output.jsonpath_values(arg, data))
                    else:
                        out = output.jsonpath(arg, data)
                except output.JSONPathParseError as exc:
                    return Result("", f"error: error parsing jsonpath {arg}, {exc}\n", 1)
                except output.JSONPathError as exc:
                    errs.append(f"error: error executing jsonpath {arg!r}: {exc}")
    elif fmt == "name":
        out = "".join(output.name_of(o) + "\n" for o in objs)
    elif fmt == "custom-columns":
        out = _custom_columns(arg, objs)
    else:
        out = _tables(cluster, p, found, fmt == "wide", several)
    stderr = "".join(e if e.endswith("\n") else e + "\n" for e in errs)
    # upstream: get.go Run: only the human-readable printers ("" and wide) say "No resources found"
    if not out and not errs and not p["ignore-not-found"] and fmt in ("", "wide"):
        all_namespaced = not p["all-namespaces"] and all(f.kind.namespaced for f in found)
        stderr = (
            f"No resources found in {namespace_of(p)} namespace.\n"
            if all_namespaced
            else "No resources found\n"
        )
    return Result(out, stderr, 1 if errs else 0)


def _single_item_implied(p) -> bool:
    if p["filename"] or p.get("selector"):
        return False
    if len(p.args) == 1 and "/" in p.args[0]:
        return True
    return len(p.args) == 2 and "," not in p.args[0] and p.args[0].lower() != "all"


def _several(p, found: list[Found]) -> bool:
    """``kind/name`` names: several types asked for (get.go Complete, resource.MultipleTypesRequested:
    ``all``, ``po,svc``, ``pod/a svc/b``), objects of several kinds found (multipleGVKsRequested), or
    --show-kind."""
    if len({f.kind.kind for f in found if f.objects}) > 1 or p["show-kind"]:
        return True
    return bool(p.args) and resource_args(p.args).several_types


def _custom_columns(spec: str, objs: list[dict]) -> str:
    cols = []
    for piece in spec.split(","):
        header, sep, path = piece.partition(":")
        if not sep:
            # upstream: cli-runtime/pkg/printers/customcolumn.go NewCustomColumnsPrinterFromSpec
            raise ArgError(
                f"error: unexpected custom-columns spec: {piece}, expected <header>:<json-path-expr>"
            )
        cols.append((header, path if path.startswith("{") else "{" + path + "}"))
    rows = [[h for h, _ in cols]]
    for obj in objs:
        row = []
        for _, expr in cols:
            try:
                row.append(output.jsonpath(expr, obj) or "<none>")
            except output.JSONPathError:
                row.append("<none>")
        rows.append(row)
    return output.table(rows)


def default_table(kind: str) -> TableDef:
    """The apiserver's default table for kinds without a printer: NAME AGE."""
    return TableDef(
        kind,
        ["NAME", "AGE"],
        lambda c, o: [o["metadata"]["name"], output.age(c, o["metadata"].get("creationTimestamp"))],
    )


def table_rows(
    cluster, p, k: kinds.Kind, objs: list[dict], wide: bool, several: bool, headers: bool = True
) -> list[list[str]]:
    """Header and rows of one kind's table, with the columns -A, --show-labels and -L add."""
    tdef = table_for(k.kind) or default_table(k.kind)
    cols = [c.upper() for c in tdef.columns]
    if wide and tdef.wide_row:
        cols += [c.upper() for c in tdef.wide_columns]
    label_cols = [c for c in p.get("label-columns") or [] if c]
    cols += [c.rsplit("/", 1)[-1].upper() for c in label_cols]
    if p.get("show-labels"):
        cols.append("LABELS")
    if p.get("all-namespaces") and k.namespaced:
        cols.insert(0, "NAMESPACE")
    rows = [cols] if headers and not p.get("no-headers") else []
    for obj in objs:
        row = list(tdef.row(cluster, obj))
        if several:
            row[0] = f"{k.qualified}/{row[0]}"
        if wide and tdef.wide_row:
            row += list(tdef.wide_row(cluster, obj))
        labels = obj["metadata"].get("labels") or {}
        row += [labels.get(c, "") for c in label_cols]
        if p.get("show-labels"):
            row.append(format_labels(labels))
        if p.get("all-namespaces") and k.namespaced:
            row.insert(0, obj["metadata"].get("namespace", ""))
        rows.append(row)
    return rows


def _tables(cluster, p, found: list[Found], wide: bool, several: bool) -> str:
    blocks = []
    for f in found:
        if not f.objects:
            continue
        blocks.append(output.table(table_rows(cluster, p, f.kind, f.objects, wide, several)))
    return "\n".join(blocks)


# -- watch -----------------------------------------------------------------------
def _watch(cluster, p, found: list[Found], errs: list[str]) -> Result:
    """The current table, then one row a change, under the blocking rule (k8stutor.kubectl.watch)."""
    if len(found) != 1:
        # upstream: get.go watch (multipleGVKsRequested)
        count = sum(len(f.objects) for f in found)
        raise ArgError(
            "error: watch is only supported on individual resources and resource collections, "
            f"but {count} resources were found"
        )
    if errs and found[0].by_name and not found[0].objects:
        return Result("", "".join(e + "\n" for e in errs), 1)  # nothing to watch: kubectl fails at once
    watch, text = start_watch(cluster, p, found[0])
    try:
        timeout = parse_duration(p["request-timeout"]) if p["request-timeout"] not in ("", "0") else None
    except ValueError:
        raise ArgError(
            f'error: invalid argument "{p["request-timeout"]}" for "--request-timeout" flag'
        ) from None
    block(cluster, timeout=timeout, activity=lambda: watch.events)
    text += watch.take()
    watch.stop()
    stderr = "".join(e + "\n" for e in errs)
    return Result(text, stderr, 1 if errs else 0)


def start_watch(cluster, p, found: Found) -> tuple[Watch, str]:
    """Start recording a watch; returns it and the initial table (empty with --watch-only)."""
    k = found.kind
    wide = str(p["output"]).startswith("wide")
    names = {o["metadata"]["name"] for o in found.objects} if found.by_name else None
    ns = None if p["all-namespaces"] else namespace_of(p)
    selector = _selector(p)
    tw = output.TabWriter()
    header_done = [False]

    def matches(obj: dict) -> bool:
        meta = obj.get("metadata") or {}
        if obj.get("kind") != k.kind or (names is not None and meta.get("name") not in names):
            return False
        if k.namespaced and ns is not None and meta.get("namespace") != ns:
            return False
        return selector is None or selector(meta.get("labels") or {})

    events = bool(p["output-watch-events"])
    holder: list[Watch] = []

    def with_event(rows: list[list[str]], typ: str, header: bool) -> list[list[str]]:
        # upstream: get.go watch with --output-watch-events prints metav1.WatchEvent rows: EVENT first
        if not events:
            return rows
        return [["EVENT", *r] if header and i == 0 else [typ, *r] for i, r in enumerate(rows)]

    def render(obj: dict) -> str:
        header = not header_done[0] and not p.get("no-headers")
        rows = table_rows(cluster, p, k, [obj], wide, False, headers=not header_done[0])
        header_done[0] = True
        if p["output"] == "name":
            return output.name_of(obj) + "\n"
        return tw.render(with_event(rows, holder[0].event_type if holder else "ADDED", header))

    initial = ""
    if not p["watch-only"] and found.objects:
        rows = table_rows(cluster, p, k, found.objects, wide, False)
        initial = tw.render(with_event(rows, "ADDED", not p.get("no-headers")))
        header_done[0] = not p.get("no-headers")
    watch = Watch(cluster, matches, render)
    holder.append(watch)
    return watch, initial
