"""API errors as the apiserver returns them (k8s.io/apimachinery/pkg/api/errors).

``str()`` of an :class:`ApiError` is the message; ``kubectl_text()`` is what kubectl
prints for it (``Error from server (NotFound): pods "x" not found``).
"""

from __future__ import annotations


class ApiError(Exception):
    """A failed API call; the store is unchanged when one is raised."""

    reason = "InternalError"
    code = 500

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def kubectl_text(self) -> str:
        # upstream: staging/src/k8s.io/kubectl/pkg/cmd/util/helpers.go (StandardErrorMessage)
        if self.reason == "Invalid":
            return self.message  # kubectl prints Invalid errors bare: 'The Pod "x" is invalid: ...'
        return f"Error from server ({self.reason}): {self.message}"


class NotFound(ApiError):
    reason, code = "NotFound", 404

    @classmethod
    def of(cls, resource: str, name: str) -> NotFound:
        return cls(f'{resource} "{name}" not found')


class AlreadyExists(ApiError):
    reason, code = "AlreadyExists", 409

    @classmethod
    def of(cls, resource: str, name: str) -> AlreadyExists:
        return cls(f'{resource} "{name}" already exists')


class Conflict(ApiError):
    reason, code = "Conflict", 409


class BadRequest(ApiError):
    reason, code = "BadRequest", 400


class Forbidden(ApiError):
    reason, code = "Forbidden", 403


class Invalid(ApiError):
    """``The Service "x" is invalid: spec.ports[0].nodePort: Invalid value: ...``."""

    reason, code = "Invalid", 422

    @classmethod
    def of(cls, kind: str, name: str, causes: list[str]) -> Invalid:
        # upstream: staging/src/k8s.io/apimachinery/pkg/api/errors/errors.go (NewInvalid)
        if len(causes) == 1:
            detail = causes[0]
        else:
            detail = "[" + ", ".join(causes) + "]"
        err = cls(f'The {kind} "{name}" is invalid: {detail}')
        err.kind, err.name, err.causes = kind, name, list(causes)
        return err

    def kubectl_text(self) -> str:
        """kubectl lists several causes one per line (kubectl/pkg/cmd/util/helpers.go, MultilineError)."""
        causes = getattr(self, "causes", None)
        if not causes or len(causes) == 1:
            return self.message
        return f'The {self.kind} "{self.name}" is invalid: \n' + "\n".join(f"* {c}" for c in causes)
