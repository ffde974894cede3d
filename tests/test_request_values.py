"""The bounded integers of request_values: the id converter's regex and the query-string reader."""
import re

from hypothesis import given, strategies as st
from werkzeug.datastructures import MultiDict

from campaign.base.request_values import INT_MAX, digits_up_to, id_of, integer


@given(st.sampled_from([0, 7, 10, 99, 100, 1000, INT_MAX, 2**63 - 1]), st.data())
def test_digits_up_to_matches_exactly_the_numbers_up_to_its_limit(limit, data):
    number = data.draw(st.one_of(st.integers(0, 2 * limit + 2), st.sampled_from([limit, limit + 1])))
    assert bool(re.fullmatch(f"(?:{digits_up_to(limit)})", str(number))) == (number <= limit)


def test_integers_are_clamped_and_ids_refused_out_of_range():
    values = MultiDict({"page": str(10**20), "low": "-5", "odd": "٣", "nul": "1\x00"})
    assert integer(values, "page", 1) == INT_MAX
    assert integer(values, "low", 1) == 1
    assert [integer(values, name, 7) for name in ("odd", "nul", "absent")] == [7, 7, 7]
    assert [id_of(text) for text in ("12", " 12 ", str(INT_MAX + 1), "0", "-3", "٣", None)] == [12, 12] + [None] * 5
