"""The simulated terminal: files of the working directory, /etc/hosts, and the shell."""

from .result import Result, fail

__all__ = ["Result", "fail"]
