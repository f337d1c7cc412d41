"""``kubectl get serviceaccounts``: NAME SECRETS AGE (printers.go printServiceAccount)."""

from __future__ import annotations

from . import TableDef, register_table
from .common import age, meta


def row(cluster, sa: dict) -> list[str]:
    return [
        meta(sa).get("name", ""),
        str(len(sa.get("secrets") or [])),
        age(cluster, meta(sa).get("creationTimestamp")),
    ]


register_table(TableDef("ServiceAccount", ["NAME", "SECRETS", "AGE"], row))


# -- kubectl describe serviceaccount (describe.go describeServiceAccount) ------------------------------
from . import register_describer  # noqa: E402
from .describe_util import Writer, annotations_multiline, describe_events, labels_multiline  # noqa: E402


@register_describer("ServiceAccount")
def describe_service_account(cluster, sa: dict) -> str:
    m = meta(sa)
    w = Writer()
    w.write(0, f"Name:\t{m.get('name')}\n")
    w.write(0, f"Namespace:\t{m.get('namespace')}\n")
    labels_multiline(w, "Labels", m.get("labels"))
    annotations_multiline(w, "Annotations", m.get("annotations"))
    for title, names in (
        ("Image pull secrets", [s.get("name") for s in sa.get("imagePullSecrets") or []]),
        ("Mountable secrets", [s.get("name") for s in sa.get("secrets") or []]),
        ("Tokens", []),
    ):
        w.write(0, f"{title}:\t" + (names[0] if names else "<none>") + "\n")
        for extra in names[1:]:
            w.write(0, f"\t{extra}\n")
    describe_events(cluster, sa, w)
    return w.text()
