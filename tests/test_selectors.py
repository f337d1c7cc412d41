"""Label selectors: parsing, matching and printing as apimachinery does.

Golden error texts follow staging/src/k8s.io/apimachinery/pkg/labels/selector.go (and its
selector_test.go), util/validation/validation.go and field/errors.go; the ``<nil>: Invalid value``
key error is the one real apiservers return for ``kubectl get pods -l app:monolith``.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from k8stutor.api import selectors
from k8stutor.api.selectors import SelectorError, from_label_selector, from_set, parse

# -- parsing and printing -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "printed"),
    [
        ("app=nginx", "app=nginx"),
        ("env in (b,a),app=nginx", "app=nginx,env in (a,b)"),  # sorted by key, values sorted
        ("env notin (hello, hi)", "env notin (hello,hi)"),
        ("x in (foo,,baz),y,z notin ()", "x in (,baz,foo),y,z notin ()"),  # selector.go's own example
        ("!canary", "!canary"),
        ("tier", "tier"),
        ("a==b", "a==b"),
        ("a!=b", "a!=b"),
        ("a=", "a="),
        ("in in (in)", "in in (in)"),  # 'in' is a value/key in Values context
        ("x>1,y<2", "x>1,y<2"),
        ("  app = demo ,  env   notin(a)  ", "app=demo,env notin (a)"),
        ("", ""),
    ],
)
def test_parse_and_print(text: str, printed: str) -> None:
    assert str(parse(text)) == printed


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("a in b", "unable to parse requirement: found 'b' expected: '('"),
        ("a in (b", "unable to parse requirement: found '', expected: ',' or ')'"),
        ("a in (=)", "unable to parse requirement: found '=', expected: ',', ')' or identifier"),
        ("a b", "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"),
        ("a=b c", "found 'c', expected: ',' or 'end of string'"),
        ("!a=b", "found '=', expected: ',' or 'end of string'"),
        (",a", "found ',', expected: !, identifier, or 'end of string'"),
        ("a,", "found '', expected: identifier after ','"),
        ("a=(b", "unable to parse requirement: found '(', expected: identifier"),
        ("x>a", "unable to parse requirement: values[0]: Invalid value: \"a\": "
                "for 'Gt', 'Lt' operators, the value must be an integer"),
        (
            "app:monolith",
            "unable to parse requirement: <nil>: Invalid value: \"app:monolith\": name part must consist of "
            "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character "
            "(e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is "
            "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
        ),
        (
            "app=" + "v" * 64,
            "unable to parse requirement: values[0][app]: Invalid value: \"" + "v" * 64
            + "\": must be no more than 63 characters",
        ),
    ],
)
def test_parse_errors(text: str, error: str) -> None:
    with pytest.raises(SelectorError) as exc:
        parse(text)
    assert exc.value.message == error


def test_list_error_is_what_kubectl_prints() -> None:
    # As printed by kubectl for `kubectl get pods -l "app:monolith"` against a real apiserver.
    with pytest.raises(SelectorError) as exc:
        parse("a in b")
    assert selectors.list_error("v1", "pods", "a in b", exc.value) == (
        'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector '
        "\"a in b\", field selector \"\": unable to parse requirement: found 'b' expected: '('"
    )
    assert 'Unable to find "apps/v1, Resource=replicasets"' in selectors.list_error(
        "apps/v1", "replicasets", "a in b", exc.value
    )


# -- matching -----------------------------------------------------------------------------------------


def test_notin_matches_objects_without_the_key() -> None:
    sel = parse("env notin (hello,hi)")
    assert sel.matches({"app": "demo"})  # no env label at all: selected (Requirement.Matches case 4)
    assert sel.matches({"env": "prod"})
    assert not sel.matches({"env": "hi"})


def test_set_operators() -> None:
    assert parse("app in (demo,test)").matches({"app": "test"})
    assert not parse("app in (demo,test)").matches({})
    assert parse("app").matches({"app": ""})
    assert not parse("!app").matches({"app": ""})
    assert parse("a!=b").matches({})
    assert parse("x>3").matches({"x": "4"}) and not parse("x>3").matches({"x": "three"})


def test_empty_selector_matches_everything_nil_matches_nothing() -> None:
    # upstream: metav1.LabelSelectorAsSelector: nil -> labels.Nothing(), {} -> labels.Everything()
    assert from_label_selector({}).matches({"a": "b"})
    assert from_label_selector({"matchLabels": {}}).empty()
    assert not from_label_selector(None).matches({})
    assert selectors.format_label_selector(None) == "<none>"
    assert from_set({}).matches({"x": "y"})
    assert parse("").matches({"x": "y"})


def test_from_label_selector_prints_like_kubectl() -> None:
    ls = {
        "matchLabels": {"tier": "web", "app": "demo"},
        "matchExpressions": [
            {"key": "env", "operator": "NotIn", "values": ["hi", "hello"]},
            {"key": "canary", "operator": "DoesNotExist"},
            {"key": "track", "operator": "Exists"},
        ],
    }
    assert selectors.format_label_selector(ls) == "app=demo,!canary,env notin (hello,hi),tier=web,track"
    assert selectors.format_labels({"b": "2", "a": "1"}) == "a=1,b=2"
    assert selectors.format_labels({}) == "<none>"


def test_from_label_selector_rejects_bad_operator_and_values() -> None:
    with pytest.raises(SelectorError, match='"Equals" is not a valid label selector operator'):
        from_label_selector({"matchExpressions": [{"key": "a", "operator": "Equals", "values": ["b"]}]})
    with pytest.raises(SelectorError, match="values set can't be empty"):
        from_label_selector({"matchExpressions": [{"key": "a", "operator": "In", "values": []}]})
    with pytest.raises(SelectorError, match="values set must be empty for exists"):
        from_label_selector({"matchExpressions": [{"key": "a", "operator": "Exists", "values": ["b"]}]})
    assert selectors.format_label_selector({"matchLabels": {"a b": "c"}}) == "<error>"
    for bad in ("app=demo", {"matchLabels": ["app"]}, {"matchExpressions": ["app"]}):
        with pytest.raises(SelectorError):
            from_label_selector(bad)


def test_selector_is_a_store_predicate() -> None:
    sel = parse("app=demo")
    assert [x for x in [{"app": "demo"}, {"app": "x"}] if sel(x)] == [{"app": "demo"}]
    assert sel.requires_exact_match("app") == "demo"
    assert sel.requires_exact_match("env") is None


# -- properties -----------------------------------------------------------------------------------------

_alnum = st.sampled_from("abcxyz019AZ")
_name = st.one_of(
    _alnum, st.builds(lambda a, mid, b: a + mid + b, _alnum, st.text("ab-_.9Z", max_size=6), _alnum)
)
_prefix = st.sampled_from(["x.io", "example.com", "k8s", "a-b.c"])
_key = st.one_of(_name, st.builds(lambda p, n: f"{p}/{n}", _prefix, _name))
_value = st.one_of(st.just(""), _name)
_labels = st.dictionaries(
    st.sampled_from(["app", "env", "tier", "x.io/role"]), st.sampled_from(["", "a", "b", "c"])
)


@st.composite
def _requirement(draw) -> selectors.Requirement:
    key = draw(st.one_of(_key, st.sampled_from(["app", "env", "tier", "x.io/role"])))
    op = draw(st.sampled_from(["=", "==", "!=", "in", "notin", "exists", "!"]))
    if op in ("in", "notin"):
        values = draw(st.lists(st.one_of(_value, st.sampled_from(["a", "b", "c"])), min_size=1, max_size=4))
        values = sorted(set(values))
    elif op in ("exists", "!"):
        values = []
    else:
        values = [draw(st.one_of(_value, st.sampled_from(["a", "b"])))]
    return selectors.new_requirement(key, op, values)


_selector = st.lists(_requirement(), max_size=5).map(lambda reqs: selectors.EVERYTHING.add(*reqs))


@given(_selector)
def test_parse_of_str_round_trips(sel: selectors.Selector) -> None:
    assert parse(str(sel)) == sel


@given(_selector, _labels)
def test_matches_equivalent_after_round_trip(sel: selectors.Selector, labels: dict) -> None:
    assert parse(str(sel)).matches(labels) == sel.matches(labels)
    assert sel.matches(labels) == all(r.matches(labels) for r in sel.requirements)


@given(
    st.dictionaries(st.sampled_from(["app", "env", "tier"]), st.sampled_from(["a", "b"]), min_size=1),
    _labels,
)
def test_match_labels_equals_dict_subset(match: dict, labels: dict) -> None:
    subset = all(labels.get(k) == v for k, v in match.items())
    assert from_label_selector({"matchLabels": match}).matches(labels) == subset
    assert from_set(match).matches(labels) == subset
    assert str(from_set(match)) == selectors.format_labels(match)


@given(st.one_of(st.text(alphabet="ab =!(),<>-_./:inot\t", max_size=20), st.text(max_size=20)))
def test_parse_never_crashes(text: str) -> None:
    try:
        sel = parse(text)
    except SelectorError as exc:
        assert exc.message
        return
    assert parse(str(sel)) == sel  # what was parsed prints back to the same selector
