"""The simulated shell's syntax: words and quotes as POSIX sh, here-documents, and the grammar of
lists, pipelines, simple commands and ``for`` loops (dash's error texts).

upstream: the POSIX Shell Command Language (XCU 2.2 quoting, 2.3 token recognition, 2.7.4 here-documents,
2.9 commands), dash's parser messages ("Syntax error: Unterminated quoted string").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


class ShellSyntaxError(Exception):
    pass


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
            kind, text, i = dollar(src, i, line)
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
            _, _, i = dollar(src, i, line)
        else:
            i += 1
    raise ShellSyntaxError(f"{line}: Syntax error: Unterminated quoted string")


def dollar(src: str, i: int, line: int) -> tuple[str, str, int]:
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
