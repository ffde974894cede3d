"""Countries for the sign form, from ISO 3166 (pycountry), the United States first."""
from functools import cache

import pycountry


@cache
def choices():
    """[(alpha_2, name), ...] with the United States first, then by name."""
    countries = sorted(
        ((country.alpha_2, getattr(country, "common_name", country.name)) for country in pycountry.countries),
        key=lambda item: item[1],
    )
    return [("US", "United States")] + [item for item in countries if item[0] != "US"]


def name(alpha_2):
    """The name of a country code, or the code itself when unknown."""
    return dict(choices()).get(alpha_2, alpha_2)
