"""ZIP codes give the state, checked against the Census crosswalk of every ZIP area."""
import csv
from collections import defaultdict

import pytest

from campaign.core.geo.zip_states import state_for_zip, zip5


@pytest.mark.parametrize("postcode, state", [
    ("10027", "NY"), ("94110-1234", "CA"), ("02139", "MA"), ("00601", "PR"), ("96799", "AS"),
    ("20500", "DC"), ("73301", "TX"), ("99501", "AK"), (" 60614 ", "IL"), ("96950", "MP"),
])
def test_known_zips(postcode, state):
    assert state_for_zip(postcode) == state


@pytest.mark.parametrize("postcode", ["", "1234", "123456", "ABCDE", "SW1A 1AA", "00000", "09001"])
def test_unknown_or_not_a_zip(postcode):
    assert state_for_zip(postcode) == ""


def test_zip5():
    assert zip5("12345-6789") == "12345" and zip5("12345 6789") == "12345" and zip5("1234") is None


def test_agrees_with_the_census_crosswalk(shared_data):
    states = defaultdict(set)
    with open(shared_data / "congress" / "zccd.csv", newline="") as file:
        for row in csv.DictReader(file):
            states[row["zcta"]].add(row["state_abbr"])
    disagree = sorted(zcta for zcta, names in states.items() if state_for_zip(zcta) not in names)
    # A handful of ZIP areas lie across a state line from the post office that serves them.
    assert len(states) > 33_000
    assert len(disagree) <= 20, disagree
