"""kubectl's YAML reader: multi-document YAML to plain objects, with the line of every node.

kubectl splits a file into documents on ``---`` lines (apimachinery's YAMLReader), converts
each document to JSON with sigs.k8s.io/yaml (go-yaml v2 underneath: YAML 1.1 scalars) and
skips empty documents.  This module does the same with PyYAML's event parser (libyaml when
available), building the objects itself so that it can

* keep the (line, column) of every key and value, in block YAML and in KYAML (flow style);
* report duplicate keys, which PyYAML would silently overwrite;
* refuse anything but the standard YAML tags (no ``!!python/object``: only safe loading);
* stop hostile input early and say which cap was hit: input size, nesting depth, nodes
  (alias expansion included).

upstream: staging/src/k8s.io/apimachinery/pkg/util/yaml/decoder.go (YAMLReader),
sigs.k8s.io/yaml (YAMLToJSON), gopkg.in/yaml.v2 resolve.go (scalar resolution)
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

try:  # libyaml is ~10x faster; the pure-Python parser gives the same events
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

# The apiserver refuses request bodies over 3 MiB
# (upstream: staging/src/k8s.io/apiserver/pkg/server/config.go, MaxRequestBodyBytes).
MAX_BYTES = 3 * 1024 * 1024
MAX_DEPTH = 100
MAX_DOCUMENTS = 5_000
MAX_NODES = 100_000  # per file, counting every node an alias expands to

Path = tuple  # of str (mapping keys) and int (sequence indexes)


@dataclass(frozen=True)
class Problem:
    """Something wrong with the YAML itself, before any Kubernetes rule is looked at."""

    line: int
    column: int
    message: str
    code: str  # yaml-syntax, duplicate-key, tag, cap-size, cap-depth, cap-nodes, encoding, ...
    document: int | None = None
    path: Path = ()
    hint: str | None = None
    severity: str = "error"
    kubectl: str | None = None  # what kubectl prints for it; None when kubectl accepts the YAML


@dataclass
class Document:
    """One non-empty document: ``obj`` as kubectl would send it, and where each part came from."""

    index: int
    obj: Any
    start_line: int  # 1-based line where the document's text starts
    positions: dict = field(default_factory=dict)  # path -> (line, column) of the value
    key_positions: dict = field(default_factory=dict)  # path -> (line, column) of the key
    syntax_error: bool = False  # kubectl stops reading the file at this document

    def position(self, path: Path, key: bool = True) -> tuple[int, int]:
        """(line, column) of ``path``, or of its nearest ancestor that exists in the text."""
        path = tuple(path)
        if not key and path in self.positions:
            return self.positions[path]
        while True:  # the key of the path, or of its nearest ancestor present in the text
            if path in self.key_positions:
                return self.key_positions[path]
            if path in self.positions:
                return self.positions[path]
            if not path:
                return (self.start_line, 1)
            path = path[:-1]


@dataclass
class ParsedFile:
    filename: str | None
    text: str  # the decoded text ("" when it could not be decoded)
    documents: list[Document]
    problems: list[Problem]

    @property
    def lines(self) -> list[str]:
        return self.text.splitlines()


class _Cap(Exception):
    def __init__(self, code: str, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.code, self.message, self.line, self.column = code, message, line, column


def parse(source: str | bytes, filename: str | None = None) -> ParsedFile:
    """Read a manifest file; never raises on bad input (problems are returned instead)."""
    text, problem = _decode(source)
    if problem is not None:
        return ParsedFile(filename, text, [], [problem])
    documents: list[Document] = []
    problems: list[Problem] = []
    budget = [MAX_NODES]
    for start_line, chunk in split_documents(text):
        if not _has_content(chunk):
            continue
        index = len(documents)
        if index >= MAX_DOCUMENTS:
            problems.append(
                Problem(
                    start_line,
                    1,
                    f"more than {MAX_DOCUMENTS} documents in one file "
                    "(document cap hit): the rest was not read",
                    "cap-documents",
                    index,
                )
            )
            break
        doc = Document(index, None, start_line)
        try:
            chunk = _go_yaml_escapes(chunk, start_line, index, problems)
            doc.obj = _Builder(chunk, start_line, doc, problems, budget).build()
        except yaml.YAMLError as err:
            doc.syntax_error = True
            problems.append(_syntax_problem(err, chunk, start_line, index))
        except _Cap as cap:
            doc.syntax_error = True
            problems.append(
                Problem(
                    cap.line, cap.column, cap.message, cap.code, index, kubectl=_CAP_KUBECTL.get(cap.code)
                )
            )
        except RecursionError:  # pragma: no cover - the depth cap comes first
            doc.syntax_error = True
            problems.append(Problem(start_line, 1, "nesting too deep", "cap-depth", index))
        documents.append(doc)
        if doc.syntax_error:
            break  # kubectl's stream decoder cannot continue past a broken document
    return ParsedFile(filename, text, documents, problems)


# go-yaml's own limits give these texts when kubectl meets such input
# (upstream: gopkg.in/yaml.v2 decode.go, "document contains excessive aliasing").
_CAP_KUBECTL = {"cap-nodes": "yaml: document contains excessive aliasing"}


def _decode(source: str | bytes) -> tuple[str, Problem | None]:
    if isinstance(source, str):
        size = len(source.encode("utf-8", "surrogatepass"))
        text = source
    else:
        size = len(source)
        text = ""
    if size > MAX_BYTES:
        return "", Problem(
            1,
            1,
            f"the file is too large: more than {MAX_BYTES} bytes (3 MiB, the apiserver's "
            "request size limit); size cap hit, nothing was read",
            "cap-size",
            hint="split it into several files",
        )
    if isinstance(source, bytes):
        try:
            text = source.decode("utf-8")
        except UnicodeDecodeError as err:
            line = source.count(b"\n", 0, err.start) + 1
            col = err.start - (source.rfind(b"\n", 0, err.start) + 1) + 1
            bad = source[err.start : err.start + 1].hex()
            return "", Problem(
                line,
                col,
                f"the file is not UTF-8 text (byte 0x{bad} at offset {err.start})",
                "encoding",
                hint="save the file as UTF-8",
                kubectl="yaml: invalid leading UTF-8 octet",
            )
    text = text.removeprefix("\ufeff")
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        return text, Problem(
            line,
            1,
            "the file contains NUL bytes: it is binary, not YAML",
            "encoding",
            kubectl="yaml: control characters are not allowed",
        )
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as err:
        line = text.count("\n", 0, err.start) + 1
        return text, Problem(
            line, 1, "the text contains lone surrogate characters (not valid UTF-8)", "encoding"
        )
    return text, None


_SEPARATOR = re.compile(r"---(?:[ \t]+(?:#.*)?|#.*)?\Z")


def split_documents(text: str) -> list[tuple[int, str]]:
    """Split on ``---`` lines as kubectl's YAMLReader does: [(first line number, chunk)]."""
    chunks: list[tuple[int, str]] = []
    start, buf = 1, []
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        if line.startswith("---") and _SEPARATOR.match(line.rstrip("\r\n")):
            chunks.append((start, "".join(buf)))
            start, buf = number + 1, []
        else:
            buf.append(line)
    chunks.append((start, "".join(buf)))
    return chunks


def _has_content(chunk: str) -> bool:
    for line in chunk.splitlines():
        s = line.strip()
        if s and not s.startswith("#") and s != "...":
            return True
    return False


def _go_yaml_escapes(chunk: str, start_line: int, index: int, problems: list) -> str:
    """go-yaml accepts ``\\'`` inside double quotes (libyaml and the YAML spec do not).

    kubectl therefore reads such a file; we read it too, but report the escape as an error
    because other tools (and YAML 1.2) reject it.
    upstream: gopkg.in/yaml.v2 scannerc.go (yaml_parser_scan_flow_scalar)
    """
    if "\\'" not in chunk:
        return chunk
    for _ in range(1000):
        try:
            for _event in yaml.parse(chunk, Loader=_Loader):
                pass
            return chunk
        except yaml.scanner.ScannerError as err:
            mark = err.problem_mark
            if err.problem != "found unknown escape character" or mark is None:
                return chunk
            at = chunk.rfind("\\'", 0, mark.index + 2)
            if at < 0 or at < mark.index - 2:
                return chunk
            problems.append(
                Problem(
                    start_line + mark.line,
                    mark.column + 1,
                    "YAML syntax error: \\' is not a valid escape in a double-quoted string",
                    "yaml-escape",
                    index,
                    hint="write ' without the backslash; kubectl (go-yaml) tolerates \\' "
                    "but the YAML standard and most tools reject it",
                )
            )
            chunk = chunk[:at] + chunk[at + 1 :]
        except yaml.YAMLError:
            return chunk
    return chunk


def _syntax_problem(err: yaml.YAMLError, chunk: str, start_line: int, index: int) -> Problem:
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    problem = getattr(err, "problem", None) or str(err)
    line0 = mark.line if mark else 0
    col0 = mark.column if mark else 0
    # go-yaml reports scanner errors on the mark's line, parser errors one line earlier
    # (upstream: gopkg.in/yaml.v2 yaml.go, parser.fail), counted within the document.
    go_line = line0 + 1 if isinstance(err, yaml.scanner.ScannerError) else line0
    if not go_line and getattr(err, "context_mark", None) is not None:
        go_line = err.context_mark.line
    where = f"line {go_line}: " if go_line else ""
    kubectl = f"yaml: {where}{problem}"
    hint = None
    lines = chunk.splitlines()
    bad_line = lines[line0] if line0 < len(lines) else ""
    if "tab" in problem or "\t" in bad_line[: col0 + 1]:
        hint = "indent with spaces; YAML does not allow tabs for indentation"
    elif "mapping values are not allowed" in problem:
        hint = "a 'key: value' here is not expected: check the indentation, or quote a value containing ': '"
    elif "escape" in problem:
        hint = 'inside double quotes only YAML escapes such as \\n, \\t, \\" and \\\\ are allowed'
    if "nesting depth" in problem:  # libyaml's own depth limit met while scanning ahead
        return Problem(
            start_line + line0,
            col0 + 1,
            f"nesting too deep (depth cap hit: {problem}): refusing to load it",
            "cap-depth",
            index,
            kubectl=kubectl,
        )
    return Problem(
        start_line + line0,
        col0 + 1,
        f"YAML syntax error: {problem}",
        "yaml-syntax",
        index,
        hint=hint,
        kubectl=kubectl,
    )


_STD = "tag:yaml.org,2002:"
_NULLS = {"", "~", "null", "Null", "NULL"}
# upstream: gopkg.in/yaml.v2 resolve.go (YAML 1.1 booleans as go-yaml v2 reads them)
_BOOLS = {
    **dict.fromkeys(("y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"), True),
    **dict.fromkeys(("n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"), False),
}
_SPECIAL_FLOATS = {
    ".inf": math.inf,
    ".Inf": math.inf,
    ".INF": math.inf,
    "+.inf": math.inf,
    "+.Inf": math.inf,
    "+.INF": math.inf,
    "-.inf": -math.inf,
    "-.Inf": -math.inf,
    "-.INF": -math.inf,
    ".nan": math.nan,
    ".NaN": math.nan,
    ".NAN": math.nan,
}
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_INT = re.compile(r"[-+]?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)\Z")


def resolve_plain(value: str) -> Any:
    """A plain (unquoted) scalar as go-yaml v2 resolves it; timestamps stay strings."""
    if value in _NULLS:
        return None
    if value in _BOOLS:
        return _BOOLS[value]
    first = value[0]
    if first in "0123456789+-.":
        if value in _SPECIAL_FLOATS:
            return _SPECIAL_FLOATS[value]
        plain = value.replace("_", "")
        if _INT.match(plain):
            return _go_int(plain)
        if _FLOAT.match(plain):
            return float(plain)
    return value


def _go_int(plain: str) -> int:
    sign = -1 if plain.startswith("-") else 1
    digits = plain.lstrip("+-")
    low = digits.lower()
    if low.startswith(("0x", "0o", "0b")):
        return sign * int(digits, 0)
    if len(digits) > 1 and digits.startswith("0"):
        return sign * int(digits, 8)  # YAML 1.1 octal: 0644
    return sign * int(digits)


class _Builder:
    """Builds one document's object from parser events, iteratively (no recursion)."""

    def __init__(self, chunk: str, start_line: int, doc: Document, problems: list, budget: list) -> None:
        self.chunk, self.offset, self.doc, self.problems, self.budget = (
            chunk,
            start_line - 1,
            doc,
            problems,
            budget,
        )
        self.anchors: dict[str, tuple[Any, int]] = {}  # anchor -> (value, node count)

    def pos(self, mark) -> tuple[int, int]:
        return (self.offset + mark.line + 1, mark.column + 1)

    def count(self, n: int, mark) -> None:
        self.budget[0] -= n
        if self.budget[0] < 0:
            line, col = self.pos(mark)
            raise _Cap(
                "cap-nodes",
                f"the file expands to more than {MAX_NODES} YAML nodes, aliases expanded "
                "(node cap hit): refusing to load it (an alias bomb?)",
                line,
                col,
            )

    def build(self) -> Any:
        # frame: [container, path, pending key, anchor, start mark, node count, keys from a merge]
        stack: list[list] = []
        result: Any = None
        done = False
        positions = self.doc.positions
        offset = self.offset
        loader = _Loader(self.chunk)
        try:
            while True:
                event = loader.get_event()
                cls = event.__class__
                if cls is yaml.ScalarEvent:  # the hot path: most events are scalars
                    path = self._child_path(stack, event)
                    if path is None:
                        continue  # a mapping key was read
                    value = self._scalar(event, path)
                    mark = event.start_mark
                    positions[path] = (offset + mark.line + 1, mark.column + 1)
                    self.count(1, mark)
                    if event.anchor:
                        self._remember(event.anchor, value, path, 1)
                    n = 1
                elif cls is yaml.MappingEndEvent or cls is yaml.SequenceEndEvent:
                    frame = stack.pop()
                    value, path, n = frame[0], frame[1], frame[5]
                    if frame[3]:
                        self._remember(frame[3], value, path, n)
                elif cls is yaml.MappingStartEvent or cls is yaml.SequenceStartEvent:
                    path = self._child_path(stack, event)
                    if path is None:
                        continue
                    self._check_tag(event, path)
                    if len(stack) >= MAX_DEPTH:
                        line, col = self.pos(event.start_mark)
                        raise _Cap(
                            "cap-depth",
                            f"nesting deeper than {MAX_DEPTH} levels (depth cap hit): refusing to load it",
                            line,
                            col,
                        )
                    positions[path] = self.pos(event.start_mark)
                    self.count(1, event.start_mark)
                    container: Any = {} if cls is yaml.MappingStartEvent else []
                    stack.append([container, path, None, event.anchor, event.start_mark, 1, None])
                    continue
                elif cls is yaml.AliasEvent:
                    path = self._child_path(stack, event)
                    if path is None:
                        continue
                    value, n = self._alias(event, path)
                elif cls is yaml.DocumentStartEvent:
                    if done:
                        break  # go-yaml reads only the first document of a chunk
                    continue
                elif event is None or cls is yaml.StreamEndEvent:
                    break
                else:  # stream start, document end
                    continue
                if stack:
                    top = stack[-1]
                    top[5] += n
                    if top[0].__class__ is list:
                        top[0].append(value)
                    else:
                        self._attach(stack, value, path, event)
                else:
                    result, done = value, True
        finally:
            loader.dispose()
        return result

    def _child_path(self, stack: list, event) -> Path | None:
        """The path of the node this event starts; None when the event was a mapping key."""
        if not stack:
            return ()
        frame = stack[-1]
        container = frame[0]
        if isinstance(container, list):
            return frame[1] + (len(container),)
        if frame[2] is None:  # expecting a key
            key = self._key(event, frame)
            frame[2] = key
            return None
        return frame[1] + (frame[2][0],)

    def _key(self, event, frame: list) -> tuple:
        if isinstance(event, yaml.ScalarEvent):
            raw = event.value
            if event.implicit[0] and raw == "<<":
                return ("<<", self.pos(event.start_mark))
            value = resolve_plain(raw) if event.implicit[0] else raw
            key = _json_key(value)
        elif isinstance(event, yaml.AliasEvent):
            if event.anchor not in self.anchors:
                raise yaml.composer.ComposerError(
                    None, None, f"found undefined alias {event.anchor!r}", event.start_mark
                )
            key = _json_key(self.anchors[event.anchor][0])
        else:
            line, col = self.pos(event.start_mark)
            raise _Cap("yaml-key", "a mapping or list cannot be used as a mapping key", line, col)
        return (key, self.pos(event.start_mark))

    def _attach(self, stack: list, value: Any, path: Path, event) -> None:
        frame = stack[-1]
        container = frame[0]
        if isinstance(container, list):
            container.append(value)
            return
        key, key_pos = frame[2]
        frame[2] = None
        if key == "<<":
            frame[6] = (frame[6] or set()) | self._merge(container, value, frame[1], key_pos)
            return
        merged = frame[6] or ()
        if key in container and key not in merged:
            first = self.doc.key_positions.get(path)
            where = f" (first set on line {first[0]})" if first else ""
            self.problems.append(
                Problem(
                    key_pos[0],
                    key_pos[1],
                    f'duplicate key "{key}"{where}: YAML keeps only the last one',
                    "duplicate-key",
                    self.doc.index,
                    path,
                    hint="remove one of them, or merge their contents under a single key",
                )
            )
        elif key in merged:
            frame[6].discard(key)
        container[key] = value
        self.doc.key_positions[path] = key_pos

    def _merge(self, container: dict, value: Any, path: Path, key_pos: tuple) -> set:
        """``<<: *base`` adds the keys not set explicitly (YAML 1.1 merge keys, as go-yaml does)."""
        sources = value if isinstance(value, list) else [value]
        merged: set = set()
        for src in sources:
            if not isinstance(src, dict):
                raise _Cap(
                    "yaml-merge",
                    "a merge key (<<) needs a mapping or a list of mappings",
                    key_pos[0],
                    key_pos[1],
                )
            for k, v in src.items():
                if k not in container:
                    container[k] = v
                    merged.add(k)
                    self.doc.key_positions.setdefault(path + (k,), key_pos)
        return merged

    def _alias(self, event, path: Path) -> tuple[Any, int]:
        if event.anchor not in self.anchors:
            raise yaml.composer.ComposerError(
                None, None, f"found undefined alias {event.anchor!r}", event.start_mark
            )
        value, size = self.anchors[event.anchor]
        self.count(size, event.start_mark)  # before copying: an alias bomb stops here
        self.doc.positions[path] = self.pos(event.start_mark)
        return _copy(value), size

    def _remember(self, anchor: str, value: Any, path: Path, size: int) -> None:
        self.anchors[anchor] = (value, size)

    def _scalar(self, event, path: Path) -> Any:
        tag = event.tag
        if event.implicit[0] and (tag is None or tag == "!"):
            return resolve_plain(event.value)
        if tag is None or tag == "!" or event.implicit[1] and tag is None:
            return event.value
        if not tag.startswith(_STD):
            self._bad_tag(tag, event, path)
        name = tag[len(_STD) :]
        if name in ("str", "binary", "timestamp"):
            return event.value
        if name == "null":
            return None
        value = resolve_plain(event.value) if event.value else None
        wanted = {"int": int, "float": (int, float), "bool": bool}.get(name)
        if wanted is None:
            self._bad_tag(tag, event, path)
        if not isinstance(value, wanted) or (name == "int" and isinstance(value, bool)):
            line, col = self.pos(event.start_mark)
            raise _Cap("tag", f"cannot decode {event.value!r} as !!{name}", line, col)
        return float(value) if name == "float" else value

    def _check_tag(self, event, path: Path) -> None:
        tag = event.tag
        if tag is None or tag == "!" or event.implicit:
            return
        if tag not in (_STD + "map", _STD + "seq", _STD + "omap"):
            self._bad_tag(tag, event, path)

    def _bad_tag(self, tag: str, event, path: Path) -> None:
        line, col = self.pos(event.start_mark)
        short = tag.replace(_STD, "!!")
        raise _Cap(
            "tag",
            f"the YAML tag {short} is not allowed: Kubernetes manifests hold only plain "
            "strings, numbers, booleans, null, lists and mappings",
            line,
            col,
        )


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def _json_key(value: Any) -> str:
    """sigs.k8s.io/yaml turns non-string keys into their JSON text (``80`` -> ``"80"``)."""
    if isinstance(value, str):
        return value
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
