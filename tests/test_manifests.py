"""kubectl's YAML reader (k8stutor.manifests): documents, lines, duplicate keys, tags and caps."""

from __future__ import annotations

import pytest

from k8stutor import manifests


def test_block_yaml_positions_of_keys_and_values():
    text = (
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n"
        "spec:\n  containers:\n  - name: a\n    image: nginx\n"
    )
    doc = manifests.parse(text).documents[0]
    assert doc.obj["spec"]["containers"][0]["image"] == "nginx"
    assert doc.position(("spec", "containers", 0, "image")) == (8, 5)  # the key
    assert doc.position(("spec", "containers", 0, "image"), key=False) == (8, 12)  # the value
    assert doc.position(("spec", "containers", 0)) == (7, 5)
    # a path that is not in the text falls back to its nearest ancestor
    assert doc.position(("spec", "containers", 0, "ports", 0)) == (7, 5)


def test_kyaml_flow_style_maps_to_lines():
    text = (
        '{\n  apiVersion: "v1",\n  kind: "Pod",\n  metadata: { name: "web" },\n  spec: {\n'
        '    containers: [{\n      name: "a",\n      image: "nginx",\n    }],\n  },\n}\n'
    )
    doc = manifests.parse(text).documents[0]
    assert doc.obj["metadata"] == {"name": "web"}
    assert doc.position(("spec", "containers", 0, "image")) == (8, 7)
    assert doc.position(("metadata", "name")) == (4, 15)


def test_documents_split_on_separator_lines_and_skip_empty_ones():
    text = "---\n# only a comment\n---\na: 1\n--- # next\nb: 2\n---\n"
    parsed = manifests.parse(text)
    assert [d.obj for d in parsed.documents] == [{"a": 1}, {"b": 2}]
    assert [d.start_line for d in parsed.documents] == [4, 6]
    assert [d.index for d in parsed.documents] == [0, 1]


@pytest.mark.parametrize(
    "plain, value",
    [
        ("yes", True),
        ("off", False),
        ("y", True),
        ("0644", 420),
        ("0x1F", 31),
        ("1_000", 1000),
        ("1.5", 1.5),
        ("1e3", 1000.0),
        ("~", None),
        ("null", None),
        ("2024-01-01", "2024-01-01"),
        ("nginx:1.27", "nginx:1.27"),
        ("08", 8.0),
        ("1.2.3", "1.2.3"),
    ],
)
def test_plain_scalars_resolve_as_go_yaml_v2(plain, value):
    assert manifests.parse(f"v: {plain}\n").documents[0].obj == {"v": value}


def test_quoted_scalars_stay_strings():
    assert manifests.parse("v: \"80\"\nw: 'yes'\n").documents[0].obj == {"v": "80", "w": "yes"}


def test_duplicate_key_is_reported_on_the_second_key():
    text = "a: 1\nb:\n  c: 1\n  c: 2\n"
    parsed = manifests.parse(text)
    (p,) = parsed.problems
    assert (p.code, p.line, p.column, p.path) == ("duplicate-key", 4, 3, ("b", "c"))
    assert 'duplicate key "c" (first set on line 3)' in p.message
    assert parsed.documents[0].obj["b"]["c"] == 2  # as kubectl: the last one wins
    assert p.kubectl is None


def test_merge_keys_and_aliases():
    text = "base: &b {x: 1, z: 2}\nobj:\n  <<: *b\n  z: 3\n"
    parsed = manifests.parse(text)
    assert parsed.problems == []
    assert parsed.documents[0].obj["obj"] == {"x": 1, "z": 3}


def test_keys_resolve_like_values_then_become_json_strings():
    # go-yaml v2 reads the key y as a boolean; sigs.k8s.io/yaml writes it as "true"
    assert manifests.parse("y: 1\n80: http\n").documents[0].obj == {"true": 1, "80": "http"}


def test_tab_indentation_gives_kubectl_line_counted_in_the_document():
    # texts checked against kubectl v1.32 (libyaml and go-yaml share them)
    text = "a: 1\n---\napiVersion: v1\nkind: Pod\nmetadata:\n\tname: x\n"
    parsed = manifests.parse(text)
    (p,) = parsed.problems
    assert (p.code, p.line, p.column, p.document) == ("yaml-syntax", 6, 1, 1)
    assert p.kubectl == "yaml: line 4: found character that cannot start any token"
    assert "tab" in p.hint
    (p,) = manifests.parse("apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n\tlabels: {}\n").problems
    assert p.kubectl == "yaml: line 5: found a tab character that violates indentation"


def test_parser_error_line_is_one_less_as_go_yaml_reports_it():
    # upstream: gopkg.in/yaml.v2 yaml.go (parser errors use the 0-based mark line)
    (p,) = manifests.parse("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels: [\n").problems
    assert p.kubectl == "yaml: line 5: did not find expected node content"


def test_backslash_quote_escape_is_an_error_but_still_read():
    parsed = manifests.parse('a: "it\\\'s"\n')
    assert parsed.documents[0].obj == {"a": "it's"}
    assert [p.code for p in parsed.problems] == ["yaml-escape"]


@pytest.mark.parametrize(
    "text, code",
    [
        ("a: !!python/object:os.system x\n", "tag"),
        ("!!python/object/apply:os.system ['echo hi']\n", "tag"),
        ("a: !custom x\n", "tag"),
        ("a: !!binary aGk=\n", None),
        ("a: !!str 80\n", None),
        ("a: !!int abc\n", "tag"),
    ],
)
def test_only_standard_tags_are_allowed(text, code):
    assert [p.code for p in manifests.parse(text).problems] == ([code] if code else [])


def test_caps_name_the_cap_that_was_hit():
    bomb = "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]\n" for i in range(8)
    )
    (p,) = manifests.parse(bomb).problems
    assert p.code == "cap-nodes" and "node cap hit" in p.message
    deep = "".join("  " * i + f"k{i}:\n" for i in range(150)) + "  " * 150 + "v\n"
    (p,) = manifests.parse(deep).problems
    assert p.code == "cap-depth" and "depth cap hit" in p.message and p.line == 101
    (p,) = manifests.parse(b"a: " + b"x" * (manifests.MAX_BYTES + 1)).problems
    assert p.code == "cap-size" and "size cap hit" in p.message
    many = "a: 1\n---\n" * (manifests.MAX_DOCUMENTS + 5)
    parsed = manifests.parse(many)
    assert [p.code for p in parsed.problems] == ["cap-documents"]
    assert len(parsed.documents) == manifests.MAX_DOCUMENTS


@pytest.mark.parametrize(
    "data, line, column",
    [
        (b"apiVersion: v1\nname: \xc3\x28\n", 2, 7),
        (b"\xff\xfe\x00a", 1, 1),
    ],
)
def test_invalid_utf8_is_located(data, line, column):
    (p,) = manifests.parse(data).problems
    assert (p.code, p.line, p.column) == ("encoding", line, column)


def test_binary_junk_and_nul_bytes():
    assert manifests.parse(bytes(range(256))).problems[0].code == "encoding"
    assert manifests.parse("a: 1\n\x00\n").problems[0].code == "encoding"


def test_utf8_bom_is_ignored():
    assert manifests.parse("\ufeffa: 1\n".encode()).documents[0].obj == {"a": 1}
