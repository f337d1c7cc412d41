"""Ingress path and host matching, row by row from the Kubernetes documentation.

upstream: kubernetes.io/docs/concepts/services-networking/ingress/ ("Examples" table under
"Path types", "Multiple matches", "Hostname wildcards"); ImplementationSpecific as ingress-nginx.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from k8stutor.network.ingress_rules import Route, best_route, host_matches, path_matches


def routes(*specs: tuple[str, str], host: str = "") -> list[Route]:
    return [Route(host, path, kind, {"service": {"name": f"{kind}:{path}"}}, "default/x")
            for kind, path in specs]


def winner(rs: list[Route], path: str, host: str = "foo.bar.com") -> str | None:
    r = best_route(rs, host, path)
    return None if r is None else f"{r.path_type}:{r.path}"


# (kind, rule paths, request path, matches?, which path wins) — the documentation's table, in its order.
DOC_TABLE = [
    ("Prefix", ["/"], "/anything/at/all", "/"),
    ("Exact", ["/foo"], "/foo", "/foo"),
    ("Exact", ["/foo"], "/bar", None),
    ("Exact", ["/foo"], "/foo/", None),
    ("Exact", ["/foo/"], "/foo", None),
    ("Prefix", ["/foo"], "/foo", "/foo"),
    ("Prefix", ["/foo"], "/foo/", "/foo"),
    ("Prefix", ["/foo/"], "/foo", "/foo/"),
    ("Prefix", ["/foo/"], "/foo/", "/foo/"),
    ("Prefix", ["/aaa/bb"], "/aaa/bbb", None),
    ("Prefix", ["/aaa/bbb"], "/aaa/bbb", "/aaa/bbb"),
    ("Prefix", ["/aaa/bbb/"], "/aaa/bbb", "/aaa/bbb/"),
    ("Prefix", ["/aaa/bbb"], "/aaa/bbb/", "/aaa/bbb"),
    ("Prefix", ["/aaa/bbb"], "/aaa/bbb/ccc", "/aaa/bbb"),
    ("Prefix", ["/aaa/bbb"], "/aaa/bbbxyz", None),
    ("Prefix", ["/", "/aaa"], "/aaa/ccc", "/aaa"),
    ("Prefix", ["/", "/aaa", "/aaa/bbb"], "/aaa/bbb", "/aaa/bbb"),
    ("Prefix", ["/", "/aaa", "/aaa/bbb"], "/ccc", "/"),
    ("Prefix", ["/aaa"], "/ccc", None),
]


@pytest.mark.parametrize("kind,paths,request_path,expected", DOC_TABLE)
def test_documentation_examples(kind: str, paths: list[str], request_path: str, expected: str | None) -> None:
    rs = routes(*[(kind, p) for p in paths])
    assert winner(rs, request_path) == (None if expected is None else f"{kind}:{expected}")


def test_mixed_exact_beats_prefix_on_the_same_path() -> None:
    rs = routes(("Prefix", "/foo"), ("Exact", "/foo"))
    assert winner(rs, "/foo") == "Exact:/foo"
    assert winner(rs, "/foo/bar") == "Prefix:/foo"


def test_longest_path_wins_over_exact_shorter() -> None:
    rs = routes(("Exact", "/a"), ("Prefix", "/a/b"))
    assert winner(rs, "/a/b/c") == "Prefix:/a/b"


def test_exact_is_case_sensitive() -> None:
    assert not path_matches("Exact", "/aa", "/AA")


def test_implementation_specific_is_a_string_prefix_in_ingress_nginx() -> None:
    assert path_matches("ImplementationSpecific", "/aaa/bb", "/aaa/bbb")
    assert not path_matches("Prefix", "/aaa/bb", "/aaa/bbb")


@pytest.mark.parametrize(
    "rule,host,ok",
    [
        ("*.foo.com", "bar.foo.com", True),
        ("*.foo.com", "baz.bar.foo.com", False),
        ("*.foo.com", "foo.com", False),
        ("foo.bar.com", "foo.bar.com", True),
        ("foo.bar.com", "FOO.bar.com", True),
        ("foo.bar.com", "bar.foo.com", False),
    ],
)
def test_hostname_wildcards(rule: str, host: str, ok: bool) -> None:
    # upstream: the "Hostname wildcards" table of the Ingress concept page
    assert host_matches(rule, host) is ok


def test_a_named_host_does_not_fall_back_to_the_catch_all_rules() -> None:
    rs = routes(("Prefix", "/app"), host="test.tw") + routes(("Prefix", "/"))
    assert winner(rs, "/other", host="test.tw") is None  # test.tw's server has no "/" location
    assert winner(rs, "/other", host="test-test.tw") == "Prefix:/"


def test_article_host_rule_sends_other_hosts_to_the_default_backend() -> None:
    rs = routes(("Prefix", "/"), host="test.tw")
    assert winner(rs, "/", host="test.tw") == "Prefix:/"
    assert winner(rs, "/", host="test-test.tw") is None


segment = st.text(alphabet="abc", min_size=1, max_size=3)
url_path = st.lists(segment, max_size=4).map(lambda parts: "/" + "/".join(parts))


@given(url_path, url_path, st.booleans())
def test_prefix_ignores_trailing_slashes(rule: str, request: str, slash: bool) -> None:
    rule2 = rule.rstrip("/") + "/" if slash else rule
    assert path_matches("Prefix", rule, request) == path_matches("Prefix", rule2, request)
    assert path_matches("Prefix", rule, request) == path_matches("Prefix", rule, request.rstrip("/") + "/")


@given(url_path)
def test_every_path_matches_itself_as_exact_and_prefix(p: str) -> None:
    assert path_matches("Exact", p, p) and path_matches("Prefix", p, p)
