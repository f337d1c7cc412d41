"""What the apiserver does to ConfigMaps and Secrets on their way into storage.

- Secret ``stringData`` is write-only convenience: the v1 -> internal conversion merges it into
  ``data`` (base64 of its UTF-8 bytes, overriding a ``data`` key of the same name) and it is
  never stored or returned.
- Secret ``type`` defaults to ``Opaque``.
- Key syntax, the 1 MiB size limit and ``immutable`` are validation (k8stutor.validation.apiserver).
upstream: pkg/apis/core/v1/conversion.go (Convert_v1_Secret_To_core_Secret),
pkg/apis/core/v1/defaults.go (SetDefaults_Secret), pkg/registry/core/{configmap,secret}/strategy.go.
"""

from __future__ import annotations

import base64
from typing import TYPE_CHECKING

from . import Strategy, register

if TYPE_CHECKING:
    from ..store import Store


def _secret_on_write(secret: dict) -> None:
    string_data = secret.pop("stringData", None)
    if isinstance(string_data, dict) and string_data:
        data = dict(secret.get("data") or {})
        for key, value in string_data.items():
            data[key] = base64.b64encode(str(value).encode()).decode()
        secret["data"] = data
    if not secret.get("type"):
        secret["type"] = "Opaque"  # SetDefaults_Secret


def _secret_create(_store: Store, secret: dict) -> None:
    _secret_on_write(secret)


def _secret_update(_store: Store, _old: dict, secret: dict) -> None:
    _secret_on_write(secret)


register(Strategy("Secret", prepare_for_create=_secret_create, prepare_for_update=_secret_update))
register(Strategy("ConfigMap"))
