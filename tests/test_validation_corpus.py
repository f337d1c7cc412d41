"""The validator agrees with EXPECTED-v1.32.tsv on every file of the Kubernetes website examples.

The corpus lives beside the repository (../shared/corpus), as in CI.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

import k8stutor

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "kubernetes-website-examples"


def _expected() -> dict[str, str]:
    with open(CORPUS / "EXPECTED-v1.32.tsv", newline="") as fh:
        return {
            row["file"]: row["reason it is invalid for Kubernetes v1.32"]
            for row in csv.DictReader(fh, delimiter="\t")
        }


FILES = sorted(str(p.relative_to(CORPUS)) for p in CORPUS.rglob("*.yaml")) if CORPUS.is_dir() else []

# what the validator must say for each invalid file: (finding code, a fragment of path or message)
REASONS = {
    "access/deployment-replicas-policy.yaml": ("unknown-api", "admissionregistration.k8s.io/v1alpha1"),
    "application/job/cronjob.yaml": ("removed-api", "use batch/v1"),
    "application/job/job-tmpl.yaml": ("rule", "metadata.name"),
    "controllers/job-pod-failure-policy-ignore.yaml": ("yaml-syntax", "tab"),
    "controllers/job-success-policy-example.yaml": ("rule", "metadata.name"),
    "pods/emptydir-volume-mode.yaml": ("unknown-field", "spec.volumes[0].emptyDir.mode"),
    "pods/inject/envars-file-container.yaml": ("yaml-escape", "escape"),
    "pods/inject/pod-multiple-secret-env-variable.yaml": ("yaml-syntax", "tab"),
    "pods/inject/pod-single-secret-env-variable.yaml": ("missing-apiversion", "apiVersion"),
    "pods/pod-with-node-affinity.yaml": ("type", "requiredDuringSchedulingIgnoredDuringExecution"),
    "pods/restart-policy/restart-all-containers.yaml": ("unknown-field", "restartPolicyRules"),
    "pods/security/security-context-7.yaml": ("unknown-field", "cgroupOptions"),
    "policy/baseline-psp.yaml": ("removed-api", "PodSecurityPolicy"),
    "policy/example-psp.yaml": ("removed-api", "PodSecurityPolicy"),
    "policy/privileged-psp.yaml": ("removed-api", "PodSecurityPolicy"),
    "policy/restricted-psp.yaml": ("removed-api", "PodSecurityPolicy"),
    "secret/serviceaccount/mysecretname.yaml": ("type", "metadata.annotations"),
    "service/networking/dual-stack-ipv6-lb-svc.yaml": ("unknown-field", "spec.ipFamily"),
    "service/networking/dual-stack-ipv6-svc.yaml": ("unknown-field", "spec.ipFamily"),
    "service/networking/example-ingress.yaml": ("removed-api", "networking.k8s.io/v1"),
}


def test_corpus_is_present_beside_the_repository():
    assert CORPUS.is_dir(), f"expected the shared corpus at {CORPUS}"
    assert len(FILES) == 253
    assert set(_expected()) == set(REASONS)


@pytest.mark.parametrize("rel", FILES)
def test_corpus_file_agrees_with_expected(rel):
    report = k8stutor.validate((CORPUS / rel).read_bytes(), rel)
    assert all(f.line >= 1 and f.column >= 1 for f in report.findings)
    if rel not in REASONS:
        assert report.ok, report.text()
        for f in report.warnings:  # only custom resources and cross-object notes may warn
            assert f.code in (
                "custom-resource",
                "headless-missing",
                "selector-matches-nothing",
                "backend-missing",
                "not-headless",
                "base64",
            ), f.text()
        return
    code, fragment = REASONS[rel]
    assert not report.ok
    assert any(
        f.code == code and (fragment in f.path or fragment in f.message or fragment in (f.hint or ""))
        for f in report.errors
    ), report.text()


def test_custom_resources_warn_and_list_items_are_checked():
    crd = k8stutor.validate((CORPUS / "service/networking/gateway.yaml").read_bytes(), "gateway.yaml")
    assert crd.ok and [f.code for f in crd.warnings] == ["custom-resource"]
    text = (CORPUS / "policy/quota-vac.yaml").read_text()
    assert "kind: List" in text
    assert k8stutor.validate(text, "quota-vac.yaml").ok
    broken = text.replace("hard:", "hardd:", 1)
    report = k8stutor.validate(broken, "quota-vac.yaml")
    assert [f.path for f in report.errors] == ["items[0].spec.hardd"]
