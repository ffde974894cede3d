"""Every message the Python code says to a person goes through the translation functions: a
flash(), a form's ValidationError or error, a WrongState (which views flash) or an abort()'s
message (outside the API) given bare English (a string or an f-string) fails here, with its file
and line. Read with the standard library's `ast`, like tests/test_layers.py."""
import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted((ROOT / "campaign").rglob("*.py"))
# The calls whose first argument a person reads in the page's language.
SAID = {"flash", "ValidationError", "WrongState"}
# The API's messages are for programs, in English (README, Languages): its abort() is not checked.
API = ROOT / "campaign" / "features" / "api"


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


def _said(call, is_api):
    """The argument of `call` a person reads, if it is one of the checked calls: the message of
    flash(), ValidationError(), WrongState(), abort(code, message) and form.errors.append(message)."""
    name, args = _name(call), call.args
    if name in SAID and args:
        return args[0]
    if name == "abort" and len(args) > 1 and not is_api:
        return args[1]
    if name == "append" and args and getattr(call.func.value, "attr", None) in ("errors", "form_errors"):
        return args[0]
    return None


def bare_messages(source, filename="<source>", is_api=False):
    """[(line, call name)] of the checked calls whose message is bare text."""
    return [(node.lineno, _name(node)) for node in ast.walk(ast.parse(source, filename))
            if isinstance(node, ast.Call) and _is_bare_text(_said(node, is_api))]


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_messages_to_people_are_wrapped_for_translation(path):
    found = bare_messages(path.read_text(), str(path), is_api=API in path.parents)
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
    assert bare_messages('abort(400, "Bad text.")') == [(1, "abort")]
    assert bare_messages('abort(400, "Bad text.")', is_api=True) == []
    assert bare_messages('self.form_errors.append("Describe it.")') == [(1, "append")]
    assert bare_messages('field.errors.append(_("Describe it."))') == []
