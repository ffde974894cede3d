"""Every HTML page the tests were served, kept for one run of the Nu Html Checker after all the tests.

The browser tests record each document the live server sent them (tests/browser/conftest.py) and the
route walk each page an owner reaches with GET (tests/security/test_route_permissions.py);
tests/browser/test_valid_html.py, moved behind every other test, runs vnu.jar once over them all: one
JVM start for the whole run.
"""
import json
import subprocess
import time

import pytest

SUMMARY = pytest.StashKey[str]()  # the line the run ends with: pages checked, errors, seconds


class HtmlPages:
    """The distinct pages seen (the same bytes served twice are checked once), with where each was seen."""

    def __init__(self):
        self.seen = {}  # body -> ["GET /path", ...]

    def __len__(self):
        return len(self.seen)

    def record(self, where, body):
        """Keep `body` (the bytes the server sent) as served at `where` ("GET /letters/x")."""
        self.seen.setdefault(bytes(body), []).append(where)

    def check(self, vnu_command, directory):
        """Run vnu over every page in `directory`: [(where, message)] of each error, and the seconds it took."""
        wheres = {}
        for number, (body, where) in enumerate(self.seen.items()):
            path = directory / f"page-{number:04}.html"
            path.write_bytes(body)
            wheres[str(path)] = where
        started = time.monotonic()
        result = subprocess.run(  # nosec B603: a fixed command over files written here
            [*vnu_command, "--errors-only", "--no-langdetect", "--format", "json", str(directory)],
            capture_output=True, text=True, timeout=600)
        seconds = time.monotonic() - started
        try:
            messages = json.loads(result.stderr)["messages"]
        except ValueError:
            raise AssertionError(f"vnu did not answer in JSON (exit {result.returncode}): "
                                 f"{result.stderr[-2000:]}") from None
        errors = []
        for message in messages:
            where = wheres.get(message.get("url", "").removeprefix("file:"), [message.get("url", "?")])
            served = where[0] + (f" (and {len(where) - 1} more)" if len(where) > 1 else "")
            line = f" line {message['lastLine']}" if "lastLine" in message else ""
            extract = f": {message['extract'].strip()!r}" if message.get("extract") else ""
            errors.append((served, f"{message['message']} ({message.get('url', '').rsplit('/', 1)[-1]}"
                                   f"{line}){extract}"))
        return errors, seconds
