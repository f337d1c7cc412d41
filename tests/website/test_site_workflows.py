"""The GitHub workflow files pass the bundled schema (offline) and hold to the pipeline's rules."""

from __future__ import annotations

import re

import sitechecks
import yaml
from sitechecks import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def test_workflows_match_the_github_workflow_schema():
    assert WORKFLOWS
    assert sitechecks.workflow_problems(WORKFLOWS) == []


def test_every_action_is_pinned_to_a_version():
    for wf in WORKFLOWS:
        for ref in re.findall(r"uses:\s*(\S+)", wf.read_text(encoding="utf-8")):
            if ref.startswith("./"):  # a reusable workflow of this repository
                continue
            assert re.search(r"@v\d+\.\d+\.\d+$|@[0-9a-f]{40}$", ref), f"{wf.name}: {ref} is not pinned"


def test_pages_deploy_keeps_the_pr_previews():
    lines = (ROOT / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8").splitlines()
    text = "\n".join(line for line in lines if not line.lstrip().startswith("#"))
    assert "clean-exclude: pr-preview/" in text and "gh-deploy" not in text and "force_orphan" not in text


def test_preview_deploys_from_workflow_run_so_forks_work():
    wf = yaml.safe_load((ROOT / ".github" / "workflows" / "preview.yml").read_text(encoding="utf-8"))
    on = wf[True] if True in wf else wf["on"]  # YAML 1.1 reads the key `on` as true
    assert "workflow_run" in on
    text = (ROOT / ".github" / "workflows" / "preview.yml").read_text(encoding="utf-8")
    assert "pr-preview/pr-" in text
