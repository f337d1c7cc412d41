"""Import every module of a package once, in name order, so modules can register themselves.

Kinds, controllers, kubectl verbs and printers each live in a module of their own and
register through a decorator; this keeps the tables in one place without a central list
that every new module has to edit.
"""

from __future__ import annotations

import importlib
import pkgutil

_loaded: set[str] = set()


def load_all(package: str) -> None:
    if package in _loaded:
        return
    _loaded.add(package)
    pkg = importlib.import_module(package)
    for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda i: i.name):
        if not info.name.startswith("_"):
            importlib.import_module(f"{package}.{info.name}")
