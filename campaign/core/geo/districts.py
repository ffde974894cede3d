"""Which districts and states a signer belongs to, from the ZIP code and the crosswalk.

A ZIP area inside one district makes its signers confirmed constituents of that district; one
that spans districts makes them possible constituents of each. The same holds one level up for
senators: a ZIP area in one state (or, when the crosswalk does not know it, the state of the ZIP
prefix) makes a confirmed constituent of that state; a rare border area spanning states makes a
possible one of each.
"""
from dataclasses import dataclass

from sqlalchemy import select

from campaign.base import caches
from campaign.base.extensions import db

from .models import ZipDistrict
from .zip_states import zip5

# The `district` of an assignment that stands for the whole state (what a senator represents).
STATEWIDE = -1


@dataclass(frozen=True)
class Assignment:
    state: str
    district: int  # STATEWIDE for the state itself
    is_possible: bool


# The crosswalk changes only when `flask geo import-zccd` runs, which raises this generation: every
# process drops its copy within caches.GENERATION_CHECK_SECONDS (the time limit is a backstop).
CROSSWALK_GENERATION = "crosswalk"
CROSSWALK_CACHE_SECONDS = 300
_rows_of_zip = caches.for_seconds(CROSSWALK_CACHE_SECONDS, generation=CROSSWALK_GENERATION)


def crosswalk_rows(postcode):
    """[(state, district)] of a US postcode's ZIP area (one indexed look-up, then remembered); [] when unknown."""
    zip_code = zip5(postcode)
    if zip_code is None:
        return []
    return _rows_of_zip.get(zip_code, lambda: [tuple(row) for row in db.session.execute(
        select(ZipDistrict.state, ZipDistrict.district).where(ZipDistrict.zcta == zip_code))])


def assignments(rows, region):
    """The Assignments of a signer whose ZIP area has crosswalk `rows` and whose ZIP prefix says `region`."""
    districts = sorted(set(rows))
    states = sorted({state for state, _ in districts}) or ([region] if region else [])
    result = [Assignment(state, district, len(districts) > 1) for state, district in districts]
    result += [Assignment(state, STATEWIDE, len(states) > 1) for state in states]
    return result
