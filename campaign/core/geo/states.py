"""US states, the District of Columbia and the inhabited territories, from ISO 3166-2 (pycountry)."""
from functools import cache

import pycountry

# The minor outlying islands (Baker Island and the like) have no organizations to place there.
LEFT_OUT = {"UM"}


@cache
def choices():
    """[(code, name), ...] by name, e.g. ("CA", "California")."""
    places = (
        (subdivision.code.removeprefix("US-"), subdivision.name)
        for subdivision in pycountry.subdivisions.get(country_code="US")
    )
    return sorted(((code, name) for code, name in places if code not in LEFT_OUT), key=lambda item: item[1])


@cache
def _codes_by_spelling():
    spellings = {}
    for code, name in choices():
        spellings[code.casefold()] = code
        spellings[name.casefold()] = code
    return spellings


def code_of(text):
    """The two-letter code of a state written as its code or its name ("ca", "California"), or None."""
    return _codes_by_spelling().get(" ".join((text or "").split()).casefold())
