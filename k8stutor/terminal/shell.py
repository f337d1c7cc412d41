"""A small POSIX-like shell over the simulated host: what a reader types in a terminal.

The syntax (words, quotes, here-documents, lists, pipelines, ``for`` loops) is in :mod:`.syntax`;
this module expands words (``$VAR``, ``${VAR}``, ``$(...)``, backticks, ``$((...))``, field splitting),
runs lists and pipelines, applies redirections to files of the simulated host, and keeps ``&``
jobs: a background ``kubectl get -w`` (or port-forward, minikube tunnel) prints its lines after each
later command and runs out when the script ends.  The commands themselves are in :mod:`.commands`.
An unknown command prints dash's ``sh: 1: foo: not found`` (exit 127); a syntax error prints dash's
message, never a traceback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .result import Result
from .syntax import AndOr, ForLoop, Pipeline, ShellSyntaxError, Simple, Word, dollar, parse

if TYPE_CHECKING:
    from ..cluster import Cluster


@dataclass(repr=False)
class Transcript(Result):
    """A shell run: the separate streams plus the terminal as it showed them, interleaved."""

    text: str = ""

    def __str__(self) -> str:
        return self.text


# -- running -------------------------------------------------------------------------
class Shell:
    def __init__(self, cluster: Cluster) -> None:
        self.cluster = cluster
        self.env = cluster.env
        self.status = 0
        self.out: list[str] = []  # stdout as printed
        self.err: list[str] = []
        self.terminal: list[str] = []
        self.watches: list = []

    # the terminal ----------------------------------------------------------------
    def show(self, stdout: str, stderr: str) -> None:
        if stdout:
            self.out.append(stdout)
            self.terminal.append(stdout)
        if stderr:
            self.err.append(stderr)
            self.terminal.append(stderr)

    def flush_watches(self) -> None:
        for w in self.watches:
            text = w.take()
            if text:
                self.show(text, "")

    def finish(self) -> None:
        """The cell ends: background watches run out under the blocking rule, then stop."""
        if not self.watches:
            return
        from ..kubectl.watch import block

        block(self.cluster, activity=lambda: sum(getattr(w, "events", 0) for w in self.watches))
        self.flush_watches()
        for w in self.watches:
            w.stop()
        self.watches = []

    # execution -------------------------------------------------------------------
    def run_script(self, items: list[AndOr], stdin: str = "") -> None:
        for item in items:
            self.run_and_or(item, stdin)

    def run_and_or(self, item: AndOr, stdin: str) -> None:
        self.run_pipeline(item.first, stdin)
        for op, pipe in item.rest:
            if (op == "&&") == (self.status == 0):
                self.run_pipeline(pipe, stdin)

    def run_pipeline(self, pipe: Pipeline, stdin: str) -> None:
        data = stdin
        for i, cmd in enumerate(pipe.commands):
            last = i == len(pipe.commands) - 1
            result = self.run_command(cmd, data, pipe.background and last)
            if last and isinstance(result, Transcript):  # a command that interleaved its own output
                self.out.append(result.stdout)
                self.err.append(result.stderr)
                self.terminal.append(result.text)
            elif last:
                self.show(result.stdout, result.stderr)
            else:
                self.show("", result.stderr)
                data = result.stdout
            self.status = result.returncode
            self.cluster.settle()
            self.flush_watches()

    def run_command(self, cmd, stdin: str, background: bool = False) -> Result:
        if isinstance(cmd, ForLoop):
            return self.run_for(cmd, stdin)
        return self.run_simple(cmd, stdin, background)

    def run_for(self, loop: ForLoop, stdin: str) -> Result:
        items = [w for word in loop.items for w in self.expand(word)]
        # The loop body prints to the terminal directly, in order.
        for item in items:
            self.env[loop.var] = item
            self.run_script(loop.body, stdin)
        return Result("", "", self.status)

    def run_simple(self, cmd: Simple, stdin: str, background: bool) -> Result:
        words = list(cmd.words)
        assigns = []
        while (
            words
            and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*=.*", _raw(words[0]) or "")
            and words[0].parts[0][0] == "lit"
        ):
            name, _, _ = words[0].parts[0][1].partition("=")
            first = words[0].parts[0][1][len(name) + 1 :]
            value_word = Word(
                [("lit", first), *words[0].parts[1:]] if first else words[0].parts[1:], cmd.line
            )
            assigns.append((name, "".join(self.expand(value_word, split=False))))
            words.pop(0)
        argv = [a for w in words for a in self.expand(w)]
        if not argv:
            for name, value in assigns:
                self.env[name] = value
            return Result("", "", self.status if cmd.words else 0)
        try:
            stdin = self.input_redirect(cmd, stdin)
        except FileNotFoundError as exc:
            return Result("", f"sh: {cmd.line}: cannot open {exc.args[0]}: No such file\n", 2)
        result = self.dispatch(argv, stdin, cmd.line, background)
        return self.output_redirects(cmd, result)

    def input_redirect(self, cmd: Simple, stdin: str) -> str:
        for op, target in cmd.redirects:
            if op == "<<":
                kind, body = target.parts[0]
                return body if kind == "heredoc-literal" else self.expand_double(body, heredoc=True)
            if op == "<":
                name = "".join(self.expand(target, split=False))
                try:
                    return self.cluster.read_file(name).decode("utf-8", errors="replace")
                except FileNotFoundError:
                    raise FileNotFoundError(name) from None
        return stdin

    def output_redirects(self, cmd: Simple, result: Result) -> Result:
        if all(op in ("<", "<<") for op, _ in cmd.redirects):
            return result
        out, err = result.stdout, result.stderr
        for op, target in cmd.redirects:
            if op == "2>&1":
                out, err = out + err, ""
                continue
            if op in ("<", "<<"):
                continue
            name = "".join(self.expand(target, split=False))
            data = {">": out, ">>": out, "2>": err, "2>>": err, "&>": out + err}[op]
            if name != "/dev/null":
                old = self.cluster.files.get(self.cluster.path(name), b"") if op in (">>", "2>>") else b""
                self.cluster.write_file(name, old + data.encode())
            if op in (">", ">>"):
                out = ""
            elif op in ("2>", "2>>"):
                err = ""
            else:
                out = err = ""
        return Result(out, err, result.returncode)

    def dispatch(self, argv: list[str], stdin: str, line: int, background: bool) -> Result:
        from . import commands

        while argv and argv[0] == "sudo":
            argv = argv[1:]
        if not argv:
            return Result("", "usage: sudo command\n", 1)
        if background:
            started = commands.background(self, argv)
            if started is not None:
                return started
        fn = commands.TABLE.get(argv[0])
        if fn is None:
            return Result("", f"sh: {line}: {argv[0]}: not found\n", 127)
        return fn(self, argv, stdin)

    # expansion -------------------------------------------------------------------
    def var(self, name: str) -> str:
        if name == "?":
            return str(self.status)
        if name in ("$", "#", "0"):
            return {"$": "4242", "#": "0", "0": "sh"}[name]
        if name in self.env:
            return self.env[name]
        # the simulated host's login: user "learner", home /home/learner (Cluster.cwd starts there)
        defaults = {
            "HOME": "/home/learner",
            "USER": "learner",
            "PWD": self.cluster.cwd,
            "SHELL": "/bin/sh",
            "PATH": "/usr/local/bin:/usr/bin:/bin",
        }
        return defaults.get(name, "")

    def arithmetic(self, expr: str) -> str:
        """``$((...))``: integer + - * / % and parentheses over numbers and variables."""
        text = re.sub(
            r"\$?([A-Za-z_][A-Za-z0-9_]*)",
            lambda m: self.env.get(m.group(1), "0") or "0",
            self.expand_double(expr),
        )
        if not re.fullmatch(r"[\d\s+\-*/%()]*", text) or not text.strip():
            raise ShellSyntaxError(f'1: arithmetic expression: expecting primary: "{expr.strip()}"')
        try:
            value = eval(text.replace("/", "//"), {"__builtins__": {}})  # noqa: S307 - digits and operators only
        except (SyntaxError, ZeroDivisionError):
            raise ShellSyntaxError(f'1: arithmetic expression: expecting primary: "{expr.strip()}"') from None
        return str(int(value))

    def substitute(self, src: str) -> str:
        sub = Shell(self.cluster)
        sub.env = self.env
        sub.run_script(parse(src))
        sub.finish()
        self.err.extend(sub.err)
        self.terminal.extend(sub.err)
        self.status = sub.status
        return "".join(sub.out).rstrip("\n")

    def expand(self, word: Word, split: bool = True) -> list[str] | str:
        """Fields of a word: quotes removed, ``$`` expanded, unquoted expansions split on blanks."""
        fields: list[str] = []
        cur: list[str] = []
        has_quoted = False
        for kind, text in word.parts:
            if kind == "lit":
                cur.append(text)
            elif kind == "sq":
                cur.append(text)
                has_quoted = True
            elif kind == "dq":
                cur.append(self.expand_double(text))
                has_quoted = True
            else:
                value = (
                    self.var(text)
                    if kind == "var"
                    else self.arithmetic(text)
                    if kind == "arith"
                    else self.substitute(text)
                )
                if not split:
                    cur.append(value)
                    continue
                pieces = value.split()
                if not pieces:
                    continue
                if value[:1].isspace() and cur:
                    fields.append("".join(cur))
                    cur = []
                cur.append(pieces[0])
                for p in pieces[1:]:
                    fields.append("".join(cur))
                    cur = [p]
                if value[-1:].isspace():
                    fields.append("".join(cur))
                    cur = []
        if cur or has_quoted:
            fields.append("".join(cur))
        return fields

    def expand_double(self, text: str, heredoc: bool = False) -> str:
        out, i = [], 0
        escapable = "$`\\\n" if heredoc else '$`"\\\n'
        while i < len(text):
            c = text[i]
            if c == "\\" and i + 1 < len(text) and text[i + 1] in escapable:
                out.append(text[i + 1])
                i += 2
            elif c in "$`":
                kind, inner, i = dollar(text, i, 1)
                out.append(
                    inner
                    if kind == "lit"
                    else self.var(inner)
                    if kind == "var"
                    else self.arithmetic(inner)
                    if kind == "arith"
                    else self.substitute(inner)
                )
            else:
                out.append(c)
                i += 1
        return "".join(out)


def _raw(word: Word) -> str | None:
    return word.parts[0][1] if word.parts and word.parts[0][0] == "lit" else None


def run(cluster: Cluster, line: str, stdin: str = "") -> Result:
    """Run a command line (or several lines) on the simulated host.

    As dash reads a script command by command, the complete lines before a syntax error still run.
    """
    line = line.replace("\r\n", "\n")  # a cell saved with Windows line ends types the same lines
    shell = Shell(cluster)
    error = None
    try:
        items = parse(line)
    except ShellSyntaxError as exc:
        error = exc
        items = _complete_prefix(line, exc)
    try:
        shell.run_script(items, stdin)
    except ShellSyntaxError as exc:  # found while expanding, e.g. inside $(...): sh stops there
        error = exc
    if error is not None:
        shell.show("", f"sh: {error}\n")
        shell.status = 2
    shell.finish()
    return Transcript("".join(shell.out), "".join(shell.err), shell.status, "".join(shell.terminal))


def _complete_prefix(src: str, exc: ShellSyntaxError) -> list[AndOr]:
    """The commands on the lines before the one a syntax error was found on."""
    m = re.match(r"(\d+):", str(exc))
    lineno = int(m.group(1)) if m else 1
    prefix = "\n".join(src.split("\n")[: lineno - 1])
    try:
        return parse(prefix) if prefix.strip() else []
    except ShellSyntaxError:
        return []
