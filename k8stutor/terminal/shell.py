"""A small POSIX-like shell over the simulated host: what a reader types in a terminal.

Words and quotes as sh (single, double, backslash), ``$VAR`` / ``${VAR}``, ``$(...)`` and backticks,
assignments, ``;`` ``&&`` ``||`` ``|``, ``for NAME in WORDS; do ...; done``, ``&`` (a background
``kubectl get -w`` prints its rows as later commands change things, until the script ends),
redirections ``>`` ``>>`` ``<`` ``2>`` ``2>&1`` to files of the simulated host, ``sudo``, and a few
commands (kubectl, minikube, curl, echo, printf, cat, base64, tee, grep, head, tail, wc, sort, seq,
sleep, true, false, cd, pwd, ls, export, env).  An unknown command prints dash's
``sh: 1: foo: not found`` (exit 127); a syntax error prints a message, never a traceback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .result import Result

if TYPE_CHECKING:
    from ..cluster import Cluster


class ShellSyntaxError(Exception):
    pass


@dataclass(repr=False)
class Transcript(Result):
    """A shell run: the separate streams plus the terminal as it showed them, interleaved."""

    text: str = ""

    def __str__(self) -> str:
        return self.text


# -- lexing ------------------------------------------------------------------------
OPERATORS = ("&&", "||", ";;", ">>", "2>&1", "2>>", "2>", "&>", ";", "|", "&", ">", "<", "(", ")", "\n")


@dataclass
class Word:
    parts: list[tuple[str, str]]  # (kind, text): lit | sq | dq (raw, expanded later) | var | cmd
    line: int = 1

    def literal(self) -> str | None:
        """The word's text when it is a plain unquoted literal (keywords, assignments)."""
        if all(k == "lit" for k, _ in self.parts):
            return "".join(t for _, t in self.parts)
        return None


@dataclass
class Op:
    text: str
    line: int = 1


def lex(src: str) -> list[Word | Op]:
    tokens: list[Word | Op] = []
    i, line, n = 0, 1, len(src)
    parts: list[tuple[str, str]] = []
    start_line = 1

    def flush() -> None:
        nonlocal parts
        if parts:
            tokens.append(Word(parts, start_line))
            parts = []

    pending: list[
        tuple[Word, str, bool, bool]
    ] = []  # heredocs waiting for their body: (word, delim, quoted, strip)

    while i < n:
        c = src[i]
        if src.startswith("<<", i) and not src.startswith("<<<", i):
            flush()
            strip = src.startswith("<<-", i)
            i += 3 if strip else 2
            while i < n and src[i] in " \t":
                i += 1
            j = i
            while j < n and src[j] not in " \t\n;|&<>()":
                j += 1
            raw = src[i:j]
            if not raw:
                raise ShellSyntaxError(f"{line}: Syntax error: redirection unexpected")
            delim = raw.replace("'", "").replace('"', "").replace("\\", "")
            body = Word([("heredoc", "")], line)
            tokens.append(Op("<<", line))
            tokens.append(body)
            pending.append((body, delim, delim != raw, strip))
            i = j
            continue
        if c == "\n" and pending:
            flush()
            tokens.append(Op("\n", line))
            i, line = i + 1, line + 1
            for body, delim, quoted, strip in pending:
                lines_ = []
                while i < n:
                    end = src.find("\n", i)
                    text = src[i:] if end < 0 else src[i:end]
                    i = n if end < 0 else end + 1
                    line += 1
                    if (text.lstrip("\t") if strip else text) == delim:
                        break
                    lines_.append(text.lstrip("\t") if strip else text)
                content = "".join(x + "\n" for x in lines_)
                body.parts = [("heredoc-literal" if quoted else "heredoc", content)]
            pending = []
            continue
        if c == "\\" and i + 1 < n:
            if src[i + 1] == "\n":
                i, line = i + 2, line + 1
                continue
            if not parts:
                start_line = line
            parts.append(("lit", src[i + 1]))
            i += 2
            continue
        if c in " \t":
            flush()
            i += 1
            continue
        if c == "#" and not parts:
            while i < n and src[i] != "\n":
                i += 1
            continue
        op = next((o for o in OPERATORS if src.startswith(o, i)), None)
        if op is not None and not (op.startswith("2") and parts):
            flush()
            tokens.append(Op(op, line))
            if op == "\n":
                line += 1
            i += len(op)
            continue
        if not parts:
            start_line = line
        if c == "'":
            j = src.find("'", i + 1)
            if j < 0:
                raise ShellSyntaxError(f"{line}: Syntax error: Unterminated quoted string")
            parts.append(("sq", src[i + 1 : j]))
            line += src.count("\n", i, j)
            i = j + 1
        elif c == '"':
            j = _end_of_double(src, i + 1, line)
            parts.append(("dq", src[i + 1 : j]))
            line += src.count("\n", i, j)
            i = j + 1
        elif c == "$" or c == "`":
            kind, text, i = _dollar(src, i, line)
            parts.append((kind, text))
        else:
            j = i
            while j < n and src[j] not in " \t\\'\"$`#" and not any(src.startswith(o, j) for o in OPERATORS):
                j += 1
            if j == i:  # a '#' inside a word is literal
                j = i + 1
            parts.append(("lit", src[i:j]))
            i = j
    flush()
    return tokens


def _end_of_double(src: str, i: int, line: int) -> int:
    while i < len(src):
        c = src[i]
        if c == "\\":
            i += 2
        elif c == '"':
            return i
        elif c == "$" or c == "`":
            _, _, i = _dollar(src, i, line)
        else:
            i += 1
    raise ShellSyntaxError(f"{line}: Syntax error: Unterminated quoted string")


def _dollar(src: str, i: int, line: int) -> tuple[str, str, int]:
    """``$(...)``, backticks, ``${VAR}``, ``$VAR``, ``$?``: (kind, text, next index)."""
    if src[i] == "`":
        j = src.find("`", i + 1)
        if j < 0:
            raise ShellSyntaxError(f"{line}: Syntax error: EOF in backquote substitution")
        return "cmd", src[i + 1 : j], j + 1
    if src.startswith("$((", i):
        end = src.find("))", i + 3)
        if end < 0:
            raise ShellSyntaxError(f'{line}: Syntax error: end of file unexpected (expecting "))")')
        return "arith", src[i + 3 : end], end + 2
    if src.startswith("$(", i):
        depth, j = 1, i + 2
        while j < len(src) and depth:
            c = src[j]
            if c in "'\"":
                k = src.find(c, j + 1) if c == "'" else _end_of_double(src, j + 1, line)
                if k < 0:
                    raise ShellSyntaxError(f"{line}: Syntax error: Unterminated quoted string")
                j = k + 1
                continue
            depth += {"(": 1, ")": -1}.get(c, 0)
            j += 1
        if depth:
            raise ShellSyntaxError(f'{line}: Syntax error: end of file unexpected (expecting ")")')
        return "cmd", src[i + 2 : j - 1], j
    if src.startswith("${", i):
        j = src.find("}", i)
        if j < 0:
            raise ShellSyntaxError(f"{line}: Syntax error: Missing '}}'")
        return "var", src[i + 2 : j], j + 1
    m = re.compile(r"[A-Za-z_][A-Za-z0-9_]*|[?$#0-9]").match(src, i + 1)
    if m is None:
        return "lit", "$", i + 1
    return "var", m.group(0), m.end()


# -- parsing -------------------------------------------------------------------------
@dataclass
class Simple:
    words: list[Word]
    redirects: list[tuple[str, Word | None]] = field(default_factory=list)
    line: int = 1


@dataclass
class ForLoop:
    var: str
    items: list[Word]
    body: list
    line: int = 1


@dataclass
class Pipeline:
    commands: list
    background: bool = False


@dataclass
class AndOr:
    first: Pipeline
    rest: list[tuple[str, Pipeline]]


class Parser:
    def __init__(self, tokens: list[Word | Op]) -> None:
        self.toks = tokens
        self.i = 0

    def peek(self) -> Word | Op | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def is_op(self, *texts: str) -> bool:
        t = self.peek()
        return isinstance(t, Op) and t.text in texts

    def is_word(self, text: str) -> bool:
        t = self.peek()
        return isinstance(t, Word) and t.literal() == text

    def script(self, until: tuple[str, ...] = ()) -> list[AndOr]:
        out: list[AndOr] = []
        while True:
            while self.is_op(";", "\n"):
                self.i += 1
            t = self.peek()
            if t is None or (isinstance(t, Word) and t.literal() in until):
                return out
            if isinstance(t, Op) and t.text not in ("(",):
                raise ShellSyntaxError(f'{t.line}: Syntax error: "{t.text}" unexpected')
            item = self.and_or()
            out.append(item)
            if self.is_op("&"):
                self.i += 1
                (item.rest[-1][1] if item.rest else item.first).background = True
            elif not (
                self.is_op(";", "\n")
                or self.peek() is None
                or (isinstance(self.peek(), Word) and self.peek().literal() in until)
            ):
                t = self.peek()
                raise ShellSyntaxError(f'{t.line}: Syntax error: "{getattr(t, "text", "")}" unexpected')

    def and_or(self) -> AndOr:
        first = self.pipeline()
        rest = []
        while self.is_op("&&", "||"):
            op = self.toks[self.i].text
            self.i += 1
            while self.is_op("\n"):
                self.i += 1
            rest.append((op, self.pipeline()))
        return AndOr(first, rest)

    def pipeline(self) -> Pipeline:
        cmds = [self.command()]
        while self.is_op("|"):
            self.i += 1
            while self.is_op("\n"):
                self.i += 1
            cmds.append(self.command())
        return Pipeline(cmds)

    def command(self):
        t = self.peek()
        if isinstance(t, Word) and t.literal() == "for":
            return self.for_loop()
        if isinstance(t, Word) and t.literal() in ("while", "until", "if", "case", "function"):
            raise ShellSyntaxError(
                f"{t.line}: k8stutor's shell does not support '{t.literal()}'; use a for loop"
            )
        cmd = Simple([], [], t.line if t else 1)
        while True:
            t = self.peek()
            if isinstance(t, Word):
                cmd.words.append(t)
                self.i += 1
            elif isinstance(t, Op) and t.text in (">", ">>", "<", "<<", "2>", "2>>", "&>"):
                self.i += 1
                target = self.peek()
                if not isinstance(target, Word):
                    raise ShellSyntaxError(f"{t.line}: Syntax error: redirection unexpected")
                self.i += 1
                cmd.redirects.append((t.text, target))
            elif isinstance(t, Op) and t.text == "2>&1":
                self.i += 1
                cmd.redirects.append(("2>&1", None))
            else:
                break
        if not cmd.words and not cmd.redirects:
            t = self.peek()
            shown = "end of file" if t is None else f'"{t.text if isinstance(t, Op) else ""}"'
            line = t.line if t else 1
            raise ShellSyntaxError(f"{line}: Syntax error: {shown} unexpected")
        return cmd

    def for_loop(self) -> ForLoop:
        line = self.peek().line
        self.i += 1
        var = self.peek()
        if not isinstance(var, Word) or not (var.literal() or "").isidentifier():
            raise ShellSyntaxError(f"{line}: Syntax error: Bad for loop variable")
        self.i += 1
        items: list[Word] = []
        if self.is_word("in"):
            self.i += 1
            while isinstance(self.peek(), Word) and not self.is_word("do"):
                items.append(self.peek())
                self.i += 1
        while self.is_op(";", "\n"):
            self.i += 1
        if not self.is_word("do"):
            raise ShellSyntaxError(f'{line}: Syntax error: end of file unexpected (expecting "do")')
        self.i += 1
        body = self.script(until=("done",))
        if not self.is_word("done"):
            raise ShellSyntaxError(f'{line}: Syntax error: end of file unexpected (expecting "done")')
        self.i += 1
        return ForLoop(var.literal() or "", items, body, line)


def parse(src: str) -> list[AndOr]:
    return Parser(lex(src)).script()


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

        block(self.cluster, activity=lambda: sum(w.events for w in self.watches))
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
        return self.env.get(name, "")

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
                kind, inner, i = _dollar(text, i, 1)
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
