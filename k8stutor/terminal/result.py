"""What a command leaves on the terminal."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Result:
    stdout: str = ""
    stderr: str = ""
    returncode: int = 0

    def __str__(self) -> str:
        """What the terminal shows: stdout then stderr, as one text."""
        return self.stdout + self.stderr

    def __repr__(self) -> str:
        return str(self)

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def fail(message: str, code: int = 1) -> Result:
    """kubectl's way of failing: the message on stderr with a newline, exit 1."""
    return Result(stderr=message if message.endswith("\n") else message + "\n", returncode=code)
