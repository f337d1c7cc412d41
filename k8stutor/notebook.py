"""IPython magics: a notebook's cells read like the article's terminal sessions.

``%load_ext k8stutor`` makes a fresh ``Cluster(seed=0)`` the notebook's current
cluster and registers ``%kubectl``, ``%minikube``, ``%curl``, ``%advance``,
``%k8stutor reset [--seed N]``, ``%%manifest FILE`` and ``%%terminal``.  Each
magic is a few lines over the public API; the functions below (``kubectl``,
``manifest``, ...) return the text a magic prints, so tests need no IPython.
A command that fails prints its error like a terminal does and never raises;
misuse of a magic itself raises IPython's ``UsageError``.
"""

from __future__ import annotations

import shlex
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .cluster import Cluster

_CURRENT: list[Cluster] = []


class MagicUsageError(Exception):
    """Misuse of a magic (turned into IPython's UsageError when IPython is present)."""


def current() -> Cluster:
    """The notebook's current cluster (made on first use)."""
    if not _CURRENT:
        reset()
    return _CURRENT[0]


def reset(seed: int = 0) -> Cluster:
    """Start a fresh cluster and make it current."""
    from .cluster import Cluster

    _CURRENT[:] = [Cluster(seed=seed)]
    return _CURRENT[0]


# -- the magics as plain functions (text in, terminal text out) -------------
def kubectl(line: str) -> str:
    return str(current().kubectl(line))


def minikube(line: str) -> str:
    return str(current().minikube(line))


def curl(line: str) -> str:
    return str(current().curl(line))


def terminal(cell: str) -> str:
    """A cell of terminal lines, run by the simulated shell (loops, pipes, ``$(...)``, ``&``)."""
    return str(current().sh(cell))


def advance(line: str) -> str:
    duration = line.strip()
    if not duration:
        raise MagicUsageError("usage: %advance DURATION (for example %advance 30s)")
    try:
        current().advance(duration)
    except ValueError as exc:
        raise MagicUsageError(f"%advance: {exc}") from None
    return ""


def k8stutor(line: str) -> str:
    """``%k8stutor reset [--seed N]``."""
    try:
        words = shlex.split(line)
    except ValueError as exc:
        raise MagicUsageError(f"%k8stutor: {exc}") from None
    usage = "usage: %k8stutor reset [--seed N]"
    if not words or words[0] != "reset":
        raise MagicUsageError(usage)
    seed = 0
    rest = words[1:]
    if rest and rest[0].startswith("--seed="):
        rest = ["--seed", rest[0].split("=", 1)[1], *rest[1:]]
    if rest:
        if len(rest) != 2 or rest[0] != "--seed" or not rest[1].lstrip("-").isdigit():
            raise MagicUsageError(usage)
        seed = int(rest[1])
    reset(seed)
    return ""


def manifest(line: str, cell: str) -> str:
    """Validate the cell's YAML, show the findings, and save it as FILE on the simulated host."""
    words = line.split()
    if len(words) != 1:
        raise MagicUsageError("usage: %%manifest FILE")
    cluster = current()
    findings = _validate(cell, words[0], cluster)
    cluster.write_file(words[0], cell)
    return findings


def _validate(text: str, filename: str, cluster: Cluster) -> str:
    try:
        from .validation import validate
    except ImportError:  # the validator is optional while it is being built
        return ""
    report = validate(text, filename=filename, cluster=cluster)
    findings = getattr(report, "findings", report)
    if not findings:
        return ""
    out = str(report)
    return out if out.endswith("\n") else out + "\n"


# -- IPython glue ----------------------------------------------------------
def load_ipython_extension(ipython) -> None:
    from IPython.core.error import UsageError
    from IPython.core.magic import Magics, cell_magic, line_magic, magics_class, no_var_expand

    def emit(fn, *args) -> None:
        try:
            text = fn(*args)
        except MagicUsageError as exc:
            raise UsageError(str(exc)) from None
        if text:
            print(text.replace("\r\n", "\n"), end="")  # a terminal shows CRLF as a newline

    @magics_class
    class K8sTutorMagics(Magics):
        @line_magic("kubectl")
        @no_var_expand  # the line is the terminal's: no Python {var} / $var expansion
        def _kubectl(self, line: str) -> None:
            emit(kubectl, line)

        @line_magic("minikube")
        @no_var_expand  # the line is the terminal's: no Python {var} / $var expansion
        def _minikube(self, line: str) -> None:
            emit(minikube, line)

        @line_magic("curl")
        @no_var_expand  # the line is the terminal's: no Python {var} / $var expansion
        def _curl(self, line: str) -> None:
            emit(curl, line)

        @line_magic("advance")
        def _advance(self, line: str) -> None:
            emit(advance, line)

        @line_magic("k8stutor")
        def _k8stutor(self, line: str) -> None:
            emit(k8stutor, line)

        @cell_magic("manifest")
        def _manifest(self, line: str, cell: str) -> None:
            emit(manifest, line, cell)

        @cell_magic("terminal")
        @no_var_expand
        def _terminal(self, line: str, cell: str) -> None:
            if line.strip():
                raise UsageError("usage: %%terminal (the command lines go in the cell)")
            emit(terminal, cell)

    reset(0)
    ipython.register_magics(K8sTutorMagics)
