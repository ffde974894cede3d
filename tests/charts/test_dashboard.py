"""The charts on a petition's organizer page: per day, in total, by state, by source, pending."""
from datetime import UTC, date, datetime

import pytest

from campaign.core.accounts.models import Role
from campaign.core.signatures.models import SignatureState
from campaign.features.charts import queries


def at(*args):
    return datetime(*args, tzinfo=UTC)


def test_confirmations_are_counted_per_day_of_the_sites_time_zone(app, open_petition, create_signature):
    create_signature(open_petition, email="a@example.org", confirmed_at=at(2026, 11, 2, 3, 30))  # Nov 1 in New York
    create_signature(open_petition, email="b@example.org", confirmed_at=at(2026, 11, 2, 15, 0))
    create_signature(open_petition, email="c@example.org", confirmed_at=at(2026, 11, 4, 15, 0))
    create_signature(open_petition, email="d@example.org", state=SignatureState.PENDING)
    with app.app_context():
        days = queries.confirmed_per_day(open_petition, today=date(2026, 11, 5))
    assert days == [(date(2026, 11, 1), 1), (date(2026, 11, 2), 1), (date(2026, 11, 3), 0),
                    (date(2026, 11, 4), 1), (date(2026, 11, 5), 0)]


def test_top_sources_count_confirmed_signatures_only(app, open_petition, create_signature):
    for n, source in enumerate(["newsletter", "newsletter", "embed", ""]):
        create_signature(open_petition, email=f"{n}@example.org", source=source)
    create_signature(open_petition, email="p@example.org", source="embed", state=SignatureState.PENDING)
    with app.app_context():
        assert queries.top_sources(open_petition) == [("newsletter", 2), ("", 1), ("embed", 1)]


@pytest.mark.parametrize("role", [Role.VIEWER, Role.ORGANIZER])
def test_the_organizer_page_draws_the_charts_for_every_role(client, login, open_petition, create_signature, role):
    create_signature(open_petition, email="a@example.org", region="NY", source="newsletter")
    create_signature(open_petition, email="b@example.org", region="CA", state=SignatureState.PENDING)
    login(role)
    html = client.get(f"/organize/petitions/{open_petition}").text
    assert html.count('<svg class="chart') == 4  # per day, in total, the map, sources
    assert "New York: 1</title>" in html and "California: 0</title>" in html
    assert "<strong>1</strong> signature is waiting for confirmation" in html
    assert "a@example.org" not in html  # counts, never people


def test_a_petition_without_signatures_gets_an_empty_map_and_a_sentence(client, login, open_petition):
    login(Role.VIEWER)
    html = client.get(f"/organize/petitions/{open_petition}").text
    assert "No confirmed signatures yet" in html
    assert html.count('<svg class="chart') == 1
