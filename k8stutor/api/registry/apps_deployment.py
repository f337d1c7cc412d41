"""Deployment strategy: defaulting, status reset on create, status kept on update.

upstream: pkg/apis/apps/v1/defaults.go (SetDefaults_Deployment: replicas 1, RollingUpdate
25%/25%, revisionHistoryLimit 10, progressDeadlineSeconds 600), pkg/apis/core/v1/defaults.go
for the pod template (SetDefaults_PodSpec, not SetDefaults_Pod: a template gets no
enableServiceLinks), pkg/registry/apps/deployment/strategy.go (PrepareForCreate: status = {}).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from . import Strategy, register

if TYPE_CHECKING:
    from ..store import Store


def default_template(template: dict) -> None:
    """SetDefaults_PodSpec on a pod template (the Pod strategy owns the container rules)."""
    spec = template.setdefault("spec", {})
    template.setdefault("metadata", {})
    had_links = "enableServiceLinks" in spec
    try:
        core_pod = importlib.import_module("k8stutor.api.registry.core_pod")
    except ImportError:  # pragma: no cover - the Pod strategy ships with the package
        return
    core_pod.set_defaults(template)
    if not had_links:
        spec.pop("enableServiceLinks", None)  # defaulted only on Pods (SetDefaults_Pod)


def set_defaults(d: dict) -> None:
    spec = d.setdefault("spec", {})
    if spec.get("replicas") is None:
        spec["replicas"] = 1
    strategy = spec.setdefault("strategy", {})
    if not strategy.get("type"):
        strategy["type"] = "RollingUpdate"
    if strategy["type"] == "RollingUpdate":
        ru = strategy.get("rollingUpdate")
        if not isinstance(ru, dict):
            ru = strategy["rollingUpdate"] = {}
        ru.setdefault("maxUnavailable", "25%")
        ru.setdefault("maxSurge", "25%")
    if spec.get("revisionHistoryLimit") is None:
        spec["revisionHistoryLimit"] = 10
    if spec.get("progressDeadlineSeconds") is None:
        spec["progressDeadlineSeconds"] = 600
    default_template(spec.setdefault("template", {}))


def prepare_for_create(store: Store, d: dict) -> None:
    set_defaults(d)
    d["status"] = {}


def prepare_for_update(store: Store, old: dict, new: dict) -> None:
    set_defaults(new)


register(Strategy("Deployment", prepare_for_create=prepare_for_create, prepare_for_update=prepare_for_update))
