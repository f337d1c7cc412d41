"""The notebook magics: what they print, that a failing command never raises, and misuse as UsageError."""

from __future__ import annotations

import pytest

from k8stutor import notebook


def test_functions_print_what_the_terminal_shows():
    cluster = notebook.reset(0)
    assert notebook.current() is cluster
    assert notebook.kubectl("get po nope") == 'Error from server (NotFound): pods "nope" not found\n'
    assert notebook.terminal("echo a | base64\nfoo") == "YQo=\nsh: 2: foo: not found\n"
    before = cluster.clock.now
    assert notebook.advance("30s") == "" and cluster.clock.now == before + 30


def test_manifest_writes_the_file_and_reset_starts_fresh():
    notebook.reset(0)
    text = "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 80\n"
    notebook.manifest("svc.yaml", text)
    assert notebook.current().read_file("svc.yaml") == text.encode()
    assert notebook.kubectl("apply -f svc.yaml") == "service/web created\n"
    old = notebook.current()
    notebook.k8stutor("reset --seed 3")
    assert notebook.current() is not old and notebook.current().seed == 3
    assert notebook.current().store.find("Service", "web") is None


@pytest.mark.parametrize(
    ("fn", "args"),
    [
        (notebook.k8stutor, ("",)),
        (notebook.k8stutor, ("reset --seed x",)),
        (notebook.advance, ("",)),
        (notebook.advance, ("soon",)),
        (notebook.manifest, ("", "x")),
        (notebook.manifest, ("a b", "x")),
    ],
)
def test_misuse_is_a_usage_error(fn, args):
    with pytest.raises(notebook.MagicUsageError):
        fn(*args)


def test_ipython_magics(capsys):
    ip_mod = pytest.importorskip("IPython.testing.globalipapp")
    ip = ip_mod.start_ipython()
    from IPython.core.error import UsageError

    notebook.load_ipython_extension(ip)
    ip.run_line_magic("kubectl", "get po nope")
    ip.run_cell_magic("terminal", "", "echo hi\necho there")
    ip.run_cell_magic(
        "manifest",
        "svc.yaml",
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 80\n",
    )
    ip.run_line_magic("kubectl", "apply -f svc.yaml")
    out = capsys.readouterr().out
    assert 'Error from server (NotFound): pods "nope" not found\nhi\nthere\n' in out
    assert out.endswith("service/web created\n")
    with pytest.raises(UsageError):
        ip.run_line_magic("k8stutor", "bogus")
    ip.user_ns["x"] = "python-value"  # the line is the terminal's: IPython's $x / {x} expansion is off
    ip.run_line_magic("kubectl", "get po $x{x}")
    assert capsys.readouterr().out == 'Error from server (NotFound): pods "$x{x}" not found\n'
