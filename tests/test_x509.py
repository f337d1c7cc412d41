"""The tiny X.509 reader tells self-signed certificates from CA-signed ones (what curl complains about)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from k8stutor.network.x509 import BadCertificate, is_self_signed, issuer_and_subject

TLS = Path(__file__).parent / "fixtures" / "tls"


def test_openssl_req_x509_makes_a_self_signed_certificate() -> None:
    assert is_self_signed((TLS / "test.tw.crt").read_bytes())


def test_a_certificate_signed_by_a_ca_is_not_self_signed() -> None:
    leaf = (TLS / "leaf.crt").read_bytes()
    issuer, subject = issuer_and_subject(leaf)
    assert not is_self_signed(leaf)
    assert issuer == issuer_and_subject((TLS / "ca.crt").read_bytes())[1]


def test_a_key_is_not_a_certificate() -> None:
    with pytest.raises(BadCertificate):
        is_self_signed((TLS / "test.tw.key").read_bytes())


@given(st.binary(max_size=300))
def test_junk_raises_only_bad_certificate(junk: bytes) -> None:
    import base64

    pem = b"-----BEGIN CERTIFICATE-----\n" + base64.b64encode(junk) + b"\n-----END CERTIFICATE-----\n"
    try:
        is_self_signed(pem)
    except BadCertificate:
        pass
