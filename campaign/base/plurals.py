"""Counts in words, in the reader's language: "1 organization", "1,204 organizations", "1.204
organizaciones" (also a Jinja global, `counted(n, singular, plural)`, extracted as ngettext)."""
from flask_babel import get_translations

from campaign.base.i18n import number


def counted(count, singular, plural, **variables):
    """`count` formatted for the language, in its plural form: `singular` and `plural` are
    messages holding %(num)s, e.g. counted(n, "%(num)s organization", "%(num)s organizations"),
    and any other %(name)s of `variables` (counted(n, "%(num)s signature: %(title)s", …, title=t))."""
    # Flask-Babel's ngettext would fill %(num)s with the bare count, not the formatted one.
    return get_translations().ngettext(singular, plural, count) % {**variables, "num": number(count)}
