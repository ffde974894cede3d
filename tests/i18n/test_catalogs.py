"""The catalogs are complete: every message of the code and templates is in the template catalog
and translated (not fuzzy) in Spanish, and no template has text outside the translation functions."""
import re
from pathlib import Path

import pytest
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po
from jinja2 import nodes

from campaign.base.i18n import DEFAULT, LANGUAGES

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "campaign" / "translations"
# The keywords `make messages` extracts with: read from the Makefile, so the two cannot drift apart.
KEYWORDS = re.search(r"^BABEL_KEYWORDS := (.*)$", (ROOT / "Makefile").read_text(), re.M).group(1).split()


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """The catalog template the sources give now, extracted as `make messages` does."""
    out = tmp_path_factory.mktemp("messages") / "messages.pot"
    CommandLineInterface().run(["pybabel", "-q", "extract", "--no-location", "--omit-header", "-F",
                                str(ROOT / "babel.cfg"), *KEYWORDS, "-o", str(out), str(ROOT)])
    return read_catalog(out)


def read_catalog(path, locale=None):
    with open(path, "rb") as file:
        return read_po(file, locale=locale)


def ids(catalog):
    return {message.id for message in catalog if message.id}


def test_the_template_catalog_is_up_to_date(extracted):
    kept = read_catalog(TRANSLATIONS / "messages.pot")
    assert ids(extracted) - ids(kept) == set(), "messages not in messages.pot: run `make messages`"
    assert ids(kept) - ids(extracted) == set(), "messages.pot has messages the code no longer uses: run `make messages`"


@pytest.mark.parametrize("code", [code for code in LANGUAGES if code != DEFAULT])
def test_each_catalog_has_every_message_translated(extracted, code):
    """Spanish (and any language added to campaign.base.i18n.LANGUAGES): none missing, fuzzy or empty."""
    spanish = read_catalog(TRANSLATIONS / code / "LC_MESSAGES" / "messages.po", locale=code)
    assert ids(extracted) - ids(spanish) == set(), "messages missing from the Spanish catalog"
    assert ids(spanish) - ids(extracted) == set(), "the Spanish catalog has messages the code no longer uses"
    fuzzy = [message.id for message in spanish if message.id and message.fuzzy]
    assert fuzzy == [], "fuzzy Spanish messages: check and confirm each one"
    untranslated = [message.id for message in spanish if message.id and not all(
        message.string if isinstance(message.string, tuple) else [message.string])]
    assert untranslated == [], "Spanish messages without a translation"
    problems = [(message.id, [str(error) for error in errors]) for message, errors in spanish.check()]
    assert problems == [], "Spanish messages whose placeholders differ from the English"


def test_the_catalogs_a_checkout_carries_are_compiled_by_make():
    """The .mo files are built, not committed: `make run` and `make test` compile them first."""
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^run: .*\btranslations\b", makefile, re.M)
    assert re.search(r"^test-sqlite: .*\btranslations\b", makefile, re.M)
    assert "pybabel compile" in makefile


# Text that is not language: punctuation and separators between translated parts.
_TAG = re.compile(r"<[^>]*>")
_ENTITY = re.compile(r"&[#a-zA-Z0-9]+;")
_COMMENT = re.compile(r"<!--.*?-->|<style>.*?</style>", re.S)  # comments and CSS are not read
_SPOKEN_ATTRIBUTE = re.compile(r'\b(?:aria-label|title|alt|placeholder|data-label)="([^"]*)"')


def literal_text(template_source, environment):
    """The words a template writes outside {% trans %}, _() and the values it is given: its text,
    in the order written, with every value a placeholder, read as HTML."""
    parts = []
    for output in environment.parse(template_source).find_all(nodes.Output):
        parts += [node.data if isinstance(node, nodes.TemplateData) else "\0" for node in output.nodes]
    text = _COMMENT.sub("", "".join(parts))
    found = [value for value in _SPOKEN_ATTRIBUTE.findall(text) if re.search(r"[A-Za-z]", value)]
    words = _ENTITY.sub(" ", _TAG.sub(" ", text))
    return found + re.findall(r"[A-Za-z][A-Za-z'’]*(?:[ \t]+[A-Za-z][A-Za-z'’]*)*", words)


TEMPLATES = sorted(p for p in (ROOT / "templates").rglob("*") if p.suffix in (".html", ".txt"))
# Words that are not English to translate: doctype, names of formats and services.
NOT_LANGUAGE = {"doctype html", "PDF", "CSV", "Facebook", "X", "WhatsApp", "Bluesky", "flask geo assign-districts",
                "flask targets import-congress", "Authorization", "Bearer", "token", "source", "URL"}


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT / "templates")))
def test_templates_have_no_text_outside_the_translation_functions(app, path):
    words = [w for w in literal_text(path.read_text(), app.jinja_env) if w not in NOT_LANGUAGE]
    assert words == [], f"untranslated text in {path.name}: wrap it in {{% trans %}} or _()"


def test_the_check_finds_text_outside_the_translation_functions(app):
    """The scan above would see an untranslated word, in text or a spoken attribute."""
    assert literal_text("<p>{{ _('Sign') }}</p>", app.jinja_env) == []
    assert literal_text("<p>{% trans %}Sign here{% endtrans %}</p>", app.jinja_env) == []
    assert literal_text("<p>Sign here</p>", app.jinja_env) == ["Sign here"]
    assert literal_text('<nav aria-label="Organizer">{{ x }}</nav>', app.jinja_env) == ["Organizer"]
