"""``k8stutor validate PATH...``: the validator as a command-line tool (a thin layer over the library).

Exit status: 0 when every file is valid (warnings allowed), 1 when any finding is an error
(undecodable or hostile content included), 2 for usage errors and files that cannot be read.
Imports stay light (no IPython, matplotlib or the simulator) so that it starts fast.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator

EXTENSIONS = (".yaml", ".yml", ".json")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse's own exit status for usage errors is 2, as wanted
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    from . import __version__
    from .version import KUBERNETES_VERSION

    parser = _Parser(prog="k8stutor", description="Learn Kubernetes objects hands-on (k8stutor).")
    parser.add_argument(
        "--version", action="version", version=f"k8stutor {__version__} (Kubernetes {KUBERNETES_VERSION})"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    v = sub.add_parser(
        "validate",
        help="check Kubernetes manifests as kubectl and the apiserver would",
        description="Check manifests against the official schemas and the apiserver's rules "
        f"of Kubernetes {KUBERNETES_VERSION}. PATH may be a file, a directory "
        "(searched for *.yaml, *.yml, *.json) or - for standard input.",
    )
    v.add_argument("paths", nargs="+", metavar="PATH")
    v.add_argument("-o", "--output", choices=("text", "json"), default="text")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command != "validate":
        parser.print_usage(sys.stderr)
        sys.stderr.write("k8stutor: error: a command is required (validate)\n")
        return 2
    return validate_command(args.paths, args.output)


def _expand(paths: list[str]) -> Iterator[tuple[str, bytes | None, str | None]]:
    """(name, content, error) for every file named or found under a directory."""
    for path in paths:
        if path == "-":
            yield "<stdin>", sys.stdin.buffer.read(), None
        elif os.path.isdir(path):
            found = []
            for root, dirs, files in os.walk(path):
                dirs.sort()
                found += [os.path.join(root, f) for f in sorted(files) if f.endswith(EXTENSIONS)]
            if not found:
                yield path, None, "no *.yaml, *.yml or *.json files in this directory"
            for f in found:
                yield from _read(f)
        else:
            yield from _read(path)


def _read(path: str) -> Iterator[tuple[str, bytes | None, str | None]]:
    from .manifests import MAX_BYTES

    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)  # one byte over the cap is all validate needs to refuse it
        yield path, data, None
    except OSError as err:
        yield path, None, err.strerror or str(err)


def validate_command(paths: list[str], output: str = "text") -> int:
    from .validation.report import Report
    from .validation.validator import validate

    report = Report()
    unreadable = []
    for name, data, error in _expand(paths):
        if error is not None:
            unreadable.append(f"k8stutor: cannot read {name}: {error}")
            continue
        report = report.merge(validate(data, name))
    if output == "json":
        sys.stdout.write(
            json.dumps([_public(f) for f in report.findings], indent=2, ensure_ascii=False) + "\n"
        )
    elif report.sources:
        sys.stdout.write(report.text() + "\n")
    for line in unreadable:
        sys.stderr.write(line + "\n")
    if unreadable:
        return 2
    return 0 if report.ok else 1


def _public(finding) -> dict:
    d = finding.as_dict()
    d.pop("code", None)
    return d
