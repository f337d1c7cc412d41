#!/bin/sh
# Re-pin every dependency from the ranges in pyproject.toml (run by `make lock`).
#   requirements.lock         - all extras, exact pins: the venv (make), CI and the Binder subset use it
#   binder/requirements.txt   - what Binder needs (package runtime + notebook + JupyterLab), pinned to
#                               the same versions by using the lock as a constraint
# Needs pip-tools (the `dev` extra). PIPCOMPILE_BIN may point at another pip-compile.
set -eu
cd "$(dirname "$0")/.."
PIPCOMPILE_BIN=${PIPCOMPILE_BIN:-.venv/bin/pip-compile}
COMMON="--quiet --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links --no-emit-trusted-host --resolver=backtracking"
# shellcheck disable=SC2086
"$PIPCOMPILE_BIN" $COMMON --all-extras --output-file requirements.lock pyproject.toml "$@"
# shellcheck disable=SC2086
"$PIPCOMPILE_BIN" $COMMON --extra notebook --extra binder --constraint requirements.lock \
    --output-file binder/requirements.txt pyproject.toml
