"""Shared pytest set-up for the whole suite (owned by the pipeline)."""

from __future__ import annotations

import os

# MkDocs 1.x prints a banner about MkDocs 2 on every run unless told not to.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives headless Chromium over the built site")
    config.addinivalue_line("markers", "binder: replays Binder's install in a fresh virtual environment")
