"""The README's two commands on a fresh Debian/Ubuntu machine: `make` finds what is missing
(Python 3.11, npm, gettext) and installs it with apt-get as root, or says what to run."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(not shutil.which("make"), reason="make is not installed")


def prerequisites(**variables) -> subprocess.CompletedProcess:
    args = [f"{k}={v}" for k, v in variables.items()]
    return subprocess.run(["make", "-s", "--no-print-directory", "prerequisites", *args],
                          cwd=ROOT, capture_output=True, text=True, env=os.environ.copy())


def test_nothing_to_do_when_everything_is_there():
    result = prerequisites()
    assert result.returncode == 0 and result.stdout == ""


def test_root_installs_what_is_missing_with_apt_get():
    result = prerequisites(PYTHON="/nonexistent/python3.11", APT_GET="echo apt-get",
                           USER_ID="0")
    assert result.returncode == 0
    assert "apt-get update" in result.stdout
    assert "apt-get install -y -qq python3.11 python3.11-venv" in result.stdout


def test_anyone_else_is_told_the_one_command():
    result = prerequisites(PYTHON="/nonexistent/python3.11", USER_ID="1000")
    assert result.returncode != 0
    assert "sudo apt-get install -y python3.11 python3.11-venv" in result.stdout


def test_install_waits_for_the_prerequisites():
    makefile = (ROOT / "Makefile").read_text()
    assert "$(VENV)/.installed: pyproject.toml | prerequisites" in makefile
    assert "node_modules/.installed: package.json package-lock.json | prerequisites" in makefile
