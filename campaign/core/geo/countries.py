"""Countries for the sign form, from ISO 3166 (pycountry), named in the reader's language (Babel's
CLDR names), the United States first."""
import unicodedata
from functools import cache

import pycountry
from babel import Locale

from campaign.base.i18n import language


def _sort_key(name):
    """Sorted as a reader expects: "Égypte" beside "Egypt", not after "Zimbabwe"."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()


@cache
def choices_in(code):
    """[(alpha_2, name), ...] in language `code`, with the United States first, then by name."""
    names = Locale.parse(code).territories
    countries = sorted(
        ((country.alpha_2, names.get(country.alpha_2) or getattr(country, "common_name", country.name))
         for country in pycountry.countries),
        key=lambda item: _sort_key(item[1]),
    )
    return [item for item in countries if item[0] == "US"] + [item for item in countries if item[0] != "US"]


def choices():
    """The country choices in the language being used."""
    return choices_in(language())


def name(alpha_2):
    """The name of a country code, or the code itself when unknown."""
    return dict(choices()).get(alpha_2, alpha_2)
