"""Actions (petitions, letters) written in one or more languages.

An action's own columns hold its text in its default language (`language`), so everything that
reads it for the organizer or the targets (lists, exports, deliveries) reads that language. The
other languages' texts are kept in `translations`, a JSON object from a language code to the
action's TRANSLATED fields in it: one row per action, nothing to join, and a public page's copy
(public_cache) keyed by slug and language. `in_language(code)` is the action as a page or a mail in
that language shows it: each translated field in that language where it is written, in the
default language where not (and `is_fallback` when the language has no text at all).
"""
from babel import Locale
from flask_babel import LazyString, gettext as _, lazy_gettext as _l
from markupsafe import Markup
from sqlalchemy import JSON, String, text
from sqlalchemy.orm import Mapped, mapped_column
from wtforms import SelectField
from wtforms.validators import Length

from campaign.base import i18n
from campaign.base.forms import Form, choices
from campaign.base.markdown import render


class Multilingual:
    """An action's languages. A model using it names its fields written per language (TRANSLATED)."""

    TRANSLATED: tuple = ()

    language: Mapped[str] = mapped_column(String(8), default=i18n.DEFAULT, server_default=i18n.DEFAULT)
    translations: Mapped[dict] = mapped_column(JSON, default=dict, server_default=text("'{}'"))

    @property
    def languages(self):
        """The codes of the languages it is written in: the default first, then i18n.NAMES' order."""
        written = self.translations or {}
        return [self.language, *(code for code in i18n.NAMES if code != self.language and code in written)]

    def translation(self, language):
        """The fields written in `language` other than the default ({} when none)."""
        return dict((self.translations or {}).get(language) or {})

    def set_translations(self, texts):
        """Keep `texts` ({language: {field: value}}), other than the default language's, as its
        translations (their body_html rendered from their body_markdown); a language with no title
        is not written. A new dict, so the change is saved."""
        self.translations = {
            language: {**{name: values.get(name) for name in self.TRANSLATED},
                       "body_html": render(values["body_markdown"])}
            for language, values in texts.items() if language != self.language and values.get("title")
        }

    def in_language(self, language):
        """The action as shown in `language` (InLanguage)."""
        return InLanguage(self, language)


class InLanguage:
    """An action shown in a language: its TRANSLATED fields as written in that language (the
    default language's where one is not), every other attribute the action's own. Read-only."""

    def __init__(self, action, language):
        self._action = action
        self._text = {} if language == action.language else action.translation(language)
        # The language its text is in, and whether that is not the language asked for.
        self.text_language = language if self._text or language == action.language else action.language
        self.is_fallback = self.text_language != language
        self.reader_language = language

    def __getattr__(self, name):
        if name in self._action.TRANSLATED and self._text.get(name):
            return self._text[name]
        shown = getattr(type(self._action), name, None)
        if isinstance(shown, property):  # computed from the fields shown, e.g. a letter's addressee_lines
            return shown.fget(self)
        return getattr(self._action, name)

    def wording_ids(self):
        """A petition's (consent, share-email) wording ids of its questions as shown."""
        consent, share = self._action.wording_ids()
        return self._text.get("consent_wording_id") or consent, self._text.get("share_email_wording_id") or share

    @property
    def fallback_notice(self):
        """What a page says when it shows the action in another language than its reader's ("" when not)."""
        if not self.is_fallback:
            return ""
        names = {"language": language_name(self.reader_language), "shown": language_name(self.text_language)}
        if self._action.NOUN == "letter":
            return _("This letter is not written in %(language)s: it is shown in %(shown)s.", **names)
        return _("This petition is not written in %(language)s: it is shown in %(shown)s.", **names)

    @property
    def lang_attribute(self):
        """` lang="<code>"` for the elements of the action's text when it is not in the page's language."""
        return Markup(' lang="{}"').format(self.text_language) if self.is_fallback else ""

    @property
    def action(self):
        """The action itself (for writing, or for its default language's text)."""
        return self._action

    def __repr__(self):
        return f"<{self._action!r} in {self.text_language}>"


class MultilingualForm(Form):
    """An action's organizer form in several languages: its own fields are the text in the default
    language (`language`); for each language it has a copy of the fields written per language
    (TRANSLATED_FIELDS), named "<code>_<field>", left empty for a language not written. A class
    using it calls `add_language_fields()` once, after its fields."""

    TRANSLATED_FIELDS: tuple = ()
    # What a language's text must have once anything of it is written.
    REQUIRED_FIELDS: tuple = ()

    language = SelectField(_l("Default language"), choices=choices(i18n.NAMES.items()), default=i18n.DEFAULT,
                           description=_l("The language of the text above. Visitors who read none of the "
                                          "languages it is written in see this one."))

    @classmethod
    def add_language_fields(cls):
        for code, language in i18n.NAMES.items():
            for name in cls.TRANSLATED_FIELDS:
                unbound = getattr(cls, name)
                kwargs = dict(unbound.kwargs)
                kwargs["validators"] = [v for v in kwargs.get("validators", ()) if isinstance(v, Length)]
                kwargs.pop("description", None)
                # "Title (Español)": a label of its own, for whoever moves from field to field by name.
                label = LazyString(lambda label=unbound.args[0], language=language: f"{label} ({language})")
                setattr(cls, f"{code}_{name}", unbound.field_class(label, *unbound.args[1:], **kwargs))

    def section(self, code):
        """The fields of the text in language `code`."""
        return [self[f"{code}_{name}"] for name in self.TRANSLATED_FIELDS]

    def sections(self):
        """[(code, name, fields, is_open)] of every language: the default language's section is
        shown closed (it stays empty; it is there for switching the default), unless it has text."""
        return [(code, name, fields, code != self.language.data or any(f.data or f.errors for f in fields))
                for code, name in i18n.NAMES.items() for fields in [self.section(code)]]

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators=extra_validators)
        for code, name in i18n.NAMES.items():
            if not any(field.data for field in self.section(code)):
                continue
            if code == self.language.data:
                self[f"{code}_{self.TRANSLATED_FIELDS[0]}"].errors.append(_(
                    "%(language)s is the default language: its text goes in the fields above. Empty this "
                    "section, or choose another default language.", language=name))
                valid = False
                continue
            for field_name in self.REQUIRED_FIELDS:
                field = self[f"{code}_{field_name}"]
                if not field.data:
                    field.errors.append(_("Write this in %(language)s too, or leave the %(language)s section "
                                          "empty.", language=name))
                    valid = False
        return valid

    def texts(self):
        """{code: {field: value}} of every language other than the default, as typed."""
        return {code: {name: self[f"{code}_{name}"].data or "" for name in self.TRANSLATED_FIELDS}
                for code in i18n.NAMES if code != self.language.data}

    def fill_languages(self, action):
        """Show an action's language and translations (a GET of its edit form)."""
        self.language.data = action.language
        for code in i18n.NAMES:
            text = action.translation(code)
            for name in self.TRANSLATED_FIELDS:
                self[f"{code}_{name}"].data = text.get(name) or ""


def language_name(code):
    """The name of language `code` in the language being used ("inglés" to a Spanish reader)."""
    return Locale.parse(code).get_display_name(i18n.language())


def for_reader(action):
    """The action as this request's reader sees it (InLanguage): in the request's language, which
    is the action's default language for a reader who asked for none (i18n)."""
    i18n.use_action_language(action.language)
    return action.in_language(i18n.language())
