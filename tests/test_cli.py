"""``k8stutor validate``: exit codes, text and JSON output, directories and stdin, a light start."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from k8stutor.cli import main

GOOD = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: b\n"
BAD = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndatta:\n  a: b\n"


def run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_valid_file_exits_0(tmp_path, capsys):
    (tmp_path / "ok.yaml").write_text(GOOD)
    code, out, _ = run(capsys, "validate", str(tmp_path / "ok.yaml"))
    assert code == 0 and out.strip() == "valid: 1 file, 1 document: 0 errors, 0 warnings"


def test_invalid_file_exits_1_and_json_lists_findings(tmp_path, capsys):
    (tmp_path / "bad.yaml").write_text(BAD)
    code, out, _ = run(capsys, "validate", "--output", "json", str(tmp_path / "bad.yaml"))
    assert code == 1
    (finding,) = json.loads(out)
    assert finding == {
        "file": str(tmp_path / "bad.yaml"),
        "document": 0,
        "kind": "ConfigMap",
        "name": "cfg",
        "path": "datta",
        "line": 5,
        "column": 1,
        "severity": "error",
        "message": 'unknown field "datta"',
        "hint": "did you mean data?",
    }


def test_directory_is_searched_and_hostile_content_is_a_finding(tmp_path, capsys):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "ok.yml").write_text(GOOD)
    (tmp_path / "junk.yaml").write_bytes(bytes(range(256)))
    (tmp_path / "notes.txt").write_text("not yaml")
    code, out, _ = run(capsys, "validate", str(tmp_path))
    assert code == 1
    assert "junk.yaml:2:118: error: the file is not UTF-8 text" in out  # byte 10 is a newline
    assert out.rstrip().endswith("invalid: 2 files, 1 document: 1 error, 0 warnings")


def test_unreadable_file_and_usage_errors_exit_2(tmp_path, capsys):
    code, _, err = run(capsys, "validate", str(tmp_path / "missing.yaml"))
    assert code == 2 and "cannot read" in err
    assert run(capsys)[0] == 2
    try:
        main(["validate", "--output", "xml", "x"])
    except SystemExit as exc:
        assert exc.code == 2
    else:  # pragma: no cover
        raise AssertionError("argparse should exit")


def test_stdin_and_python_m_with_a_light_import(tmp_path):
    script = (
        "import sys, k8stutor.__main__ as m; rc = m.main(['validate', '-']); "
        "heavy = [x for x in ('IPython', 'matplotlib', 'k8stutor.cluster', 'k8stutor.api.store') "
        "if x in sys.modules]; print('HEAVY', heavy); sys.exit(rc)"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script],
        input=BAD,
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert proc.returncode == 1
    assert "<stdin>:5:1: error: datta: unknown field" in proc.stdout
    assert "HEAVY []" in proc.stdout
    proc = subprocess.run(
        [sys.executable, "-m", "k8stutor", "validate", "-"],
        input=GOOD,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
