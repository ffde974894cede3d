"""Actions (petitions, letters) written in one or more languages.

An action's own columns hold its text in its default language (`language`), so everything that
reads it for the organizer or the targets (lists, exports, deliveries) reads that language. The
other languages' texts are kept in `translations`, a JSON object from a language code to the
action's TRANSLATED fields in it: one row per action, nothing to join, and a public page's copy
(public_cache) keyed by slug and language. `in_language(code)` is the action as a page or a mail in
that language shows it: each translated field in that language where it is written, in the
default language where not (and `is_fallback` when the language has no text at all).
"""
from sqlalchemy import JSON, String, text
from sqlalchemy.orm import Mapped, mapped_column

# The languages an action can be written in, in the order forms and lists show them, each named
# in itself (a switcher offers "Español" to whoever reads Spanish).
LANGUAGE_NAMES = {"en": "English", "es": "Español"}
DEFAULT_LANGUAGE = "en"


class Multilingual:
    """An action's languages. A model using it names its fields written per language (TRANSLATED)."""

    TRANSLATED: tuple = ()

    language: Mapped[str] = mapped_column(String(8), default=DEFAULT_LANGUAGE, server_default=DEFAULT_LANGUAGE)
    translations: Mapped[dict] = mapped_column(JSON, default=dict, server_default=text("'{}'"))

    @property
    def languages(self):
        """The codes of the languages it is written in: the default first, then LANGUAGE_NAMES' order."""
        written = self.translations or {}
        return [self.language, *(code for code in LANGUAGE_NAMES if code != self.language and code in written)]

    def translation(self, language):
        """The fields written in `language` other than the default ({} when none)."""
        return dict((self.translations or {}).get(language) or {})

    def set_translations(self, texts):
        """Keep `texts` ({language: {field: value}}), other than the default language's, as its
        translations; a language with no title is not written. A new dict, so the change is saved."""
        self.translations = {
            language: {name: values.get(name) for name in self.TRANSLATED}
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
        self.asked_language = language

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
    def action(self):
        """The action itself (for writing, or for its default language's text)."""
        return self._action

    def __repr__(self):
        return f"<{self._action!r} in {self.text_language}>"
