"""Helpers the table printers share (pkg/printers/internalversion/printers.go)."""

from __future__ import annotations

from ..output import age

__all__ = ["age", "format_labels", "meta", "spec", "status"]


def format_labels(labels: dict | None) -> str:
    """upstream: apimachinery/pkg/labels.FormatLabels (sorted ``k=v,k=v``; ``<none>`` when empty)."""
    if not labels:
        return "<none>"
    return ",".join(f"{k}={labels[k]}" for k in sorted(labels))


def meta(obj: dict) -> dict:
    return obj.get("metadata") or {}


def spec(obj: dict) -> dict:
    return obj.get("spec") or {}


def status(obj: dict) -> dict:
    return obj.get("status") or {}
