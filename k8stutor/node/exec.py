"""Commands run inside a container (``kubectl exec``, ``kubectl run -- CMD``, exec probes).

A small POSIX-ish shell over the container's filesystem and the cluster network: ``;`` ``&&``
``||`` ``|``, ``>`` ``>>``, ``$VAR``, ``$(...)``, quotes; and the programs the image really ships
(busybox applets in busybox/alpine, coreutils + curl 7.88.1 in the Debian-based nginx image, none
in a scratch image like http-echo).  A missing program fails as the runtime says so:
``OCI runtime exec failed: exec failed: unable to start container process: exec: "curl":
executable file not found in $PATH: unknown`` (opencontainers/runc libcontainer), exit 126;
``kubectl`` itself adds "command terminated with exit code N".
"""

from __future__ import annotations

import re
import shlex
from typing import TYPE_CHECKING

from ..terminal.result import Result
from . import processes
from .filesystem import FSError
from .runtime import CLUSTER_DNS, Container, runtime

if TYPE_CHECKING:
    from ..cluster import Cluster

_COMMON = {
    "sh",
    "cat",
    "ls",
    "echo",
    "env",
    "printenv",
    "hostname",
    "sleep",
    "true",
    "false",
    "pwd",
    "date",
    "mkdir",
    "touch",
    "rm",
    "head",
    "tail",
    "grep",
    "id",
    "whoami",
    "uname",
    "test",
    "[",
}
BINARIES = {
    "nginx": _COMMON | {"bash", "curl", "nginx"},
    "busybox": _COMMON | {"wget", "nslookup", "ping", "ps", "nc"},
    "demo-shiba": _COMMON | {"wget", "node", "npm", "ps"},
    "demo-logo": _COMMON | {"wget", "node", "npm", "ps"},
    "http-echo": {"/http-echo", "http-echo"},
}


def _oci_missing(name: str) -> Result:
    return Result(
        "",
        "OCI runtime exec failed: exec failed: unable to start container process: exec: "
        f'"{name}": executable file not found in $PATH: unknown\n',
        126,
    )


def run(cluster: Cluster, pod: dict, container_name: str, argv: list[str], stdin: str = "") -> Result:
    """``kubectl exec POD -c NAME -- ARGV``: the container must be running (the caller checks the pod)."""
    rt = runtime(cluster).pods.get(pod["metadata"].get("uid", ""))
    ct = rt.containers.get(container_name) if rt else None
    if ct is None or ct.state != "running" or ct.fs is None:
        return Result(
            "", f'error: unable to upgrade connection: container not found ("{container_name}")\n', 1
        )
    return run_in(cluster, pod, ct, argv, stdin)


def run_in(cluster: Cluster, pod: dict, ct: Container, argv: list[str], stdin: str = "") -> Result:
    if not argv:
        return Result("", "error: you must specify at least one command for the container\n", 1)
    app = ct.image.app.name if ct.image else ""
    have = BINARIES.get(app, _COMMON)
    prog = argv[0].rsplit("/", 1)[-1]
    if prog not in have and argv[0] not in have:
        return _oci_missing(argv[0])
    return Sh(cluster, pod, ct, app).command(argv, stdin)


class Sh:
    """One shell session in a container."""

    def __init__(self, cluster: Cluster, pod: dict, ct: Container, app: str) -> None:
        self.cluster, self.pod, self.ct, self.app = cluster, pod, ct, app
        self.env = {
            "PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            "HOSTNAME": processes.hostname(pod),
            "HOME": "/root",
            **ct.env,
        }
        self.busybox = app != "nginx"
        self.status = 0

    # -- scripts -------------------------------------------------------------
    def script(self, text: str, stdin: str = "") -> Result:
        out, err = [], []
        try:
            self._script(text, stdin, out, err)
        except _Exit as stop:
            self.status = stop.code
        return Result("".join(out), "".join(err), self.status)

    def _script(self, text: str, stdin: str, out: list[str], err: list[str]) -> None:
        for chain in _split_top(text, ";\n"):
            ops = _split_ops(chain)
            for op, part in ops:
                if op == "&&" and self.status != 0 or op == "||" and self.status == 0:
                    continue
                r = self.pipeline(part, stdin)
                out.append(r.stdout)
                err.append(r.stderr)
                self.status = r.returncode

    def pipeline(self, text: str, stdin: str) -> Result:
        data, err, code = stdin, [], 0
        for stage in _split_top(text, "|"):
            r = self.simple(stage, data)
            data, code = r.stdout, r.returncode
            err.append(r.stderr)
        return Result(data, "".join(err), code)

    def simple(self, text: str, stdin: str) -> Result:
        text = self._subst(text)
        try:
            words = shlex.split(text, posix=True)
        except ValueError:
            return Result("", "sh: syntax error: unterminated quoted string\n", 2)
        redirects, argv = [], []
        i = 0
        while i < len(words):
            w = words[i]
            if w in (">", ">>", "2>", "<") and i + 1 < len(words):
                redirects.append((w, words[i + 1]))
                i += 2
                continue
            m = re.fullmatch(r"(2?>>?|<)(.+)", w)
            if m and not w.startswith(("'", '"')):
                redirects.append((m.group(1), m.group(2)))
            else:
                argv.append(w)
            i += 1
        for op, target in redirects:
            if op == "<":
                data = self.ct.fs.read(target)
                if data is None:
                    return Result("", f"sh: can't open '{target}': No such file or directory\n", 1)
                stdin = data.decode(errors="replace")
        while argv and re.fullmatch(r"[A-Za-z_]\w*=.*", argv[0]):
            k, _, v = argv.pop(0).partition("=")
            self.env[k] = v
        r = self.command(argv, stdin) if argv else Result()
        for op, target in redirects:
            if op in (">", ">>", "2>"):
                data = r.stderr if op == "2>" else r.stdout
                if target != "/dev/null":
                    try:
                        self.ct.fs.write(target, data.encode(), append=op == ">>")
                    except FSError as exc:
                        name = "sh" if self.busybox else "sh: 1"
                        return Result("", f"{name}: can't create {target}: {exc}\n", 1 if self.busybox else 2)
                r = Result("" if op != "2>" else r.stdout, r.stderr if op != "2>" else "", r.returncode)
        return r

    def _subst(self, text: str) -> str:
        def cmd_sub(m: re.Match) -> str:
            return self.script(m.group(1)).stdout.rstrip("\n")

        text = re.sub(r"\$\(([^()]*)\)", cmd_sub, text)
        text = re.sub(r"`([^`]*)`", cmd_sub, text)

        def var(m: re.Match) -> str:
            name = m.group(1) or m.group(2)
            return str(self.status) if name == "?" else self.env.get(name, "")

        # $VAR inside single quotes stays literal
        parts = re.split(r"('[^']*')", text)
        return "".join(p if p.startswith("'") else re.sub(r"\$\{(\w+)\}|\$(\w+|\?)", var, p) for p in parts)

    # -- programs -------------------------------------------------------------
    def command(self, argv: list[str], stdin: str = "") -> Result:
        builtin = _BUILTINS.get(argv[0])
        if builtin is not None and "sh" in BINARIES.get(self.app, _COMMON):
            return builtin(self, argv[1:])
        prog = argv[0].rsplit("/", 1)[-1]
        have = BINARIES.get(self.app, _COMMON)
        if prog not in have:
            if self.busybox:
                return Result("", f"sh: {argv[0]}: not found\n", 127)
            return Result("", f"sh: 1: {argv[0]}: not found\n", 127)
        fn = getattr(self, "p_" + prog.replace("-", "_").replace("[", "test"), None)
        if fn is None:
            return Result()
        return fn(argv[1:], stdin)

    def p_sh(self, args: list[str], stdin: str) -> Result:
        if args[:1] == ["-c"] and len(args) > 1:
            return self.script(args[1], stdin)
        return self.script(stdin) if stdin else Result()

    p_bash = p_sh

    def p_echo(self, args: list[str], _stdin: str) -> Result:
        nl = True
        if args[:1] == ["-n"]:
            nl, args = False, args[1:]
        return Result(" ".join(args) + ("\n" if nl else ""))

    def p_hostname(self, args: list[str], _stdin: str) -> Result:
        if args[:1] == ["-i"]:
            rt = runtime(self.cluster).pods.get(self.pod["metadata"]["uid"])
            return Result(f"{rt.ip if rt else ''} \n")
        return Result(processes.hostname(self.pod) + "\n")

    def p_cat(self, args: list[str], stdin: str) -> Result:
        if not args:
            return Result(stdin)
        out, err, code = [], [], 0
        for path in args:
            data = self.ct.fs.read(path)
            if data is None:
                what = (
                    "Is a directory" if self.ct.fs.listdir(path) is not None else "No such file or directory"
                )
                err.append(
                    f"cat: can't open '{path}': {what}\n" if self.busybox else f"cat: {path}: {what}\n"
                )
                code = 1
            else:
                out.append(data.decode(errors="replace"))
        return Result("".join(out), "".join(err), code)

    def p_ls(self, args: list[str], _stdin: str) -> Result:
        paths = [a for a in args if not a.startswith("-")] or ["/"]
        out, err, code = [], [], 0
        for p in paths:
            names = self.ct.fs.listdir(p)
            if names is None:
                if self.ct.fs.read(p) is not None:
                    out.append(p + "\n")
                    continue
                msg = (
                    f"ls: {p}: No such file or directory\n"
                    if self.busybox
                    else f"ls: cannot access '{p}': No such file or directory\n"
                )
                err.append(msg)
                code = 2 if not self.busybox else 1
                continue
            if len(paths) > 1:
                out.append(f"{p}:\n")
            out.append("".join(n + "\n" for n in names))
        return Result("".join(out), "".join(err), code)

    def p_env(self, _args: list[str], _stdin: str) -> Result:
        return Result("".join(f"{k}={v}\n" for k, v in self.env.items()))

    def p_printenv(self, args: list[str], _stdin: str) -> Result:
        if not args:
            return self.p_env(args, _stdin)
        vals = [self.env[a] for a in args if a in self.env]
        return Result("".join(v + "\n" for v in vals), "", 0 if len(vals) == len(args) else 1)

    def p_pwd(self, _a: list[str], _s: str) -> Result:
        return Result("/\n")

    def p_true(self, _a: list[str], _s: str) -> Result:
        return Result()

    def p_false(self, _a: list[str], _s: str) -> Result:
        return Result("", "", 1)

    def p_sleep(self, args: list[str], _s: str) -> Result:
        return Result()

    def p_date(self, _a: list[str], _s: str) -> Result:
        return Result(self.cluster.clock.datetime().strftime("%a %b %d %H:%M:%S UTC %Y") + "\n")

    def p_whoami(self, _a: list[str], _s: str) -> Result:
        return Result("root\n")

    def p_mkdir(self, args: list[str], _s: str) -> Result:
        for a in args:
            if not a.startswith("-"):
                self.ct.fs.files.setdefault(a.rstrip("/") + "/.keep", b"")
        return Result()

    def p_touch(self, args: list[str], _s: str) -> Result:
        for a in args:
            if self.ct.fs.read(a) is None:
                try:
                    self.ct.fs.write(a, b"")
                except FSError as exc:
                    return Result("", f"touch: {a}: {exc}\n", 1)
        return Result()

    def p_rm(self, args: list[str], _s: str) -> Result:
        for a in args:
            self.ct.fs.files.pop(a, None)
        return Result()

    def p_head(self, args: list[str], stdin: str) -> Result:
        return Result("".join(stdin.splitlines(keepends=True)[:10]))

    def p_tail(self, args: list[str], stdin: str) -> Result:
        return Result("".join(stdin.splitlines(keepends=True)[-10:]))

    def p_grep(self, args: list[str], stdin: str) -> Result:
        pats = [a for a in args if not a.startswith("-")]
        if not pats:
            return Result("", "Usage: grep [OPTIONS] PATTERN [FILE]...\n", 2)
        lines = [ln for ln in stdin.splitlines(keepends=True) if re.search(pats[0], ln)]
        return Result("".join(lines), "", 0 if lines else 1)

    def p_curl(self, args: list[str], stdin: str) -> Result:
        from ..network import curl

        rt = runtime(self.cluster).pods.get(self.pod["metadata"]["uid"])
        source = {
            "namespace": self.pod["metadata"].get("namespace", "default"),
            "pod_ip": rt.ip if rt else "",
            "fs": self.ct.fs,
            "name": self.pod["metadata"]["name"],
        }
        saved = curl.VERSION
        curl.VERSION = "7.88.1"  # Debian bookworm's curl, in the nginx image
        try:
            return curl.run(self.cluster, args, stdin, source=source)
        finally:
            curl.VERSION = saved

    def p_wget(self, args: list[str], stdin: str) -> Result:
        """busybox wget: ``wget -qO- URL`` / ``wget -O- URL`` / ``wget URL``."""
        from ..network import curl

        quiet = any(a.startswith("-") and "q" in a for a in args)
        to_stdout = any(a in ("-O-", "-qO-", "-qO", "-O") or a.endswith("O-") for a in args)
        urls = [a for a in args if not a.startswith("-") and a != "-"]
        if not urls:
            return Result(
                "",
                "BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\n"
                "Usage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n",
                1,
            )
        url = urls[0] if "://" in urls[0] else "http://" + urls[0]
        rt = runtime(self.cluster).pods.get(self.pod["metadata"]["uid"])
        source = {
            "namespace": self.pod["metadata"].get("namespace", "default"),
            "pod_ip": rt.ip if rt else "",
            "fs": self.ct.fs,
            "name": self.pod["metadata"]["name"],
        }
        r = curl.run(self.cluster, ["-s", "-w", "\n%{http_code}", url], "", source=source)
        host = url.split("://", 1)[1].split("/", 1)[0]
        if r.returncode != 0:
            msg = {
                6: f"wget: bad address '{host}'",
                7: "wget: can't connect to remote host: Connection refused",
                28: "wget: download timed out",
            }.get(r.returncode, "wget: error")
            return Result("", ("" if quiet else f"Connecting to {host}\n") + msg + "\n", 1)
        body, _, code = r.stdout.rpartition("\n")
        if not code.startswith(("2", "3")):
            return Result(
                "",
                ("" if quiet else f"Connecting to {host}\n")
                + f"wget: server returned error: HTTP/1.1 {code} \n",
                1,
            )
        pre = "" if quiet else f"Connecting to {host}\n"
        if to_stdout:
            return Result(body, pre + ("" if quiet else "writing to stdout\n"), 0)
        self.ct.fs.write("/index.html", body.encode())
        return Result("", pre + ("" if quiet else "saving to 'index.html'\n"), 0)

    def p_nslookup(self, args: list[str], _stdin: str) -> Result:
        from ..network import nslookup

        tag = self.ct.image.ref.tag if self.ct.image else "latest"
        return nslookup.run(self.cluster, self.pod, args, old_format=tag in ("1.28", "1.27.2", "1.24"))

    def p_test(self, args: list[str], _s: str) -> Result:
        args = [a for a in args if a != "]"]
        if len(args) == 2 and args[0] in ("-f", "-e", "-d"):
            ok = self.ct.fs.read(args[1]) is not None or (
                args[0] != "-f" and self.ct.fs.listdir(args[1]) is not None
            )
            return Result("", "", 0 if ok else 1)
        return Result()

    def p_id(self, _a: list[str], _s: str) -> Result:
        return Result("uid=0(root) gid=0(root) groups=0(root)\n")

    def p_uname(self, args: list[str], _s: str) -> Result:
        return Result("Linux\n" if not args else "Linux minikube 6.8.0-51-generic x86_64 GNU/Linux\n")


class _Exit(Exception):
    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


def _b_exit(sh: Sh, args: list[str]) -> Result:
    """The shell builtin ``exit [N]`` (no output; ends the script with status N)."""
    code = int(args[0]) if args and args[0].lstrip("-").isdigit() else sh.status
    raise _Exit(code & 0xFF)


def _b_export(sh: Sh, args: list[str]) -> Result:
    for a in args:
        k, eq, v = a.partition("=")
        if eq:
            sh.env[k] = v
    return Result()


def _b_noop(sh: Sh, args: list[str]) -> Result:
    return Result()


_BUILTINS = {"exit": _b_exit, "export": _b_export, "cd": _b_noop, ":": _b_noop}


def _split_top(text: str, seps: str) -> list[str]:
    """Split on separator characters outside quotes and $(...)."""
    out, cur, depth, quote = [], [], 0, ""
    i = 0
    while i < len(text):
        ch = text[i]
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
        elif text.startswith("$(", i):
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
        elif depth == 0 and ch in seps:
            if ch == "|" and text.startswith("||", i):
                cur.append("||")
                i += 2
                continue
            if ch == "|" and i > 0 and text[i - 1] == "|":
                cur.append(ch)
                i += 1
                continue
            out.append("".join(cur))
            cur = []
            i += 1
            continue
        cur.append(ch)
        i += 1
    out.append("".join(cur))
    return [p for p in (s.strip() for s in out) if p]


def _split_ops(text: str) -> list[tuple[str, str]]:
    parts = re.split(r"(&&|\|\|)(?=(?:[^'\"]|'[^']*'|\"[^\"]*\")*$)", text)
    out = [("", parts[0].strip())]
    for i in range(1, len(parts), 2):
        out.append((parts[i], parts[i + 1].strip()))
    return [(op, p) for op, p in out if p]


__all__ = ["run", "run_in", "CLUSTER_DNS"]
