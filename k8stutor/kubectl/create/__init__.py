"""``kubectl create <sub>``: a registry of subcommands (configmap, secret, deployment, ...).

A module of this package registers ``@subcommand("configmap", aliases=("cm",))`` on a function
``run(cluster, argv, stdin) -> Result`` that receives the words after the subcommand's name (flags
included; parse them with :func:`k8stutor.kubectl.args.parse` using ``verb="create configmap"``).
``kubectl create -f`` itself lives in :mod:`k8stutor.kubectl.verbs.create`.
upstream: staging/src/k8s.io/kubectl/pkg/cmd/create/create.go (the subcommand list below).
"""

from __future__ import annotations

from collections.abc import Callable

from ..._plugins import load_all
from ...terminal.result import Result

Sub = Callable[..., Result]
_SUBS: dict[str, Sub] = {}

#: Every ``kubectl create`` subcommand of v1.32 with its aliases (create.go AddCommand calls).
REAL_SUBCOMMANDS = {
    "clusterrole": (),
    "clusterrolebinding": (),
    "configmap": ("cm",),
    "cronjob": ("cj",),
    "deployment": ("deploy",),
    "ingress": ("ing",),
    "job": (),
    "namespace": ("ns",),
    "poddisruptionbudget": ("pdb",),
    "priorityclass": ("pc",),
    "quota": ("resourcequota",),
    "role": (),
    "rolebinding": (),
    "secret": (),
    "service": ("svc",),
    "serviceaccount": ("sa",),
    "token": (),
}


def subcommand(name: str, aliases: tuple[str, ...] = ()) -> Callable[[Sub], Sub]:
    def deco(fn: Sub) -> Sub:
        for n in (name, *aliases):
            _SUBS[n] = fn
        return fn

    return deco


def lookup(name: str) -> Sub | None:
    load_all(__name__)
    return _SUBS.get(name)


def real_name(name: str) -> str | None:
    """The canonical name of a real subcommand (``cm`` -> ``configmap``), or None."""
    for real, aliases in REAL_SUBCOMMANDS.items():
        if name == real or name in aliases:
            return real
    return None
