"""``kubectl create configmap NAME [--from-file=[key=]source] [--from-literal=k=v] [--from-env-file=f]``.

Builds the ConfigMap exactly as kubectl v1.32 does (key derivation from file names,
directories read one regular file per key, non-UTF-8 files into ``binaryData``, env-file
parsing, ``--append-hash``) with kubectl's error texts, then creates it (or only prints it
with ``--dry-run=client``).  The helpers here are shared with ``create secret``.
upstream: staging/src/k8s.io/kubectl/pkg/cmd/create/create_configmap.go,
staging/src/k8s.io/kubectl/pkg/util/util.go (ParseFileSource, ParseLiteralSource),
staging/src/k8s.io/kubectl/pkg/cmd/util/env_file.go, staging/src/k8s.io/kubectl/pkg/util/hash/hash.go,
staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go (IsConfigMapKey, IsEnvVarName).
"""

from __future__ import annotations

import base64
import hashlib
import json
import posixpath
import re
from collections.abc import Callable, Iterator

from ...api import errors
from ...terminal.result import Result, fail
from .. import output
from ..args import DRY_RUN, OUTPUT, ArgError, Flag, flags, parse
from ..printers import goyaml
from . import subcommand

# -- errors -----------------------------------------------------------------------------


class CreateError(Exception):
    """A user's mistake; ``str()`` is kubectl's message (printed after ``error: ``)."""


# -- Go formatting helpers --------------------------------------------------------------

def go_quote(s: str) -> str:
    """Go's ``%q`` (strconv.Quote) of a string."""
    out = ['"']
    for ch in s:
        o = ord(ch)
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch.isprintable():
            out.append(ch)
        elif ch in "\a\b\f\n\r\t\v":
            out.append("\\" + "abfnrtv"["\a\b\f\n\r\t\v".index(ch)])
        elif o < 0x20 or o == 0x7F:
            out.append(f"\\x{o:02x}")
        elif o < 0x10000:
            out.append(f"\\u{o:04x}")
        else:
            out.append(f"\\U{o:08x}")
    return "".join(out) + '"'


def go_json(obj: object, indent: int | None = None) -> str:
    """encoding/json Marshal(Indent) of ``obj`` with keys in the order given (structs keep field order)."""
    sep = (",", ": ") if indent else (",", ":")
    text = json.dumps(obj, ensure_ascii=False, indent=indent, separators=sep)
    for a, b in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                 ("\u2029", "\\u2029")):
        text = text.replace(a, b)
    return text


_META_ORDER = ("name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation",
               "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "labels",
               "annotations", "ownerReferences", "finalizers", "managedFields")
_KIND_ORDER = {"ConfigMap": ("kind", "apiVersion", "metadata", "immutable", "data", "binaryData"),
               "Secret": ("kind", "apiVersion", "metadata", "immutable", "data", "stringData", "type")}


def typed_order(obj: dict) -> dict:
    """The object with keys as kubectl's typed corev1 structs serialise them (maps sorted)."""
    meta = obj.get("metadata") or {}
    ordered_meta = {k: _sorted_maps(meta[k]) for k in _META_ORDER if k in meta}
    out: dict = {}
    for k in _KIND_ORDER[obj["kind"]]:
        if k == "metadata":
            out[k] = ordered_meta
        elif k in obj:
            out[k] = _sorted_maps(obj[k])
    return out


def _sorted_maps(v: object) -> object:
    if isinstance(v, dict):
        return {k: _sorted_maps(v[k]) for k in sorted(v)}
    return v


# -- validation.go ----------------------------------------------------------------------

_CONFIG_KEY = re.compile(r"[-._a-zA-Z0-9]+")
_ENV_NAME = re.compile(r"[-._a-zA-Z][-._a-zA-Z0-9]*")
CONFIG_KEY_MSG = ("a valid config key must consist of alphanumeric characters, '-', '_' or '.' "
                  "(e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', "
                  "regex used for validation is '[-._a-zA-Z0-9]+')")
ENV_NAME_MSG = ("a valid environment variable name must consist of alphabetic characters, digits, '_', "
                "'-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  "
                "or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')")


def _chdir_prefix(value: str) -> list[str]:
    if value == ".":
        return ["must not be '.'"]
    if value == "..":
        return ["must not be '..'"]
    if value.startswith(".."):
        return ["must not start with '..'"]
    return []


def is_config_map_key(value: str) -> list[str]:
    """validation.IsConfigMapKey (the same rule for Secret keys)."""
    errs = []
    if len(value) > 253:
        errs.append("must be no more than 253 characters")
    if not _CONFIG_KEY.fullmatch(value):
        errs.append(CONFIG_KEY_MSG)
    return errs + _chdir_prefix(value)


def is_env_var_name(value: str) -> list[str]:
    """validation.IsEnvVarName."""
    errs = [] if _ENV_NAME.fullmatch(value) else [ENV_NAME_MSG]
    return errs + _chdir_prefix(value)


# -- sources (util.go, env_file.go) ----------------------------------------------------

def parse_file_source(source: str) -> tuple[str, str]:
    """``path`` or ``key=path`` -> (key, path)."""
    n = source.count("=")
    if n == 0:
        return _go_path_base(source), source
    if n == 1 and source.startswith("="):
        raise CreateError(f"key name for file path {source[1:]} missing")
    if n == 1 and source.endswith("="):
        raise CreateError(f"file path for key name {source[:-1]} missing")
    if n > 1:
        raise CreateError("key names or file paths cannot contain '='")
    key, path = source.split("=")
    return key, path


def _go_path_base(p: str) -> str:
    """path.Base: trailing slashes dropped, "" -> ".", all slashes -> "/"."""
    if p == "":
        return "."
    stripped = p.rstrip("/")
    if stripped == "":
        return "/"
    return stripped.rsplit("/", 1)[-1]


def parse_literal_source(source: str) -> tuple[str, str]:
    if source.startswith("=") or "=" not in source:
        raise CreateError(f"invalid literal source {source}, expected key=value")
    key, _, value = source.partition("=")
    return key, value


class HostFiles:
    """The simulated host's files as os.Stat / os.ReadDir / os.ReadFile see them."""

    def __init__(self, cluster) -> None:
        self.cluster = cluster

    def kind(self, path: str) -> str | None:
        """"file", "dir" or None (no such file or directory)."""
        full = self.cluster.path(path)
        if full in self.cluster.files:
            return "file"
        prefix = full.rstrip("/") + "/"
        if full == "/" or any(f.startswith(prefix) for f in self.cluster.files):
            return "dir"
        return None

    def read(self, path: str) -> bytes:
        return self.cluster.read_file(path)

    def regular_files(self, path: str) -> list[str]:
        """Names of the regular files directly in directory ``path``, sorted as os.ReadDir sorts them."""
        prefix = self.cluster.path(path).rstrip("/") + "/"
        names = {f[len(prefix):] for f in self.cluster.files if f.startswith(prefix)}
        return sorted((n for n in names if "/" not in n), key=lambda n: n.encode())


def stat_or_error(host: HostFiles, path: str) -> str:
    kind = host.kind(path)
    if kind is None:
        raise CreateError(f"error reading {path}: no such file or directory")
    return kind


def file_sources(host: HostFiles, sources: list[str], add_file: Callable[[str, str], None]) -> None:
    """handleConfigMapFromFileSources / handleSecretFromFileSources: one add_file(key, path) per file."""
    for source in sources:
        key, path = parse_file_source(source)
        if stat_or_error(host, path) == "dir":
            if "=" in source:
                raise CreateError("cannot give a key name for a directory path")
            for name in host.regular_files(path):
                add_file(name, posixpath.join(path, name))
        else:
            add_file(key, path)


# unicode.IsSpace: the Unicode White_Space property
_GO_SPACE = "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a" \
            "\u2028\u2029\u202f\u205f\u3000"


def env_file_pairs(cluster, path: str, data: bytes) -> Iterator[tuple[str, str]]:
    """cmdutil.AddFromEnvFile: KEY=VALUE lines; '#' comments; a bare KEY takes the shell's value.

    A generator: kubectl adds each pair before it reads the next line (so a duplicate key is
    reported before a bad line further down).
    """
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()  # bufio.ScanLines: no empty token after the final newline
    for n, raw in enumerate(lines):
        line = raw[:-1] if raw.endswith(b"\r") else raw
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            shown = " ".join(str(b) for b in line)
            raise CreateError(
                f"env file {path} contains invalid utf8 bytes at line {n + 1}: [{shown}]") from None
        if n == 0 and text.startswith("\ufeff"):
            text = text[1:]
        text = text.lstrip(_GO_SPACE)
        if not text or text.startswith("#"):
            continue
        key, eq, value = text.partition("=")
        errs = is_env_var_name(key)
        if errs:
            raise CreateError(f"{go_quote(key)} is not a valid key name: {';'.join(errs)}")
        yield key, (value if eq else cluster.env.get(key, ""))


def env_file_sources(cluster, host: HostFiles, sources: list[str], add: Callable[[str, str], None],
                     what: str) -> None:
    for source in sources:
        if stat_or_error(host, source) == "dir":
            raise CreateError(f"env {what} file cannot be a directory")
        for key, value in env_file_pairs(cluster, source, host.read(source)):
            add(key, value)


# -- hash.go ----------------------------------------------------------------------------

def encode_hash(hex_digest: str) -> str:
    return hex_digest[:10].translate(str.maketrans("013ae", "ghkmt"))


def configmap_hash(cm: dict) -> str:
    m: dict = {"kind": "ConfigMap", "name": cm["metadata"]["name"], "data": cm.get("data") or {}}
    if "immutable" in cm:
        m["immutable"] = cm["immutable"]
    if cm.get("binaryData"):
        m["binaryData"] = cm["binaryData"]
    return encode_hash(hashlib.sha256(go_json(_sorted_maps(m)).encode()).hexdigest())


def secret_hash(secret: dict) -> str:
    m: dict = {"kind": "Secret", "type": secret.get("type", ""), "name": secret["metadata"]["name"],
               "data": secret.get("data") or {}}
    if "immutable" in secret:
        m["immutable"] = secret["immutable"]
    return encode_hash(hashlib.sha256(go_json(_sorted_maps(m)).encode()).hexdigest())


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


# -- the ConfigMap ----------------------------------------------------------------------

def build_configmap(cluster, name: str, namespace: str | None, files: list[str], literals: list[str],
                    env_files: list[str], append_hash: bool) -> dict:
    """createConfigMap: the object kubectl sends; raises CreateError with kubectl's text."""
    data: dict[str, str] = {}
    binary: dict[str, str] = {}
    host = HostFiles(cluster)

    def check(key: str) -> None:
        errs = is_config_map_key(key)
        if errs:
            raise CreateError(f"{go_quote(key)} is not a valid key name for a ConfigMap: {','.join(errs)}")
        if key in data:
            raise CreateError(f"cannot add key {go_quote(key)}, another key by that name already exists in "
                              f"Data for ConfigMap {go_quote(name)}")
        if key in binary:
            raise CreateError(f"cannot add key {go_quote(key)}, another key by that name already exists in "
                              f"BinaryData for ConfigMap {go_quote(name)}")

    def add_literal(key: str, value: str) -> None:
        check(key)
        data[key] = value

    def add_file(key: str, path: str) -> None:
        content = host.read(path)
        try:
            add_literal(key, content.decode("utf-8"))
        except UnicodeDecodeError:
            check(key)
            binary[key] = b64(content)

    file_sources(host, files, add_file)
    for source in literals:
        add_literal(*parse_literal_source(source))
    env_file_sources(cluster, host, env_files, add_literal, "config")
    meta: dict = {"name": name, "creationTimestamp": None}
    if namespace:
        meta["namespace"] = namespace
    cm: dict = {"kind": "ConfigMap", "apiVersion": "v1", "metadata": meta}
    if data:
        cm["data"] = data
    if binary:
        cm["binaryData"] = binary
    if append_hash:
        meta["name"] = f"{name}-{configmap_hash(cm)}"
    return cm


# -- the command ------------------------------------------------------------------------

COMMON = (
    OUTPUT, DRY_RUN,
    Flag("save-config", kind="bool", default=False),
    Flag("validate", default="strict", no_opt="strict"),
    Flag("field-manager", default="kubectl-create"),
    Flag("template"),
    Flag("allow-missing-template-keys", kind="bool", default=True),
    Flag("show-managed-fields", kind="bool", default=False),
    Flag("append-hash", kind="bool", default=False),
)
SPEC = flags(
    *COMMON,
    Flag("from-file", kind="strings", default=[]),
    Flag("from-literal", kind="array", default=[]),
    Flag("from-env-file", kind="strings", default=[]),
)
OUTPUT_FORMATS = ("go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,"
                  "templatefile,yaml")


def name_from_args(verb: str, args: list[str]) -> str:
    """NameFromCommandArgs."""
    if len(args) != 1:
        raise ArgError(f"error: exactly one NAME is required, got {len(args)}\n"
                       f"See 'kubectl {verb} -h' for help and examples")
    return args[0]


@subcommand("configmap", aliases=("cm",))
def run(cluster, argv: list[str], stdin: str = "") -> Result:
    try:
        p = parse("create configmap", argv, SPEC)
        name = name_from_args("create configmap", p.args)
        dry = dry_run(p)
        check_output(p)
        if p["from-env-file"] and (p["from-file"] or p["from-literal"]):
            raise CreateError("from-env-file cannot be combined with from-file or from-literal")
        cm = build_configmap(cluster, name, namespace_flag(p), p["from-file"], p["from-literal"],
                             p["from-env-file"], p["append-hash"])
    except ArgError as exc:
        return exc.result()
    except CreateError as exc:
        return fail(f"error: {exc}")
    return send(cluster, cm, p, dry, "failed to create configmap: ")


def namespace_flag(p) -> str | None:
    """EnforceNamespace: the namespace is written into the object only when ``-n`` was given."""
    return str(p["namespace"]) if "namespace" in p.explicit else None


def dry_run(p) -> str:
    from ..verbs.apply import dry_run_mode

    return dry_run_mode(p)


def check_output(p) -> None:
    fmt = str(p["output"] or "")
    base = fmt.split("=", 1)[0]
    if fmt and base not in OUTPUT_FORMATS.split(","):
        raise CreateError(f'unable to match a printer suitable for the output format "{fmt}", '
                          f"allowed formats are: {OUTPUT_FORMATS}")


def with_annotation(obj: dict) -> dict:
    """CreateOrUpdateAnnotation (--save-config): the typed object's JSON as last-applied."""
    out = json.loads(json.dumps(obj))
    value = go_json(typed_order(obj)) + "\n"
    annotations = out["metadata"].setdefault("annotations", {})
    annotations["kubectl.kubernetes.io/last-applied-configuration"] = value
    return out


def send(cluster, obj: dict, p, dry: str, failure: str) -> Result:
    """Create ``obj`` (unless --dry-run=client) and print it as kubectl's PrintFlags do."""
    if p["save-config"]:
        obj = with_annotation(obj)
    shown = obj
    if dry != "client":
        stored = {k: v for k, v in obj.items()}
        stored["metadata"] = {k: v for k, v in obj["metadata"].items() if k != "creationTimestamp"}
        stored["metadata"].setdefault("namespace", str(p["namespace"] or "default"))
        try:
            from ..verbs.apply import check_namespace

            check_namespace(cluster, stored)  # the NamespaceLifecycle admission plugin
            if dry == "server":
                _server_dry_run(cluster, stored)
                shown = stored
            else:
                shown = cluster.store.create(stored)
        except errors.ApiError as exc:
            # the apiserver's own message (kubectl wraps it with %v, so no "The ... is invalid" rewording)
            message = exc.message.removeprefix("The ") if isinstance(exc, errors.Invalid) else exc.message
            return fail(f"error: {failure}{message}")
    return print_object(shown, p, dry)


def _server_dry_run(cluster, obj: dict) -> None:
    meta = obj["metadata"]
    if cluster.store.find(obj["kind"], meta["name"], meta["namespace"]):
        raise errors.AlreadyExists.of(obj["kind"].lower() + "s", meta["name"])


def print_object(obj: dict, p, dry: str) -> Result:
    from ..verbs.apply import DRY_RUN_SUFFIX

    fmt = str(p["output"] or "")
    if fmt == "yaml":
        try:
            return Result(goyaml.dump(obj))
        except goyaml.YAMLError as exc:
            return fail(f"error: {exc}")
    if fmt == "json":
        return Result(go_json(typed_order(obj), indent=4) + "\n")
    if fmt == "name":
        return Result(output.name_of(obj) + "\n")
    if fmt.startswith("jsonpath="):
        try:
            return Result(output.jsonpath(fmt.split("=", 1)[1], obj))
        except output.JSONPathError as exc:
            return fail(f"error: {exc}")
    return Result(f"{output.name_of(obj)} created{DRY_RUN_SUFFIX[dry]}\n")
