#!/usr/bin/env bash
# Installs the peer tools (SnowNLP, VADER) from PyPI into a venv, once per
# version of requirements.txt. Usage: setup.sh [venv dir]; prints the venv's
# python on stdout.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="${1:-.stack/venv-eval}"
req="$here/requirements.txt"
stamp="$venv/.convqa-$(cksum < "$req" | cut -d' ' -f1)"
if [[ ! -f "$stamp" ]]; then
  python3 -m venv "$venv" >&2
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$req" >&2
  touch "$stamp"
fi
echo "$venv/bin/python"
