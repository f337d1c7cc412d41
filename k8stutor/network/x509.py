"""Just enough X.509 to tell what curl would say about a certificate: is it its own issuer?

A tiny DER walker (ITU-T X.690): Certificate ::= SEQUENCE { tbsCertificate SEQUENCE { [0] version,
serialNumber, signature, issuer, validity, subject, ... } ... }.  Pure Python, no crypto: the
simulator never verifies signatures, it only needs the issuer and subject names.
"""

from __future__ import annotations

import base64
import re

_PEM = re.compile(rb"-----BEGIN CERTIFICATE-----(.+?)-----END CERTIFICATE-----", re.S)


class BadCertificate(ValueError):
    """Not a PEM/DER certificate this reader understands."""


def _read(der: bytes, pos: int) -> tuple[int, int, int]:
    """(tag, start of content, end of content) of the element at ``pos``."""
    if pos + 2 > len(der):
        raise BadCertificate("truncated")
    tag, length = der[pos], der[pos + 1]
    pos += 2
    if length & 0x80:
        n = length & 0x7F
        if n == 0 or n > 4 or pos + n > len(der):
            raise BadCertificate("bad length")
        length = int.from_bytes(der[pos:pos + n], "big")
        pos += n
    if pos + length > len(der):
        raise BadCertificate("truncated")
    return tag, pos, pos + length


def _children(der: bytes, start: int, end: int) -> list[tuple[int, int, int, int]]:
    out, pos = [], start
    while pos < end:
        tag, cstart, cend = _read(der, pos)
        out.append((tag, pos, cstart, cend))
        pos = cend
    return out


def issuer_and_subject(pem: bytes) -> tuple[bytes, bytes]:
    """The DER of the first certificate's issuer and subject Names."""
    m = _PEM.search(pem)
    if not m:
        raise BadCertificate("no PEM certificate block")
    try:
        der = base64.b64decode(b"".join(m.group(1).split()), validate=True)
    except ValueError as exc:
        raise BadCertificate("bad base64") from exc
    _tag, start, end = _read(der, 0)
    _tag, tbs_start, tbs_end = _read(der, start)
    fields = _children(der, tbs_start, tbs_end)
    if fields and fields[0][0] == 0xA0:  # explicit [0] version
        fields = fields[1:]
    if len(fields) < 5:
        raise BadCertificate("short tbsCertificate")
    issuer, subject = fields[2], fields[4]
    return der[issuer[1]:issuer[3]], der[subject[1]:subject[3]]


def is_self_signed(pem: bytes) -> bool:
    issuer, subject = issuer_and_subject(pem)
    return issuer == subject
