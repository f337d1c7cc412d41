"""Jobs and CronJobs: the pod template's restartPolicy and the counts.

upstream: pkg/apis/batch/validation/validation.go (ValidateJobSpec, validateJobPodTemplateSpec,
ValidateCronJobSpec)
"""

from __future__ import annotations

from ..field import FieldError
from . import Context, d, num, rule
from .apps import selector_matches
from .core import not_supported, template


def job_spec(spec: dict, path: tuple, ctx: Context) -> list[FieldError]:
    errs: list[FieldError] = []
    for field in ("parallelism", "completions", "backoffLimit", "activeDeadlineSeconds"):
        v = num(spec.get(field))
        if v is not None and v < 0:
            errs.append(FieldError(path + (field,), "Invalid", v, "must be greater than or equal to 0"))
    tmpl = spec.get("template")
    if not isinstance(tmpl, dict):
        return errs + ([FieldError(path + ("template",), "Required")] if tmpl is None else [])
    tspec = d(tmpl.get("spec"))
    # A Job's pods must not restart forever (upstream: validateJobPodTemplateSpec)
    # (a missing restartPolicy defaults to Always, which a Job refuses)
    if tspec.get("restartPolicy") is None:
        errs.append(
            not_supported(
                path + ("template", "spec", "restartPolicy"),
                "Always",
                ["OnFailure", "Never"],
                "a Job's pods must not restart forever: add restartPolicy: Never (or OnFailure)",
            )
        )
    errs += template(tmpl, path + ("template",), ctx, ["OnFailure", "Never"])
    sel = spec.get("selector")
    if isinstance(sel, dict) and spec.get("manualSelector") is True:
        if not selector_matches(sel, d(d(tmpl.get("metadata")).get("labels"))):
            errs.append(
                FieldError(
                    path + ("template", "metadata", "labels"),
                    "Invalid",
                    None,
                    "`selector` does not match template `labels`",
                )
            )
    return errs


@rule("Job")
def job(obj: dict, ctx: Context) -> list[FieldError]:
    return job_spec(d(obj.get("spec")), ("spec",), ctx)


@rule("CronJob")
def cron_job(obj: dict, ctx: Context) -> list[FieldError]:
    spec = d(obj.get("spec"))
    errs: list[FieldError] = []
    schedule = spec.get("schedule")
    if isinstance(schedule, str) and len(schedule.split()) not in (5, 6) and not schedule.startswith("@"):
        errs.append(
            FieldError(
                ("spec", "schedule"),
                "Invalid",
                schedule,
                f"expected exactly 5 fields, found {len(schedule.split())}: {schedule}",
            )
        )
    policy = spec.get("concurrencyPolicy")
    if isinstance(policy, str) and policy not in ("Allow", "Forbid", "Replace"):
        errs.append(not_supported(("spec", "concurrencyPolicy"), policy, ["Allow", "Forbid", "Replace"]))
    jt = d(spec.get("jobTemplate"))
    errs += job_spec(d(jt.get("spec")), ("spec", "jobTemplate", "spec"), ctx)
    return errs
