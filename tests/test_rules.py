"""Rules the code keeps, read from its source: operations flush and never commit."""
import ast
from pathlib import Path

import campaign

PACKAGE = Path(campaign.__file__).parent
# Where a request, a command or the worker ends its work: these commit.
# (a package's pages.py holds what several packages' views share: the web layer too)
COMMITTING_MODULES = {"views.py", "organizer_views.py", "commands.py", "pages.py"}
ALSO_COMMITTING = {
    "outbox/worker.py": "the worker commits each claim and each result",
    "exports/downloads.py": "a download's stream commits its row count after its view has returned",
    "webhooks/sending.py": "the webhook worker commits each claim and each result, as the outbox's worker does",
    "base/workers.py": "the cron commands it builds commit what they queued, as a commands.py does",
}


def commits_in(path):
    """The line numbers of the `.commit()` calls in the module at `path`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [node.lineno for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "commit"]


def test_only_views_commands_and_the_worker_commit():
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        where = path.relative_to(PACKAGE).as_posix()
        if path.name in COMMITTING_MODULES or any(where.endswith(name) for name in ALSO_COMMITTING):
            continue
        found += [f"{where}:{line}" for line in commits_in(path)]
    assert found == [], "operations and models flush; their caller commits"


def test_the_rule_sees_a_commit(tmp_path):
    """The reader finds the calls it is looking for (a test that cannot fail proves nothing)."""
    module = tmp_path / "operations.py"
    module.write_text("def save():\n    db.session.flush()\n    db.session.commit()\n", encoding="utf-8")
    assert commits_in(module) == [3]
