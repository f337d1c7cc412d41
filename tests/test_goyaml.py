"""goyaml.dump: golden texts recorded from kubectl v1.32 ``-o yaml`` (sigs.k8s.io/yaml, goyaml.v2).

The generated differential test against the real kubectl is tests/test_kubectl_oracle_goyaml.py;
these goldens keep the rules pinned where kubectl is not installed.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from k8stutor.kubectl.printers.goyaml import YAMLError, dump, resolves_to_str, sorted_keys


def cm(data: dict) -> dict:
    return {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}, "data": data}


def body(data: dict) -> str:
    """The lines under ``data:`` of a ConfigMap."""
    text = dump(cm(data))
    return text.split("data:\n", 1)[1].split("kind: ConfigMap\n", 1)[0]


# upstream: `kubectl create configmap x --from-literal=k=VALUE --dry-run=client -o yaml` (v1.32)
@pytest.mark.parametrize(("value", "line"), [
    ("true", '  k: "true"\n'), ("on", '  k: "on"\n'), ("yes", '  k: "yes"\n'), ("y", '  k: "y"\n'),
    ("1", '  k: "1"\n'), ("1e3", '  k: "1e3"\n'), ("0x1f", '  k: "0x1f"\n'), ("1_000", '  k: "1_000"\n'),
    ("2001-12-14", '  k: "2001-12-14"\n'), ("2001-02-30", "  k: 2001-02-30\n"), ("1:20", '  k: "1:20"\n'),
    ("", '  k: ""\n'), (" x", "  k: ' x'\n"), ("x ", "  k: 'x '\n"), ("- x", "  k: '- x'\n"),
    ("a: b", "  k: 'a: b'\n"), ("a #b", "  k: 'a #b'\n"), ("<<", "  k: <<\n"), ("a\tb", '  k: "a\\tb"\n'),
    ("😀 é", '  k: "\\U0001F600 é"\n'), ("\ufeff0", '  k: "\\uFEFF\\x30"\n'), ("a\u0085b", "  k: a b\n"),
    ("plain text", "  k: plain text\n"), ("it's", "  k: it's\n"), ("'q'", "  k: '''q'''\n"),
])
def test_scalar_quoting(value: str, line: str) -> None:
    assert body({"k": value}) == line


def test_block_literals_and_chomping() -> None:
    assert body({"a": "l1\nl2", "b": "l1\n", "c": "a\n\n", "d": "\nabc"}) == (
        "  a: |-\n    l1\n    l2\n  b: |\n    l1\n  c: |+\n    a\n\n  d: |2-\n\n    abc\n")


def test_long_plain_strings_fold_at_80_columns() -> None:
    words = " ".join(f"{c * 4}" for c in "abcdefghijklmnopqrstuv")
    assert body({"long": words}) == (
        "  long: aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo\n"
        "    pppp qqqq rrrr ssss tttt uuuu vvvv\n")


def test_nested_lists_maps_numbers() -> None:
    obj = {"apiVersion": "v1", "kind": "X", "metadata": {"name": "x"},
           "spec": {"a": 1.5, "b": [], "c": {}, "d": [{"x": 1, "y": [1, 2]}, [3, []]], "e": None, "f": True,
                    "g": 1e-7, "h": 1e21, "i": 1234567.5, "j": 2.0}}
    assert dump(obj) == (
        "apiVersion: v1\nkind: X\nmetadata:\n  name: x\nspec:\n  a: 1.5\n  b: []\n  c: {}\n  d:\n  - x: 1\n"
        '    "y":\n    - 1\n    - 2\n  - - 3\n    - []\n  e: null\n  f: true\n  g: 1e-07\n  h: 1e+21\n'
        "  i: 1.2345675e+06\n  j: 2\n")


def test_keys_sort_in_go_yaml_natural_order() -> None:
    # upstream: goyaml.v2/sorter.go (digits compare as numbers; letters after other characters)
    keys = ["a10", "a2", "a1", "b", "A", "_x", "10", "9"]
    assert sorted_keys(keys) == ["_x", "9", "10", "A", "a1", "a2", "a10", "b"]


def test_keys_over_128_bytes_are_complex_keys() -> None:
    key = "k" * 129
    assert body({key: "v"}) == f"  ? {key}\n  : v\n"


def test_refused_characters_fail_like_kubectl() -> None:
    with pytest.raises(YAMLError, match="^yaml: control characters are not allowed$"):
        dump(cm({"k": "a\x7fb"}))


@given(st.text(alphabet="abcxyz-_.", min_size=1))
def test_identifier_like_strings_stay_plain(s: str) -> None:
    if resolves_to_str(s) and not s.startswith(("-", ".")):
        assert body({"k": s}) == f"  k: {s}\n"


_ALPHABET = list("ab :#-?,[]{}\t\n\r.'\"|>%@`!&*") + ["\x85", "\u2028", "é", "😀", "\ufeff", "\x00", "\x7f"]


@given(st.text(alphabet=st.sampled_from(_ALPHABET), min_size=1, max_size=8))
def test_fast_scalar_analysis_equals_the_emitter_loop(text: str) -> None:
    from k8stutor.kubectl.printers.goyaml import _analyze, _analyze_loop

    fast, loop = _analyze(text.encode()), _analyze_loop(text.encode())
    fields = ("multiline", "flow_plain", "block_plain", "single_quoted", "block")
    assert [getattr(fast, f) for f in fields] == [getattr(loop, f) for f in fields]
