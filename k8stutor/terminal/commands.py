"""The commands the simulated shell knows: the cluster's CLIs and a few coreutils.

Each is ``fn(shell, argv, stdin) -> Result``, with the texts GNU coreutils print for common
mistakes.  ``sleep`` lets virtual time pass.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable

from ..clock import parse_duration
from .result import Result

Command = Callable[..., Result]
TABLE: dict[str, Command] = {}


def command(*names: str) -> Callable[[Command], Command]:
    def deco(fn: Command) -> Command:
        for n in names:
            TABLE[n] = fn
        return fn

    return deco


@command("kubectl")
def kubectl(sh, argv: list[str], stdin: str) -> Result:
    return sh.cluster.kubectl(argv[1:], stdin)


@command("minikube")
def minikube(sh, argv: list[str], stdin: str) -> Result:
    return sh.cluster.minikube(argv[1:])


@command("curl")
def curl(sh, argv: list[str], stdin: str) -> Result:
    return sh.cluster.curl(argv[1:])


def background(sh, argv: list[str]) -> Result | None:
    """``CMD &``: the commands that keep printing while the cell goes on; None runs CMD in the foreground.

    ``kubectl get -w`` (a :class:`k8stutor.kubectl.watch.Watch`), ``kubectl port-forward`` and
    ``minikube tunnel`` (the net part's ``background(cluster, argv)`` returning ``(watch_like, Result)``).
    """
    import importlib

    if argv[:2] == ["kubectl", "get"]:
        return background_watch(sh, argv[1:])
    if argv[:2] == ["kubectl", "port-forward"]:
        module, rest = "k8stutor.kubectl.verbs.port_forward", argv[2:]
    elif argv[:2] == ["minikube", "tunnel"]:
        module, rest = "k8stutor.minikube", argv[1:]
    else:
        return None
    try:
        fn = getattr(importlib.import_module(module), "background", None)
    except ModuleNotFoundError:
        return None
    started = fn(sh.cluster, rest) if fn else None
    if started is None:
        return None
    watch_like, result = started
    sh.watches.append(watch_like)
    return result


def background_watch(sh, argv: list[str]) -> Result | None:
    """``kubectl get ... -w &``: start a watch whose rows print as the cell goes on; None if not one."""
    from ..kubectl.args import ArgError
    from ..kubectl.verbs import get

    if not argv or argv[0] != "get":
        return None
    try:
        p = get.parse("get", argv[1:], get.SPEC)
        if not (p["watch"] or p["watch-only"]):
            return None
        found, errs = get._collect(sh.cluster, p, "")
    except (ArgError, LookupError, Exception):  # noqa: BLE001 - the foreground run reports the error
        return None
    if len(found) != 1:
        return None
    watch, initial = get.start_watch(sh.cluster, p, found[0])
    sh.watches.append(watch)
    return Result(initial, "".join(e + "\n" for e in errs), 0)


@command("echo")
def echo(sh, argv: list[str], stdin: str) -> Result:
    args, newline, escapes = argv[1:], True, False
    while args and re.fullmatch(r"-[neE]+", args[0]):
        newline = newline and "n" not in args[0]
        escapes = "e" in args[0] or (escapes and "E" not in args[0])
        args = args[1:]
    text = " ".join(args)
    if escapes:
        text = _escapes(text)
    return Result(text + ("\n" if newline else ""))


def _escapes(text: str) -> str:
    table = {"n": "\n", "t": "\t", "\\": "\\", "r": "\r", "a": "\a", "0": "\0"}
    return re.sub(r"\\([nt\\ra0])", lambda m: table[m.group(1)], text)


@command("printf")
def printf(sh, argv: list[str], stdin: str) -> Result:
    if len(argv) < 2:
        return Result("", "printf: usage: printf format [arguments]\n", 2)
    fmt, args = _escapes(argv[1]), argv[2:]
    out = re.sub(r"%[sd]", lambda m: args.pop(0) if args else "", fmt).replace("%%", "%")
    return Result(out)


def _read(sh, name: str, prog: str) -> tuple[str | None, str]:
    try:
        return sh.cluster.read_file(name).decode("utf-8", errors="replace"), ""
    except FileNotFoundError:
        if any(p.startswith(sh.cluster.path(name).rstrip("/") + "/") for p in sh.cluster.files):
            return None, f"{prog}: {name}: Is a directory\n"
        return None, f"{prog}: {name}: No such file or directory\n"


def _inputs(sh, files: list[str], stdin: str, prog: str) -> tuple[list[str], str, int]:
    if not files:
        return [stdin], "", 0
    texts, err, code = [], "", 0
    for f in files:
        if f == "-":
            texts.append(stdin)
            continue
        text, e = _read(sh, f, prog)
        if text is None:
            err, code = err + e, 1
        else:
            texts.append(text)
    return texts, err, code


@command("cat")
def cat(sh, argv: list[str], stdin: str) -> Result:
    texts, err, code = _inputs(sh, [a for a in argv[1:] if a != "-n"], stdin, "cat")
    return Result("".join(texts), err, code)


@command("base64")
def b64(sh, argv: list[str], stdin: str) -> Result:
    args = argv[1:]
    decode = any(a in ("-d", "--decode", "-D") for a in args)
    wrap = 76
    files = []
    i = 0
    while i < len(args):
        a = args[i]
        if a in ("-w", "--wrap") and i + 1 < len(args):
            wrap, i = int(args[i + 1]) if args[i + 1].isdigit() else 76, i + 2
            continue
        if a.startswith("-w") and a[2:].isdigit():
            wrap = int(a[2:])
        elif a.startswith("--wrap="):
            wrap = int(a[7:]) if a[7:].isdigit() else 76
        elif not a.startswith("-") or a == "-":
            files.append(a)
        i += 1
    texts, err, code = _inputs(sh, files, stdin, "base64")
    data = "".join(texts)
    if decode:
        try:
            raw = base64.b64decode("".join(data.split()), validate=True)
        except (binascii.Error, ValueError):
            return Result("", "base64: invalid input\n", 1)
        return Result(raw.decode("utf-8", errors="replace"), err, code)
    enc = base64.b64encode(data.encode()).decode()
    if wrap:
        enc = "\n".join(enc[i : i + wrap] for i in range(0, len(enc), wrap)) if enc else ""
        return Result(enc + "\n", err, code)
    return Result(enc, err, code)


@command("tee")
def tee(sh, argv: list[str], stdin: str) -> Result:
    append = "-a" in argv[1:]
    for f in [a for a in argv[1:] if not a.startswith("-")]:
        old = sh.cluster.files.get(sh.cluster.path(f), b"") if append else b""
        sh.cluster.write_file(f, old + stdin.encode())
    return Result(stdin)


@command("grep")
def grep(sh, argv: list[str], stdin: str) -> Result:
    flags, args = set(), []
    for a in argv[1:]:
        if a.startswith("-") and len(a) > 1 and not args:
            flags.update(a[1:])
        else:
            args.append(a)
    if not args:
        return Result(
            "", "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n", 2
        )
    pattern, files = args[0], args[1:]
    texts, err, code = _inputs(sh, files, stdin, "grep")
    try:
        rx = re.compile(pattern if "E" in flags else _basic_regex(pattern), re.I if "i" in flags else 0)
    except re.error:
        rx = re.compile(re.escape(pattern), re.I if "i" in flags else 0)
    lines = [ln for t in texts for ln in t.splitlines()]
    hits = [ln for ln in lines if bool(rx.search(ln)) != ("v" in flags)]
    if "c" in flags:
        return Result(f"{len(hits)}\n", err, 0 if hits else 1)
    return Result("".join(h + "\n" for h in hits), err, code or (0 if hits else 1))


def _basic_regex(pattern: str) -> str:
    # POSIX basic regular expressions: \| \( \) are the operators, bare | ( ) + ? are literals
    out = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\" and i + 1 < len(pattern) and pattern[i + 1] in "|()+?{}":
            out.append(pattern[i + 1])
            i += 2
            continue
        out.append("\\" + c if c in "|()+?{}" else c)
        i += 1
    return "".join(out)


def _count_arg(argv: list[str], default: int = 10) -> tuple[int, list[str]]:
    n, rest = default, []
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "-n" and i + 1 < len(argv):
            n, i = int(argv[i + 1].lstrip("+")), i + 2
            continue
        if re.fullmatch(r"-n?\d+", a):
            n = int(a.lstrip("-n"))
        else:
            rest.append(a)
        i += 1
    return n, rest


@command("head")
def head(sh, argv: list[str], stdin: str) -> Result:
    if "-c" in argv[1:-1]:
        i = argv.index("-c")
        texts, err, code = _inputs(sh, argv[1:i] + argv[i + 2 :], stdin, "head")
        count = int(argv[i + 1]) if argv[i + 1].isdigit() else 0
        return Result("".join(texts).encode()[:count].decode("utf-8", errors="replace"), err, code)
    n, files = _count_arg(argv[1:])
    texts, err, code = _inputs(sh, files, stdin, "head")
    lines = "".join(texts).splitlines(keepends=True)
    return Result("".join(lines[:n]), err, code)


@command("tail")
def tail(sh, argv: list[str], stdin: str) -> Result:
    n, files = _count_arg(argv[1:])
    texts, err, code = _inputs(sh, files, stdin, "tail")
    lines = "".join(texts).splitlines(keepends=True)
    return Result("".join(lines[-n:] if n else []), err, code)


@command("wc")
def wc(sh, argv: list[str], stdin: str) -> Result:
    files = [a for a in argv[1:] if not a.startswith("-")]
    texts, err, code = _inputs(sh, files, stdin, "wc")
    data = "".join(texts)
    if "-l" in argv:
        return Result(f"{data.count(chr(10))}\n", err, code)
    if "-c" in argv:
        return Result(f"{len(data.encode())}\n", err, code)
    if "-w" in argv:
        return Result(f"{len(data.split())}\n", err, code)
    return Result(f"{data.count(chr(10)):>7} {len(data.split()):>7} {len(data.encode()):>7}\n", err, code)


@command("sort")
def sort(sh, argv: list[str], stdin: str) -> Result:
    files = [a for a in argv[1:] if not a.startswith("-")]
    texts, err, code = _inputs(sh, files, stdin, "sort")
    lines = "".join(texts).splitlines()
    lines = sorted(lines, reverse="-r" in argv)
    if "-u" in argv:
        lines = list(dict.fromkeys(lines))
    return Result("".join(ln + "\n" for ln in lines), err, code)


@command("seq")
def seq(sh, argv: list[str], stdin: str) -> Result:
    try:
        nums = [int(a) for a in argv[1:]]
    except ValueError:
        return Result("", f"seq: invalid floating point argument: '{argv[-1]}'\n", 1)
    if len(nums) == 1:
        a, step, b = 1, 1, nums[0]
    elif len(nums) == 2:
        a, step, b = nums[0], 1, nums[1]
    elif len(nums) == 3:
        a, step, b = nums
    else:
        return Result("", "seq: missing operand\nTry 'seq --help' for more information.\n", 1)
    values = range(a, b + (1 if step > 0 else -1), step) if step else []
    return Result("".join(f"{v}\n" for v in values))


@command("sleep")
def sleep(sh, argv: list[str], stdin: str) -> Result:
    if len(argv) < 2:
        return Result("", "sleep: missing operand\nTry 'sleep --help' for more information.\n", 1)
    total = 0.0
    for a in argv[1:]:
        m = re.fullmatch(r"(\d+(?:\.\d+)?)([smhd]?)", a)
        if m is None:
            return Result(
                "", f"sleep: invalid time interval '{a}'\nTry 'sleep --help' for more information.\n", 1
            )
        total += float(m.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[m.group(2)]
    sh.cluster.advance(parse_duration(total))
    return Result()


@command("true", ":")
def true(sh, argv: list[str], stdin: str) -> Result:
    return Result()


@command("false")
def false(sh, argv: list[str], stdin: str) -> Result:
    return Result("", "", 1)


@command("cd")
def cd(sh, argv: list[str], stdin: str) -> Result:
    target = argv[1] if len(argv) > 1 else "/home/learner"
    path = sh.cluster.path(target)
    if not is_dir(sh, path):
        return Result("", f"sh: 1: cd: can't cd to {target}\n", 2)
    sh.cluster.cwd = path
    return Result()


def directories(sh) -> set[str]:
    """Directories made with ``mkdir`` (files imply their own parent directories)."""
    return sh.cluster.part("host-directories", lambda _c: set())


def is_dir(sh, path: str) -> bool:
    prefix = path.rstrip("/") + "/"
    return (
        path in ("/", "/home/learner")
        or path in directories(sh)
        or any(p.startswith(prefix) for p in [*sh.cluster.files, *directories(sh)])
    )


@command("mkdir")
def mkdir(sh, argv: list[str], stdin: str) -> Result:
    parents = any(a in ("-p", "--parents") for a in argv[1:])
    err, code = "", 0
    for name in [a for a in argv[1:] if not a.startswith("-")]:
        path = sh.cluster.path(name)
        parent = path.rsplit("/", 1)[0] or "/"
        if is_dir(sh, path) and not parents:
            err, code = err + f"mkdir: cannot create directory '{name}': File exists\n", 1
        elif not parents and not is_dir(sh, parent):
            err, code = err + f"mkdir: cannot create directory '{name}': No such file or directory\n", 1
        else:
            directories(sh).add(path)
    if len(argv) < 2:
        return Result("", "mkdir: missing operand\nTry 'mkdir --help' for more information.\n", 1)
    return Result("", err, code)


@command("pwd")
def pwd(sh, argv: list[str], stdin: str) -> Result:
    return Result(sh.cluster.cwd + "\n")


@command("ls")
def ls(sh, argv: list[str], stdin: str) -> Result:
    targets = [a for a in argv[1:] if not a.startswith("-")] or ["."]
    out, err, code = [], "", 0
    for t in targets:
        path = sh.cluster.path(t)
        if path in sh.cluster.files:
            out.append(t)
            continue
        prefix = path.rstrip("/") + "/"
        names = sorted({p[len(prefix) :].split("/", 1)[0] for p in sh.cluster.files if p.startswith(prefix)})
        if not names and path != sh.cluster.cwd:
            err, code = err + f"ls: cannot access '{t}': No such file or directory\n", 2
        out.extend(names)
    return Result("".join(n + "\n" for n in out), err, code)


@command("export")
def export(sh, argv: list[str], stdin: str) -> Result:
    for a in argv[1:]:
        name, eq, value = a.partition("=")
        if eq:
            sh.env[name] = value
    return Result()


@command("env")
def env(sh, argv: list[str], stdin: str) -> Result:
    return Result("".join(f"{k}={v}\n" for k, v in sorted(sh.env.items())))


@command("clear")
def clear(sh, argv: list[str], stdin: str) -> Result:
    return Result()
