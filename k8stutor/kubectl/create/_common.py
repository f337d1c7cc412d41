"""What every generated ``kubectl create <sub>`` object goes through: dry run, -o, save-config, create.

upstream: staging/src/k8s.io/kubectl/pkg/cmd/create/create.go (CreateSubcommandOptions.Run: "KIND/NAME
created", " (dry run)" / " (server dry run)", -o name|yaml|json printing the generated object).
"""

from __future__ import annotations

import copy

from ...terminal.result import Result
from ..apply_merge import with_last_applied
from ..cmdutil import api_error_text
from ..output import go_json, go_yaml, name_of
from ..verbs.apply import dry_run_mode


def finish(cluster, p, obj: dict, namespace: str | None) -> Result:
    """Create ``obj`` (a generated object with ``creationTimestamp: null``) or print it for a dry run."""
    dry = dry_run_mode(p)
    fmt = p.get("output") or ""
    if dry == "none":
        sent = copy.deepcopy(obj)
        sent["metadata"].pop("creationTimestamp", None)
        if namespace is not None:
            sent["metadata"]["namespace"] = namespace
        if p.get("save-config"):
            sent = with_last_applied(sent)
        try:
            obj = cluster.store.create(sent)
        except Exception as exc:  # noqa: BLE001 - ApiError subclasses carry kubectl's text
            from ...api.errors import ApiError

            if not isinstance(exc, ApiError):
                raise
            return Result("", api_error_text(exc) + "\n", 1)
    elif namespace is not None and "namespace" in p.explicit:
        obj = {**obj, "metadata": {**obj["metadata"], "namespace": namespace}}
    if fmt == "yaml":
        return Result(go_yaml(obj))
    if fmt == "json":
        return Result(go_json(obj))
    if fmt == "name":
        return Result(name_of(obj) + "\n")
    suffix = {"client": " (dry run)", "server": " (server dry run)"}.get(dry, "")
    return Result(f"{name_of(obj)} created{suffix}\n")
