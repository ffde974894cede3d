"""The README's `flask ...` commands: every one exists, and they work as written after `make run`."""
import os
import re
import shutil
import subprocess
import sys

import pytest
from flask.cli import FlaskGroup

import config

README = (config.ROOT / "README.md").read_text()
# `flask <group> <command>`, in code blocks or inline, with or without `.venv/bin/` and `--app wsgi`.
COMMANDS = sorted(set(re.findall(r"\bflask (?:--app wsgi )?([a-z][a-z-]+) ([a-z][a-z-]+)", README)))


def test_the_readme_names_its_commands():
    assert len(COMMANDS) >= 15
    assert ("outbox", "work") in COMMANDS and ("db", "upgrade") in COMMANDS


@pytest.mark.parametrize("group, command", COMMANDS)
def test_every_command_the_readme_names_exists(app, group, command):
    cli = FlaskGroup(create_app=lambda: app, load_dotenv=False)
    result = app.test_cli_runner().invoke(cli, [group, command, "--help"], prog_name="flask")
    assert result.exit_code == 0, result.output
    assert f"Usage: flask {group} {command}" in result.output


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_the_commands_work_as_written_after_make_run(tmp_path):
    """A fresh shell (no CAMPAIGN_ENV, SECRET_KEY or MAIL_SERVER) with `make run`'s .flaskenv."""
    subprocess.run(["make", "-s", "-f", str(config.ROOT / "Makefile"), "-C", str(tmp_path), ".flaskenv"],
                   check=True, capture_output=True)
    env = {"PATH": os.environ["PATH"], "PYTHONPATH": str(config.ROOT), "DATABASE_URL": f"sqlite:///{tmp_path}/c.db"}

    def flask(*args):
        return subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", *args], cwd=tmp_path, env=env,
                              capture_output=True, text=True, timeout=120)

    for args in (["db", "upgrade"], ["outbox", "status"], ["deliveries", "milestones"]):
        result = flask(*args)
        assert result.returncode == 0, result.stderr
    assert "queued" in flask("outbox", "status").stdout
    (tmp_path / ".flaskenv").unlink()
    refused = flask("outbox", "status")
    assert refused.returncode != 0 and "SECRET_KEY is not set" in refused.stderr
