"""``kubectl annotate TYPE NAME k=v k2- [--overwrite]`` (annotate/annotate.go; rules shared with label)."""

from __future__ import annotations

from ...terminal.result import Result
from ..cmdutil import guard
from .label import change

NAME = "annotate"


@guard
def run(cluster, argv: list[str], stdin: str = "") -> Result:
    return change(cluster, argv, "annotate", "annotations", "annotated")
