"""Every message the Python code says to a person goes through the translation functions: a
flash(), a form's ValidationError or a WrongState (which views flash) given bare English (a
string or an f-string) fails here, with its file and line. Read with the standard library's
`ast`, like tests/test_layers.py."""
import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted((ROOT / "campaign").rglob("*.py"))
# The calls whose first argument a person reads in the page's language.
SAID = {"flash", "ValidationError", "WrongState"}


def _name(call):
    function = call.func
    return function.id if isinstance(function, ast.Name) else getattr(function, "attr", None)


def _is_bare_text(node):
    """A string literal, an f-string, or text joined or formatted from one ("…" + x, "…".format())."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp):
        return _is_bare_text(node.left) or _is_bare_text(node.right)
    if isinstance(node, ast.IfExp):
        return _is_bare_text(node.body) or _is_bare_text(node.orelse)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        return _is_bare_text(node.func.value)
    return False


def bare_messages(source, filename="<source>"):
    """[(line, call name)] of the calls in SAID whose first argument is bare text."""
    return [(node.lineno, _name(node)) for node in ast.walk(ast.parse(source, filename))
            if isinstance(node, ast.Call) and _name(node) in SAID and node.args and _is_bare_text(node.args[0])]


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_messages_to_people_are_wrapped_for_translation(path):
    found = bare_messages(path.read_text(), str(path))
    assert found == [], "wrap these in _() (gettext) or counted(): " + ", ".join(
        f"{path.relative_to(ROOT)}:{line} {name}()" for line, name in found)


def test_the_check_finds_bare_text():
    assert bare_messages('flash("Saved.", "success")') == [(1, "flash")]
    assert bare_messages('flash(f"{n} saved.")') == [(1, "flash")]
    assert bare_messages('flash("On." if on else "Off.")') == [(1, "flash")]
    assert bare_messages('raise ValidationError("Line {}".format(n))') == [(1, "ValidationError")]
    assert bare_messages('flash(_("Saved."), "success")') == []
    assert bare_messages('flash(counted(n, "%(num)s saved.", "%(num)s saved."))') == []
    assert bare_messages("flash(str(error))") == []
