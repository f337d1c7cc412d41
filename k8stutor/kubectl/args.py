"""kubectl's command-line parsing: cobra + pflag rules, kubectl's error texts.

upstream: github.com/spf13/pflag flag.go (parseLongArg / parseShortArg: ``--f=v``,
``--f v``, ``-n v``, ``-nv``, ``-it``, ``--`` ends flags; flags anywhere among the
arguments) and staging/src/k8s.io/cli-runtime/pkg/resource/builder.go
(``TYPE NAME...``, ``TYPE/NAME``, ``TYPE1,TYPE2``).  A parse error becomes
cobra's text (``Error: unknown flag: --foo`` plus the "See 'kubectl get --help'
for usage." line), raised as :class:`ArgError`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..api import kinds
from ..terminal.result import Result, fail


class ArgError(Exception):
    """A usage error; ``str()`` is the whole text kubectl prints on stderr."""

    def result(self) -> Result:
        return fail(str(self))


class HelpRequested(ArgError):
    """``-h`` / ``--help``: cobra prints the command's help on stdout and exits 0.

    An :class:`ArgError` so that every caller's ``except ArgError as exc: return exc.result()`` prints it.
    """

    def __init__(self, verb: str) -> None:
        super().__init__(verb)
        self.verb = verb

    def result(self) -> Result:
        from .help import text

        found = text(self.verb)
        if found is None:
            return Result(f'k8stutor: no help text for "kubectl {self.verb}".\n')
        return Result(found)


@dataclass(frozen=True)
class Flag:
    long: str
    short: str = ""
    kind: str = "string"  # bool | string | int | strings (repeatable) | array (repeatable, no comma split)
    default: object = None
    no_opt: str | None = None  # pflag NoOptDefVal: the value of a bare ``--flag``


def flags(*specs: Flag) -> dict[str, Flag]:
    return {f.long: f for f in specs}


#: kubectl's global flags (every verb accepts them); the simulator uses ``namespace``.
GLOBAL = flags(
    Flag("namespace", "n"),
    Flag("kubeconfig"),
    Flag("context"),
    Flag("cluster"),
    Flag("user"),
    Flag("server", "s"),
    Flag("token"),
    Flag("as"),
    Flag("request-timeout", default="0"),
    Flag("v", "v", kind="int", default=0),
    Flag("insecure-skip-tls-verify", kind="bool", default=False),
    Flag("help", "h", kind="bool", default=False),
)

FILENAME = Flag("filename", "f", kind="array", default=[])
SELECTOR = Flag("selector", "l")
OUTPUT = Flag("output", "o", default="")
DRY_RUN = Flag("dry-run", default="none", no_opt="unchanged")
ALL_NAMESPACES = Flag("all-namespaces", "A", kind="bool", default=False)
RECURSIVE = Flag("recursive", "R", kind="bool", default=False)


@dataclass
class Parsed:
    args: list[str] = field(default_factory=list)
    values: dict[str, object] = field(default_factory=dict)
    explicit: set[str] = field(default_factory=set)
    dash: list[str] | None = None  # words after ``--`` (exec, run)
    args_before_dash: int = 0

    def __getitem__(self, name: str):
        return self.values[name]

    def get(self, name: str, default=None):
        return self.values.get(name, default)


def usage(verb: str, message: str) -> ArgError:
    return ArgError(f"Error: {message}\nSee 'kubectl {verb} --help' for usage.")


def parse(verb: str, argv: list[str], spec: dict[str, Flag]) -> Parsed:
    """Split ``argv`` into arguments and flag values as pflag does; raises :class:`ArgError`."""
    table = {**GLOBAL, **spec}
    shorts = {f.short: f for f in table.values() if f.short}
    out = Parsed(values={name: _copy(f.default) for name, f in table.items()})
    i = 0
    while i < len(argv):
        word = argv[i]
        i += 1
        if word == "--":
            out.args_before_dash = len(out.args)
            out.dash = list(argv[i:])
            break
        if word.startswith("--") and len(word) > 2:
            name, eq, value = word[2:].partition("=")
            flag = table.get(name)
            if flag is None:
                raise usage(verb, f"unknown flag: --{name}")
            if not eq:
                if flag.kind == "bool":
                    value = "true"
                elif flag.no_opt is not None:
                    value = flag.no_opt
                elif i < len(argv):
                    value, i = argv[i], i + 1
                else:
                    raise usage(verb, f"flag needs an argument: --{name}")
            _set(verb, out, flag, value, f"--{name}")
        elif word.startswith("-") and len(word) > 1:
            i = _shorts(verb, word, argv, i, shorts, out)
        else:
            out.args.append(word)
    if out.dash is None:
        out.args_before_dash = len(out.args)
    if out.values.get("help"):
        raise HelpRequested(verb)
    return out


def _shorts(verb: str, word: str, argv: list[str], i: int, shorts: dict[str, Flag], out: Parsed) -> int:
    # upstream: pflag parseSingleShortArg: "-it" is two bools; "-nfoo" / "-n=foo" / "-n foo" a value
    rest = word[1:]
    while rest:
        c, rest = rest[0], rest[1:]
        flag = shorts.get(c)
        if flag is None:
            raise usage(verb, f"unknown shorthand flag: '{c}' in {word}")
        if flag.kind == "bool":
            value = "true"
            if rest.startswith("="):
                value, rest = rest[1:], ""
            _set(verb, out, flag, value, f"-{c}")
            continue
        if rest.startswith("="):
            value = rest[1:]
        elif rest:
            value = rest
        elif flag.no_opt is not None:
            value = flag.no_opt
        elif i < len(argv):
            value, i = argv[i], i + 1
        else:
            raise usage(verb, f"flag needs an argument: '{c}' in {word}")
        _set(verb, out, flag, value, f"-{c}")
        return i
    return i


def _set(verb: str, out: Parsed, flag: Flag, value: str, shown: str) -> None:
    name = f"-{flag.short}, --{flag.long}" if flag.short else f"--{flag.long}"
    if flag.kind == "bool":
        lowered = {
            "1": True,
            "t": True,
            "T": True,
            "true": True,
            "TRUE": True,
            "True": True,
            "0": False,
            "f": False,
            "F": False,
            "false": False,
            "FALSE": False,
            "False": False,
        }
        if value not in lowered:
            raise usage(
                verb,
                f'invalid argument "{value}" for "{name}" flag: '
                f'strconv.ParseBool: parsing "{value}": invalid syntax',
            )
        out.values[flag.long] = lowered[value]
    elif flag.kind == "int":
        try:
            out.values[flag.long] = int(value)
        except ValueError:
            raise usage(
                verb,
                f'invalid argument "{value}" for "{name}" flag: '
                f'strconv.ParseInt: parsing "{value}": invalid syntax',
            ) from None
    elif flag.kind in ("strings", "array"):
        items = value.split(",") if flag.kind == "strings" else [value]
        if flag.long not in out.explicit:
            out.values[flag.long] = []
        out.values[flag.long] = [*out.values[flag.long], *items]
    else:
        out.values[flag.long] = value
    out.explicit.add(flag.long)


def _copy(value: object) -> object:
    return list(value) if isinstance(value, list) else value


# -- resource arguments -------------------------------------------------------
@dataclass
class ResourceArgs:
    """What ``TYPE NAME...`` / ``TYPE/NAME...`` / ``TYPE1,TYPE2`` ask for: (kind, names or [] for all)."""

    requests: list[tuple[kinds.Kind, list[str]]]
    #: more than one type was asked for (or ``all``): names print as ``pod/x``
    several_types: bool = False


#: kubectl's "all" category, in discovery order (core, apps, autoscaling, batch).
ALL_CATEGORY = (
    "Pod",
    "ReplicationController",
    "Service",
    "DaemonSet",
    "Deployment",
    "ReplicaSet",
    "StatefulSet",
    "HorizontalPodAutoscaler",
    "CronJob",
    "Job",
)


def resource_args(args: list[str]) -> ResourceArgs:
    """Resolve resource arguments; raises :class:`ArgError` (kubectl's text) or ``kinds.UnknownKind``."""
    if not args:
        return ResourceArgs([])
    if any("/" in a for a in args):
        out: list[tuple[kinds.Kind, list[str]]] = []
        for a in args:
            if "/" not in a:
                raise ArgError(
                    "error: there is no need to specify a resource type as a separate argument when "
                    "passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' "
                    "instead of 'kubectl get resource resource/<resource_name>'"
                )
            typ, _, name = a.partition("/")
            if not name:
                raise ArgError("error: arguments in resource/name form must have a single resource and name")
            k = kinds.resolve(typ)
            for i, (kk, names) in enumerate(out):
                if kk == k:
                    out[i] = (kk, [*names, name])
                    break
            else:
                out.append((k, [name]))
        return ResourceArgs(out, several_types=len(out) > 1)
    types = [t for t in args[0].split(",") if t]
    if not types:
        raise kinds.UnknownKind(args[0])
    names = args[1:]
    resolved: list[kinds.Kind] = []
    several = len(types) > 1
    for t in types:
        if t.lower() == "all":
            several = True
            resolved.extend(k for k in (kinds.by_kind(n) for n in ALL_CATEGORY) if k and k not in resolved)
        else:
            k = kinds.resolve(t)
            if k not in resolved:
                resolved.append(k)
    return ResourceArgs([(k, list(names)) for k in resolved], several_types=several)


def hoist_globals(argv: list[str]) -> list[str]:
    """``kubectl -n kube-system get pods`` = ``kubectl get pods -n kube-system``: cobra accepts the
    root command's persistent flags before the verb.  Moves leading global flags after the verb."""
    shorts = {f.short: f for f in GLOBAL.values() if f.short}
    lead: list[str] = []
    i = 0
    while i < len(argv) and argv[i].startswith("-") and argv[i] not in ("-", "--"):
        word = argv[i]
        name = word[2:].partition("=")[0] if word.startswith("--") else word[1:2]
        flag = GLOBAL.get(name) if word.startswith("--") else shorts.get(name)
        if flag is None:
            return argv  # not a global flag: let the verb lookup report it
        takes_value = flag.kind != "bool" and "=" not in word and (word.startswith("--") or len(word) == 2)
        lead.extend(argv[i : i + 2] if takes_value else argv[i : i + 1])
        i += 2 if takes_value else 1
    if not lead or i >= len(argv):
        return argv
    return [argv[i], *lead, *argv[i + 1 :]]


def namespace_of(parsed: Parsed) -> str:
    return str(parsed.get("namespace") or "default")
