"""What every verb shares: turning errors into kubectl's texts, one guard around each verb.

upstream: staging/src/k8s.io/kubectl/pkg/cmd/util/helpers.go (CheckErr, StandardErrorMessage,
MultilineError, AddSourceToErr).
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from ..api import errors, kinds
from ..terminal.result import Result, fail
from .args import ArgError


def api_error_text(exc: errors.ApiError, action: str | None = None, source: str | None = None) -> str:
    """kubectl's message for an apiserver error; ``action``/``source`` as AddSourceToErr adds them."""
    if isinstance(exc, errors.Invalid):
        return exc.kubectl_text()  # bare, several causes as "* cause" lines (helpers.go MultilineError)
    msg = exc.message
    if action and source:
        msg = f'error when {action} "{source}": {msg}'
    return f"Error from server ({exc.reason}): {msg}"


def guard(fn: Callable[..., Result]) -> Callable[..., Result]:
    """A user's mistake becomes kubectl's text and exit 1; only a bug raises."""

    @functools.wraps(fn)
    def run(*args, **kwargs) -> Result:
        try:
            return fn(*args, **kwargs)
        except ArgError as exc:  # HelpRequested too: its result() is the help text
            return exc.result()
        except kinds.UnknownKind as exc:
            return fail(str(exc))
        except errors.ApiError as exc:
            return fail(api_error_text(exc))
        except Exception as exc:
            # the -o yaml emitter refuses what kubectl's refuses (control characters): kubectl's own text
            if type(exc).__name__ == "YAMLError" and type(exc).__module__.endswith("goyaml"):
                return fail(f"error: {exc}")
            raise

    return run


def join(*results: Result) -> Result:
    """Several results as one terminal: outputs concatenated, the last failure's code."""
    code = 0
    for r in results:
        code = r.returncode or code
    return Result("".join(r.stdout for r in results), "".join(r.stderr for r in results), code)
