"""The manifest validator: what kubectl and the apiserver would say about a file, before applying it.

Public API (everything loads lazily, so ``k8stutor validate`` starts fast):

* ``validate(text, filename=None, cluster=None) -> Report``: every finding, sorted, with line,
  column, field path, message and hint.  Never raises on bad input.
* ``kubectl_errors(source, filename, ...)``: per document, what ``kubectl apply``/``create`` v1.32
  prints when it rejects that document before storage (see :mod:`.kubectl`).
* ``apiserver.validate_object(obj, old, store) -> list[str]``: the simulated apiserver's
  validation causes (called by the store on every create and update).
"""

from __future__ import annotations

__all__ = ["validate", "Report", "Finding", "kubectl_errors", "KubectlCheck", "KubectlDocument"]


def __getattr__(name: str):
    if name == "validate":
        from .validator import validate

        return validate
    if name in ("Report", "Finding"):
        from . import report

        return getattr(report, name)
    if name in ("kubectl_errors", "KubectlCheck", "KubectlDocument"):
        from . import kubectl

        return getattr(kubectl, name)
    raise AttributeError(name)
