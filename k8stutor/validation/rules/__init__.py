"""The apiserver's validation rules that schemas cannot express, one module per API group.

Each rule module registers ``fn(obj, ctx) -> list[FieldError]`` for its kinds with
:func:`rule`.  Rules read objects defensively (any field may have the wrong type when the
validator runs on a learner's file) and never raise.  ``ctx.defaulted`` is True when the object
has been through the apiserver's defaulting (the store); the standalone validator sees objects
as written, so a rule must not demand a field the apiserver would default.
upstream: pkg/apis/<group>/validation/validation.go in kubernetes/kubernetes
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..field import FieldError

Rule = Callable[[dict, "Context"], list[FieldError]]
_RULES: dict[str, list[Rule]] = {}
MAX_ERRORS = 1000  # per object


@dataclass
class Context:
    defaulted: bool = False
    old: dict | None = None


def rule(*kinds: str) -> Callable[[Rule], Rule]:
    def deco(fn: Rule) -> Rule:
        for kind in kinds:
            _RULES.setdefault(kind, []).append(fn)
        return fn

    return deco


def _load() -> None:
    from . import apps, batch, core, meta, networking  # noqa: F401  (they register themselves)


def check(obj: dict, ctx: Context | None = None) -> list[FieldError]:
    if not _RULES:
        _load()
    ctx = ctx or Context()
    errs: list[FieldError] = []
    for fn in _RULES.get("*", []) + _RULES.get(str(obj.get("kind")), []):
        errs.extend(fn(obj, ctx))
    return _dedupe(errs)[:MAX_ERRORS]


def _dedupe(errs: list[FieldError]) -> list[FieldError]:
    # upstream: field.ErrorList.ToAggregate drops repeated messages
    seen: set[str] = set()
    out = []
    for e in errs:
        text = str(e)
        if text not in seen:
            seen.add(text)
            out.append(e)
    return out


# -- defensive readers --------------------------------------------------------------------------
def d(x: Any) -> dict:
    return x if isinstance(x, dict) else {}


def lst(x: Any) -> list:
    return x if isinstance(x, list) else []


def s(x: Any) -> str | None:
    return x if isinstance(x, str) else None


def num(x: Any) -> int | None:
    if isinstance(x, bool):
        return None
    if isinstance(x, int):
        return x
    if isinstance(x, float) and x.is_integer():
        return int(x)
    return None
