"""The shipped schemas: generated (never hand-written) for the reference version, with provenance."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from k8stutor.validation import apiversions, schema
from k8stutor.version import KUBERNETES_MINOR

REPO = Path(__file__).resolve().parents[1]
SHIPPED = REPO / "k8stutor" / "validation" / "schemas" / f"v{KUBERNETES_MINOR}"


def test_provenance_names_the_source_and_version():
    prov = json.loads((SHIPPED / "provenance.json").read_text())
    assert prov == schema.provenance()
    assert prov["package"] == "kubernetes-validate" and prov["license"] == "Apache-2.0"
    assert prov["kubernetes_minor"] == KUBERNETES_MINOR
    assert f"v{KUBERNETES_MINOR}." in prov["source_files"][0]


def test_every_kind_of_the_simulated_apiserver_has_a_schema():
    from k8stutor.api import kinds

    for k in kinds.KINDS:
        assert apiversions.served(k.api_version, k.kind), k


@pytest.mark.skipif(
    importlib.util.find_spec("kubernetes_validate") is None,
    reason="kubernetes-validate (dev dependency) not installed",
)
def test_regenerating_gives_the_shipped_bytes():
    spec = importlib.util.spec_from_file_location("extract_schemas", REPO / "scripts" / "extract_schemas.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    data, prov, _kinds, _defs = module.build()
    assert data == (SHIPPED / "schemas.json.gz").read_bytes()
