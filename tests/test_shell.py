"""The simulated shell: words, quotes, expansions, loops, pipes, redirections, background watches."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from k8stutor import Cluster
from k8stutor.terminal import shell
from k8stutor.terminal.result import Result


@pytest.fixture(scope="module")
def cluster() -> Cluster:
    return Cluster(seed=0)


@pytest.mark.parametrize(
    ("line", "out"),
    [
        ("echo hello   world", "hello world\n"),
        ("echo \"a  b\" 'c $HOME' $UNSET x", "a  b c $HOME x\n"),
        ('X=5; echo $X ${X}y "$X"', "5 5y 5\n"),
        ('for i in 0 1 2; do echo "web-$i"; done', "web-0\nweb-1\nweb-2\n"),
        ("for i in $(seq 2); do\n  echo $i\ndone", "1\n2\n"),
        ("echo -n admin | base64", "YWRtaW4=\n"),
        ("echo YWRtaW4= | base64 -d", "admin"),
        ("echo -n abc | base64 -w0", "YWJj"),
        ("echo $(echo hi) `echo there`", "hi there\n"),
        ("false || echo ok && echo yes", "ok\nyes\n"),
        ("true && false || echo fallback", "fallback\n"),
        ("echo -e 'a\\tb'", "a\tb\n"),
        ("seq 3 | sort -r | head -n 2", "3\n2\n"),
        ("printf '%s-%s\\n' a b", "a-b\n"),
        ("echo one two | wc -w", "2\n"),
        ("sudo echo root", "root\n"),
        ("echo a # a comment", "a\n"),
    ],
)
def test_lines(cluster, line, out):
    r = cluster.sh(line)
    assert (str(r), r.returncode) == (out, 0)


def test_redirections_write_host_files(cluster):
    assert str(cluster.sh("echo hi > f.txt; echo more >> f.txt; cat f.txt | wc -l")) == "2\n"
    assert cluster.read_file("f.txt") == b"hi\nmore\n"
    assert str(cluster.sh("echo x | tee g.txt")) == "x\n" and cluster.read_file("g.txt") == b"x\n"
    assert str(cluster.sh("cat nope 2>/dev/null; echo $?")) == "1\n"


def test_unknown_command_is_127_like_dash(cluster):
    r = cluster.sh("foo bar")
    assert (r.stderr, r.returncode) == ("sh: 1: foo: not found\n", 127)
    assert cluster.sh("echo a\nfoo").stderr == "sh: 2: foo: not found\n"


@pytest.mark.parametrize(
    ("line", "err"),
    [
        ('echo "open', "sh: 1: Syntax error: Unterminated quoted string\n"),
        ("for x in a; do echo", 'sh: 1: Syntax error: end of file unexpected (expecting "done")\n'),
        ("| echo", 'sh: 1: Syntax error: "|" unexpected\n'),
    ],
)
def test_syntax_errors(cluster, line, err):
    r = cluster.sh(line)
    assert (r.stderr, r.returncode) == (err, 2)


def test_terminal_interleaves_stdout_and_stderr(cluster):
    r = cluster.sh("echo one; kubectl get po nope; echo two")
    assert str(r) == 'one\nError from server (NotFound): pods "nope" not found\ntwo\n'
    assert r.stdout == "one\ntwo\n" and r.returncode == 0


def test_sleep_moves_virtual_time():
    c = Cluster(seed=0)
    before = c.clock.now
    c.sh("sleep 5")
    assert c.clock.now == before + 5


def test_background_watch_prints_as_later_commands_change_things():
    c = Cluster(seed=0)
    c.write_file(
        "svc.yaml",
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  labels: {app: x}\n"
        "spec:\n  ports:\n  - port: 80\n",
    )
    r = c.sh("kubectl get svc -l app=x -w &\nkubectl apply -f svc.yaml\nkubectl delete svc web")
    lines = str(r).splitlines()
    assert lines[0] == "service/web created"
    assert lines[1].split() == ["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"]
    assert lines[2].split()[:2] == ["web", "ClusterIP"]
    assert 'service "web" deleted' in lines


WORDS = st.sampled_from(
    [
        "echo",
        "kubectl",
        "get",
        "po",
        "-w",
        "&",
        "|",
        ";",
        "&&",
        "||",
        "$(",
        ")",
        "`",
        "'",
        '"',
        "for",
        "in",
        "do",
        "done",
        "x",
        "$X",
        "${",
        "}",
        ">",
        "f",
        "<",
        "2>&1",
        "base64",
        "-d",
        "cat",
        "\n",
        "sleep",
        "1",
        "curl",
        "minikube",
        "grep",
        "-",
        "--",
        "\\",
        "#",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(WORDS, max_size=12).map(" ".join))
def test_random_lines_never_raise(line):
    r = shell.run(_CLUSTER, line)
    assert isinstance(r, Result)


_CLUSTER = Cluster(seed=0)


def test_heredocs_mkdir_and_arithmetic():
    c = Cluster(seed=0)
    script = (
        "mkdir -p configs\n"
        "cat > configs/game.properties <<EOF\nlives=$((1+2))\nname=${N}x\nEOF\n"
        "cat <<'EOF' | base64\n$N\nEOF\n"
        "cat <<-EOF\n\tindented\n\tEOF\n"
        "cd configs; ls; pwd\n"
    )
    assert str(c.sh("N=a; " + script)) == ("JE4K\nindented\ngame.properties\n/home/learner/configs\n")
    assert c.read_file("/home/learner/configs/game.properties") == b"lives=3\nname=ax\n"
    assert c.sh("mkdir /home/learner/configs").stderr == (
        "mkdir: cannot create directory '/home/learner/configs': File exists\n"
    )


def test_lines_before_a_syntax_error_still_run():
    r = Cluster(seed=0).sh("echo first\necho 'open")
    assert str(r) == "first\nsh: 2: Syntax error: Unterminated quoted string\n" and r.returncode == 2


def test_apply_warning_comes_before_its_line():
    c = Cluster(seed=0)
    c.sh("kubectl create -f - <<EOF\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\nEOF")
    r = c.sh(
        "kubectl apply -f - <<EOF\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: b\nEOF"
    )
    # upstream: apply.go warningNoLastAppliedConfigAnnotation is printed when the patch is sent
    assert str(r).startswith("Warning: resource configmaps/x is missing the kubectl.kubernetes.io/")
    assert str(r).endswith("patched automatically.\nconfigmap/x configured\n")
