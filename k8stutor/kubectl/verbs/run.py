"""``kubectl run NAME --image=IMAGE [--port] [--restart] [--labels] [--env] [-i] [--tty] [--rm] [-- ARGS]``.

upstream: staging/src/k8s.io/kubectl/pkg/cmd/run/run.go (the pod it builds: label ``run=NAME``,
``dnsPolicy: ClusterFirst``, ``restartPolicy`` Always by default; "pod/NAME created"; attaching with
-i/--tty: "If you don't see a command prompt, try pressing enter.", ``--rm`` deleting the pod
afterwards with 'pod "NAME" deleted').  Waiting for the pod follows k8stutor's blocking rule.
"""

from __future__ import annotations

import importlib

from ...clock import parse_duration
from ...terminal.result import Result, fail
from ..args import DRY_RUN, OUTPUT, ArgError, Flag, flags, namespace_of, parse
from ..cmdutil import guard
from ..output import go_json, go_yaml
from ..watch import block
from .apply import dry_run_mode

NAME = "run"

SPEC = flags(
    OUTPUT,
    DRY_RUN,
    Flag("image", default=""),
    Flag("port", default=""),
    Flag("restart", default="Always"),
    Flag("labels", "l", default=""),
    Flag("env", kind="array", default=[]),
    Flag("command", kind="bool", default=False),
    Flag("stdin", "i", kind="bool", default=False),
    Flag("tty", "t", kind="bool", default=False),
    Flag("rm", kind="bool", default=False),
    Flag("attach", kind="bool", default=False),
    Flag("quiet", "q", kind="bool", default=False),
    Flag("image-pull-policy", default=""),
    Flag("annotations", kind="array", default=[]),
    Flag("expose", kind="bool", default=False),
    Flag("privileged", kind="bool", default=False),
    Flag("pod-running-timeout", default="1m0s"),
    Flag("overrides", default=""),
    Flag("serviceaccount", default=""),
    Flag("field-manager", default="kubectl-run"),
)

PROMPT_HINT = "If you don't see a command prompt, try pressing enter.\n"
SHELLS = ("sh", "/bin/sh", "bash", "/bin/bash", "ash", "/bin/ash")


@guard
def run(cluster, argv: list[str], stdin: str = "") -> Result:
    p = parse(NAME, argv, SPEC)
    if not p["image"]:
        raise ArgError('error: required flag(s) "image" not set')
    if not p.args:
        raise ArgError("error: NAME is required for run\nSee 'kubectl run -h' for help and examples")
    restart = p["restart"]
    if restart not in ("Always", "OnFailure", "Never"):
        raise ArgError(
            f"error: invalid restart policy: {restart}\nSee 'kubectl run -h' for help and examples"
        )
    attach = p["stdin"] or p["attach"]
    if p["rm"] and not attach:
        raise ArgError(
            "error: --rm should only be used for attached containers\n"
            "See 'kubectl run -h' for help and examples"
        )
    if p["tty"] and not p["stdin"]:
        raise ArgError(
            "error: -i/--stdin is required for containers with -t/--tty=true\n"
            "See 'kubectl run -h' for help and examples"
        )
    name, extra = p.args[0], p.args[1:]
    pod = build_pod(p, name, extra + (p.dash or []), namespace_of(p))
    dry = dry_run_mode(p)
    if dry != "none" or p["output"] in ("yaml", "json"):
        if dry == "none":
            pod = cluster.store.create(pod)
        shown = {k: v for k, v in pod.items() if k != "status"} | {"status": {}}
        if dry != "none":  # the generated object as run.go prints it: no namespace, a null timestamp
            meta = {k: v for k, v in pod["metadata"].items() if k != "namespace" or "namespace" in p.explicit}
            shown["metadata"] = {"creationTimestamp": None, **meta}
        if p["output"] == "yaml":
            return Result(go_yaml(shown))
        if p["output"] == "json":
            return Result(go_json(shown))
        return Result(f"pod/{name} created{' (dry run)' if dry == 'client' else ' (server dry run)'}\n")
    created = cluster.store.create(pod)
    if not attach:
        return Result(f"pod/{name} created\n")
    return _attach(cluster, p, created, extra + (p.dash or []), stdin)


def build_pod(p, name: str, args: list[str], ns: str) -> dict:
    labels = (
        dict(kv.split("=", 1) for kv in p["labels"].split(",") if "=" in kv) if p["labels"] else {"run": name}
    )
    container: dict = {"image": p["image"], "name": name}
    if args:
        container["command" if p["command"] else "args"] = list(args)
    if p["env"]:
        container["env"] = [
            {"name": e.split("=", 1)[0], "value": e.split("=", 1)[1] if "=" in e else ""} for e in p["env"]
        ]
    if p["image-pull-policy"]:
        container["imagePullPolicy"] = p["image-pull-policy"]
    if p["port"]:
        try:
            container["ports"] = [{"containerPort": int(p["port"])}]
        except ValueError:
            raise ArgError(f'error: strconv.Atoi: parsing "{p["port"]}": invalid syntax') from None
    container["resources"] = {}
    if p["stdin"]:
        container["stdin"] = True
        container["stdinOnce"] = True
    if p["tty"]:
        container["tty"] = True
    meta = {"labels": labels, "name": name, "namespace": ns}
    if p["annotations"]:
        meta["annotations"] = dict(a.split("=", 1) for a in p["annotations"] if "=" in a)
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": meta,
        "spec": {"containers": [container], "dnsPolicy": "ClusterFirst", "restartPolicy": p["restart"]},
        "status": {},
    }


def _attach(cluster, p, pod: dict, command: list[str], stdin: str) -> Result:
    name, ns = pod["metadata"]["name"], pod["metadata"]["namespace"]

    def state() -> dict:
        cur = cluster.store.find("Pod", name, ns) or {}
        for cs in (cur.get("status") or {}).get("containerStatuses") or []:
            if cs.get("name") == name:
                return cs.get("state") or {}
        return {}

    def attached() -> bool:
        st = state()
        return "terminated" in st or "running" in st

    try:
        timeout = parse_duration(p["pod-running-timeout"])
    except ValueError:
        raise ArgError(
            f'error: invalid argument "{p["pod-running-timeout"]}" for "--pod-running-timeout" flag'
        ) from None
    if not block(cluster, done=attached, timeout=timeout):
        return fail("error: timed out waiting for the condition")
    out, err, code = "", "", 0
    st = state()
    # a shell on a terminal waits for what you type: the attached session (a notebook cannot type,
    # so the session ends at once, as when stdin is closed)
    interactive = p["stdin"] and p["tty"] and (not command or command[0] in SHELLS)
    if interactive or ("running" in st and not command):
        out = PROMPT_HINT
        if stdin:
            out += _session(cluster, cluster.store.get("Pod", name, ns), name, stdin, p["image"])
    else:
        # The container's own process ran the command: attaching shows its output (its log).
        block(cluster, done=lambda: "terminated" in state(), timeout=timeout)
        out = _logs(cluster, name, ns)
        code = int((state().get("terminated") or {}).get("exitCode") or 0)
        if code:
            err = f"pod {ns}/{name} terminated (Error)\n"
    if p["rm"]:
        cluster.store.delete("Pod", name, ns, grace_period=None)
        block(cluster, done=lambda: cluster.store.find("Pod", name, ns) is None)
        out += f'pod "{name}" deleted\n'
    elif interactive or ("running" in st and not command):
        out += (
            f"Session ended, resume using 'kubectl attach {name} -c {name} -i -t' command when the pod is "
            "running\n"
        )
    return Result(out, err, code)


def _session(cluster, pod: dict, name: str, stdin: str, image: str) -> str:
    """Lines typed at the shell's prompt: the terminal echoes each after the prompt, then its output."""
    try:
        node_exec = importlib.import_module("k8stutor.node.exec")
    except ModuleNotFoundError:
        return ""
    prompt = "/ # " if "busybox" in image or "alpine" in image else "# "
    out = []
    for line in stdin.splitlines():
        out.append(f"{prompt}{line}\n")
        if line.strip() == "exit":
            return "".join(out)
        if line.strip():
            result = node_exec.run(cluster, pod, name, ["sh", "-c", line], "")
            out.append(str(result))
    out.append(f"{prompt}\n")  # end of input (Ctrl-D) at the last prompt
    return "".join(out)


def _logs(cluster, name: str, ns: str) -> str:
    pod = cluster.store.find("Pod", name, ns)
    try:
        runtime = importlib.import_module("k8stutor.node.runtime")
    except ModuleNotFoundError:
        return ""
    return (runtime.container_logs(cluster, pod, name) or "") if pod else ""
