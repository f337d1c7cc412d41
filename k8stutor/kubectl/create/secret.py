"""``kubectl create secret (generic | docker-registry | tls) NAME ...``, byte-exact with kubectl v1.32.

upstream: staging/src/k8s.io/kubectl/pkg/cmd/create/create_secret.go, create_secret_docker.go,
create_secret_tls.go; crypto/tls X509KeyPair (the PEM checks and their texts).
"""

from __future__ import annotations

import base64
import re
from collections.abc import Callable

from ...terminal.result import Result, fail
from ..args import ArgError, Flag, flags, parse
from . import subcommand
from .configmap import (
    COMMON,
    CreateError,
    HostFiles,
    b64,
    check_output,
    dry_run,
    env_file_sources,
    file_sources,
    go_json,
    go_quote,
    is_config_map_key,
    name_from_args,
    namespace_flag,
    parse_literal_source,
    secret_hash,
    send,
)

GENERIC = flags(
    *COMMON,
    Flag("from-file", kind="strings", default=[]),
    Flag("from-literal", kind="array", default=[]),
    Flag("from-env-file", kind="strings", default=[]),
    Flag("type", default=""),
)
DOCKER = flags(
    *COMMON,
    Flag("from-file", kind="strings", default=[]),
    Flag("docker-username", default=""),
    Flag("docker-password", default=""),
    Flag("docker-email", default=""),
    Flag("docker-server", default="https://index.docker.io/v1/"),
)
TLS = flags(*COMMON, Flag("cert", default=""), Flag("key", default=""))

SECRET_HELP = """Create a secret with specified type.

 A docker-registry type secret is for accessing a container registry.

 A generic type secret indicate an Opaque secret type.

 A tls type secret holds TLS certificate and its associated key.

Available Commands:
  docker-registry   Create a secret for use with a Docker registry
  generic           Create a secret from a local file, directory, or literal value
  tls               Create a TLS secret

Usage:
  kubectl create secret (docker-registry | generic | tls) [options]

Use "kubectl create secret <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
"""


def new_secret(name: str, namespace: str | None, type_: str) -> dict:
    """newSecretObj: Data starts empty (omitted when still empty); Type "" is omitted too."""
    meta: dict = {"name": name, "creationTimestamp": None}
    if namespace:
        meta["namespace"] = namespace
    secret: dict = {"kind": "Secret", "apiVersion": "v1", "metadata": meta, "data": {}}
    if type_:
        secret["type"] = type_
    return secret


def add_key(secret: dict, key: str, data: bytes) -> None:
    """addKeyFromLiteralToSecret."""
    errs = is_config_map_key(key)
    if errs:
        raise CreateError(f"{go_quote(key)} is not valid key name for a Secret {';'.join(errs)}")
    if key in secret["data"]:
        raise CreateError(f"cannot add key {key}, another key by that name already exists")
    secret["data"][key] = b64(data)


def finish(secret: dict, append_hash: bool) -> dict:
    if append_hash:
        secret["metadata"]["name"] = f"{secret['metadata']['name']}-{secret_hash(secret)}"
    if not secret["data"]:
        del secret["data"]  # omitempty
    return secret


def build_generic(cluster, name: str, namespace: str | None, type_: str, literals: list[str],
                  files: list[str], env_files: list[str], append_hash: bool) -> dict:
    secret = new_secret(name, namespace, type_)
    host = HostFiles(cluster)
    for source in literals:
        key, value = parse_literal_source(source)
        add_key(secret, key, value.encode())
    file_sources(host, files, lambda key, path: add_key(secret, key, host.read(path)))
    env_file_sources(cluster, host, env_files, lambda k, v: add_key(secret, k, v.encode()), "secret")
    return finish(secret, append_hash)


def docker_config_json(username: str, password: str, email: str, server: str) -> bytes:
    """handleDockerCfgJSONContent: {"auths":{SERVER:{username,password,email,auth}}} (omitempty)."""
    entry = {"username": username, "password": password, "email": email,
             "auth": base64.b64encode(f"{username}:{password}".encode()).decode()}
    entry = {k: v for k, v in entry.items() if v}
    return go_json({"auths": {server: entry}}).encode()


def build_docker(cluster, name: str, namespace: str | None, p) -> dict:
    secret = new_secret(name, namespace, "kubernetes.io/dockerconfigjson")
    if p["from-file"]:
        host = HostFiles(cluster)
        file_sources(host, p["from-file"], lambda key, path: add_key(secret, key, host.read(path)))
    else:
        secret["data"][".dockerconfigjson"] = b64(docker_config_json(
            p["docker-username"], p["docker-password"], p["docker-email"], p["docker-server"]))
    return finish(secret, p["append-hash"])


_PEM = re.compile(rb"-----BEGIN ([^\r\n-]*)-----\r?\n(.*?)-----END \1-----", re.S)


def pem_types(data: bytes) -> list[str]:
    """The types of the PEM blocks in ``data`` (encoding/pem Decode, whose base64 body must decode)."""
    out = []
    for m in _PEM.finditer(data):
        body = b"".join(line for line in m.group(2).splitlines() if b":" not in line)
        try:
            base64.b64decode(body, validate=False)
        except ValueError:
            continue
        out.append(m.group(1).decode("utf-8", "replace"))
    return out


def _der(data: bytes, pos: int) -> tuple[int, int, int]:
    """(tag, start of contents, end) of the DER element at ``pos``."""
    tag, length = data[pos], data[pos + 1]
    pos += 2
    if length & 0x80:
        n = length & 0x7F
        length = int.from_bytes(data[pos:pos + n], "big")
        pos += n
    return tag, pos, pos + length


def _der_children(data: bytes, start: int, end: int) -> list[tuple[int, int, int]]:
    out = []
    while start < end:
        tag, s, e = _der(data, start)
        out.append((tag, s, e))
        start = e
    return out


def _pem_body(data: bytes, wanted: Callable[[str], bool]) -> bytes | None:
    for m in _PEM.finditer(data):
        if wanted(m.group(1).decode("utf-8", "replace")):
            body = b"".join(line for line in m.group(2).splitlines() if b":" not in line)
            return base64.b64decode(body)
    return None


def _rsa_modulus_of_cert(der: bytes) -> int | None:
    _, s, e = _der(der, 0)
    tbs = _der_children(der, *_der(der, s)[1:])
    fields = tbs[1:] if tbs[0][0] == 0xA0 else tbs
    spki = _der_children(der, fields[5][1], fields[5][2])
    if len(spki) != 2 or spki[1][0] != 0x03:
        return None
    bits = der[spki[1][1] + 1:spki[1][2]]
    try:
        n = _der_children(bits, *_der(bits, 0)[1:])[0]
    except IndexError:
        return None
    return int.from_bytes(bits[n[1]:n[2]], "big") if n[0] == 0x02 else None


def _rsa_modulus_of_key(der: bytes, pkcs8: bool) -> int | None:
    items = _der_children(der, *_der(der, 0)[1:])
    if pkcs8:
        if len(items) < 3 or items[2][0] != 0x04:
            return None
        inner = der[items[2][1]:items[2][2]]
        return _rsa_modulus_of_key(inner, pkcs8=False) if inner[:1] == b"\x30" else None
    return int.from_bytes(der[items[1][1]:items[1][2]], "big") if len(items) > 2 else None


def keys_match(cert: bytes, key: bytes) -> bool:
    """For RSA: the certificate's public modulus is the key's (other key types are not compared)."""
    try:
        cert_der = _pem_body(cert, lambda t: t == "CERTIFICATE")
        key_type = next(t for t in pem_types(key) if t == "PRIVATE KEY" or t.endswith(" PRIVATE KEY"))
        key_der = _pem_body(key, lambda t: t == key_type)
        if cert_der is None or key_der is None or key_type not in ("PRIVATE KEY", "RSA PRIVATE KEY"):
            return True
        n_cert = _rsa_modulus_of_cert(cert_der)
        n_key = _rsa_modulus_of_key(key_der, pkcs8=key_type == "PRIVATE KEY")
    except (IndexError, StopIteration, ValueError):
        return True
    return n_cert is None or n_key is None or n_cert == n_key


def x509_key_pair_error(cert: bytes, key: bytes) -> str | None:
    """crypto/tls X509KeyPair's PEM checks and, for RSA keys, whether the key is the certificate's."""
    cert_types = pem_types(cert)
    if "CERTIFICATE" not in cert_types:
        skipped = cert_types
        if not skipped:
            return "tls: failed to find any PEM data in certificate input"
        if len(skipped) == 1 and skipped[0].endswith("PRIVATE KEY"):
            return ("tls: failed to find certificate PEM data in certificate input, but did find a private "
                    "key; PEM inputs may have been switched")
        return ('tls: failed to find "CERTIFICATE" PEM block in certificate input after skipping PEM blocks '
                f"of the following types: [{' '.join(skipped)}]")
    skipped = []
    for t in pem_types(key):
        if t == "PRIVATE KEY" or t.endswith(" PRIVATE KEY"):
            return None if keys_match(cert, key) else "tls: private key does not match public key"
        skipped.append(t)
    if not skipped:
        return "tls: failed to find any PEM data in key input"
    if skipped == ["CERTIFICATE"]:
        return "tls: found a certificate rather than a key in the PEM for the private key"
    return ('tls: failed to find PEM block with type ending in "PRIVATE KEY" in key input after skipping PEM '
            f"blocks of the following types: [{' '.join(skipped)}]")


def build_tls(cluster, name: str, namespace: str | None, p) -> dict:
    host = HostFiles(cluster)

    def read(path: str) -> bytes:
        if host.kind(path) != "file":
            what = "is a directory" if host.kind(path) == "dir" else "no such file or directory"
            raise CreateError(f"Cannot read file {path}, open {path}: {what}")
        return host.read(path)

    cert, key = read(p["cert"]), read(p["key"])
    problem = x509_key_pair_error(cert, key)
    if problem:
        raise CreateError(problem)
    secret = new_secret(name, namespace, "kubernetes.io/tls")
    secret["data"]["tls.crt"] = b64(cert)
    secret["data"]["tls.key"] = b64(key)
    return finish(secret, p["append-hash"])


@subcommand("secret")
def run(cluster, argv: list[str], stdin: str = "") -> Result:
    sub = next(((i, w) for i, w in enumerate(argv) if not w.startswith("-")), None)
    if sub is None:
        return Result(stderr=SECRET_HELP, returncode=1) if not argv else fail(SECRET_HELP)
    index, word = sub
    rest = argv[:index] + argv[index + 1:]
    handler = {"generic": _generic, "docker-registry": _docker, "tls": _tls}.get(word)
    if handler is None:
        words = " ".join(w for w in argv if not w.startswith("-"))
        return fail(f'error: unknown command "{words}"\n'
                    "See 'kubectl create secret -h' for help and examples")
    try:
        return handler(cluster, rest)
    except ArgError as exc:
        return exc.result()
    except CreateError as exc:
        return fail(f"error: {exc}")


def _generic(cluster, argv: list[str]) -> Result:
    verb = "create secret generic"
    p = parse(verb, argv, GENERIC)
    name = name_from_args(verb, p.args)
    dry = dry_run(p)
    check_output(p)
    if p["from-env-file"] and (p["from-file"] or p["from-literal"]):
        raise CreateError("from-env-file cannot be combined with from-file or from-literal")
    secret = build_generic(cluster, name, namespace_flag(p), p["type"], p["from-literal"], p["from-file"],
                           p["from-env-file"], p["append-hash"])
    return send(cluster, secret, p, dry, "failed to create secret: ")


def _docker(cluster, argv: list[str]) -> Result:
    verb = "create secret docker-registry"
    p = parse(verb, argv, DOCKER)
    name = name_from_args(verb, p.args)
    dry = dry_run(p)
    check_output(p)
    if not p["from-file"] and not (p["docker-username"] and p["docker-password"] and p["docker-server"]):
        raise CreateError("either --from-file or the combination of --docker-username, --docker-password "
                          "and --docker-server is required")
    secret = build_docker(cluster, name, namespace_flag(p), p)
    # sic: no colon after "secret" here (create_secret_docker.go)
    return send(cluster, secret, p, dry, "failed to create secret ")


def _tls(cluster, argv: list[str]) -> Result:
    verb = "create secret tls"
    p = parse(verb, argv, TLS)
    name = name_from_args(verb, p.args)
    dry = dry_run(p)
    check_output(p)
    if not p["key"] or not p["cert"]:
        raise CreateError("key and cert must be specified")
    return send(cluster, build_tls(cluster, name, namespace_flag(p), p), p, dry, "failed to create secret: ")
