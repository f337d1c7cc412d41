"""kubectl v1.32's own ``--help`` texts, one file a command (``get.txt``, ``create_deployment.txt``).

Provenance: captured from the real kubectl v1.32 client, offline, with
``KUBECONFIG=<empty file> kubectl <command> --help > help/<command with _ for spaces>.txt``
(help needs no server).  ``-h`` and ``--help`` print the same text.
"""

from __future__ import annotations

from importlib import resources


def text(command: str) -> str | None:
    """The help of ``command`` ("get", "create deployment"), or None when none was captured."""
    name = command.strip().replace(" ", "_") + ".txt"
    try:
        return (resources.files(__name__) / name).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return None
