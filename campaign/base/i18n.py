"""The languages of the site (Flask-Babel): which one a request is served in, its other-language
links, and mail in the language of the person it goes to.

A request's language is, in order: the `lang` query parameter (`?lang=es`, then kept in the
`lang` cookie), that cookie, the browser's Accept-Language, the action's default language
(`use_action_language`), English. Catalogs live in campaign/translations/ (README: "Languages").
Outside a request (the outbox worker, commands) the language is English unless `in_language`
says otherwise, so every mail is rendered inside `in_language(its reader's language)`.
"""
from contextlib import contextmanager
from urllib.parse import urlencode

from babel.numbers import format_decimal
from flask import current_app, g, has_request_context, request, url_for
from flask_babel import Babel, force_locale, get_locale, get_translations, gettext, refresh
from flask_babel.speaklater import LazyString
from jinja2 import pass_context
from markupsafe import escape

LANGUAGES = ("en", "es")
DEFAULT = "en"
# Each language's name in itself, for the switcher (never translated: a reader looks for their own).
NAMES = {"en": "English", "es": "Español"}
COOKIE = "lang"
QUERY = "lang"
COOKIE_SECONDS = 365 * 24 * 3600
TRANSLATIONS = "_translations"  # the template context's catalog (_install_template_gettext)

babel = Babel()


def init_app(app):
    """Bind Flask-Babel, the Jinja helpers and the cookie that keeps `?lang=`."""
    babel.init_app(app, locale_selector=select_language, default_translation_directories="translations")
    app.jinja_env.policies["ext.i18n.trimmed"] = True  # {% trans %} blocks lose their line breaks
    app.jinja_env.globals.update(language=language, other_languages=other_languages, alternate_links=alternate_links)
    app.jinja_env.filters["number"] = number
    _install_template_gettext(app)
    app.after_request(_keep_choice)


def _install_template_gettext(app):
    """Templates' gettext family, reading the translations once per render_template rather than
    once per message: Flask-Babel's own look them up through several context locals on every call
    (about 40 µs each, and a page or a mail has dozens). The catalog is found when the render
    starts, in the language in force then (`in_language` for mail), and kept in the template's
    context as `_translations`; a template rendered without that context (an imported macro
    file) looks them up as Flask-Babel does."""
    app.context_processor(lambda: {TRANSLATIONS: get_translations()})

    def catalog(context):
        return context.get(TRANSLATIONS) or get_translations()

    app.jinja_env.install_gettext_callables(
        gettext=pass_context(lambda context, s: catalog(context).ugettext(s)),
        ngettext=pass_context(lambda context, s, p, n: catalog(context).ungettext(s, p, n)),
        pgettext=pass_context(lambda context, c, s: catalog(context).upgettext(c, s)),
        npgettext=pass_context(lambda context, c, s, p, n: catalog(context).unpgettext(c, s, p, n)),
        newstyle=True,
    )


class _EscapedLazyString(LazyString):
    """A message translated when shown, escaped in a page like any other text (Flask-Babel's own
    would be written into HTML as it is)."""

    def __html__(self):
        return str(escape(str(self)))


def lazy_gettext(message, **variables):
    """`message` translated when it is shown (form labels, validators' messages, module constants)."""
    return _EscapedLazyString(gettext, message, **variables)


def N_(message):
    """Mark `message` for extraction only: the code translates it where it is shown, with gettext."""
    return message


def valid(code):
    """`code` if it is one of LANGUAGES, else None."""
    return code if code in LANGUAGES else None


def select_language():
    """The request's language (Flask-Babel's locale selector), in the order of the module docstring."""
    if not has_request_context():
        return DEFAULT
    return (valid(request.args.get(QUERY)) or valid(request.cookies.get(COOKIE))
            or request.accept_languages.best_match(LANGUAGES)
            or valid(g.get("action_language")) or DEFAULT)


def use_action_language(code):
    """Make `code` (an action's default language) the language of a request that neither asked
    for one nor has a browser preference we serve."""
    g.action_language = code
    refresh()


def language():
    """The language being used now: "en" or "es"."""
    locale = get_locale()
    return locale.language if locale is not None else DEFAULT


@contextmanager
def in_language(code):
    """Render within this block in `code` (mail to a signer in the language they signed in); an
    unknown or empty code means the default language."""
    with force_locale(valid(code) or DEFAULT):
        yield


def number(value):
    """A count for the reader: 1,234 in English, 1.234 in Spanish."""
    return format_decimal(value, locale=get_locale() or DEFAULT)


def _has_own_address():
    """Whether this page answers GET at its address (a form re-rendered by its POST may not)."""
    rule = request.url_rule
    return rule is not None and "GET" in (rule.methods or ())


def other_languages():
    """[(code, name, href)] of this page in the other languages, for the switcher: plain links
    relative to the page (`?lang=es`), so no JavaScript, no secret token of the page's address and
    no visitor's own query value (a shared copy is served to everyone) is written into it."""
    if not _has_own_address():
        return []
    current = language()
    return [(code, NAMES[code], "?" + urlencode({QUERY: code}))
            for code in LANGUAGES if code != current]


def alternate_links():
    """[(hreflang, absolute url)] of this page in every language, and x-default (the page
    without `lang`): absolute on BASE_URL, the same for every visitor (shared copies hold them).
    None for a page reached by a secret token (a confirmation link): it is nobody else's page."""
    if not _has_own_address() or "token" in (request.view_args or {}):
        return []
    values = request.view_args or {}
    links = [(code, url_for(request.endpoint, **values, lang=code, _external=True)) for code in LANGUAGES]
    links.append(("x-default", url_for(request.endpoint, **values, _external=True)))
    return links


def _keep_choice(response):
    """Keep a `?lang=` choice in the cookie; say that pages depend on the language choice."""
    asked = valid(request.args.get(QUERY))
    if asked and request.cookies.get(COOKIE) != asked:
        response.set_cookie(COOKIE, asked, max_age=COOKIE_SECONDS, samesite="Lax", httponly=True,
                            secure=current_app.config["SESSION_COOKIE_SECURE"])
    if response.mimetype == "text/html":
        response.vary.update(("Accept-Language", "Cookie"))
    return response
