"""Every public form field gets every naughty string, and random form data: never a 500; what is
kept is shown escaped. A target's answer form, besides, shows every string back as typed and keeps
it whole or not at all."""
import html
import re
from collections import Counter
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from sqlalchemy import select

from campaign.base.extensions import db
from campaign.base.forms import multi_line, single_line
from campaign.core.accounts.models import Role
from campaign.features.updates.models import TargetResponse

from ..html_safety import active_content
from .public_forms import PUBLIC_FORMS, TARGET_ANSWER, make_delivery

FORMS = [pytest.param(form, make, id=form.name) for form, make in PUBLIC_FORMS]


def problems(html):
    return Counter(active_content(html))


@pytest.mark.shared_data
@pytest.mark.parametrize("form, make", FORMS)
def test_every_field_gets_every_naughty_string(app, client, login, create_petition, create_letter, naughty_strings,
                                               form, make):
    made = make(app, create_petition, create_letter)
    path = form.path.format(**made)
    refused_baseline = problems(client.post(path, data={}).text)
    for n, text in enumerate(naughty_strings):
        # Every field at once, the email too: refused or accepted, never an error, always escaped.
        response = client.post(path, data={name: text for name in form.fields})
        assert response.status_code in (form.accepted, 422), (text, response.status_code)
        if response.status_code == 422:
            assert problems(response.text) == refused_baseline, text
        # Good answers elsewhere, so that the string is kept when it can be.
        response = client.post(path, data=form.answers(n, **{name: text for name in form.text_fields}))
        assert response.status_code in (form.accepted, 422), (text, response.status_code)
    login(Role.OWNER)
    for page_url in form.shown_on:
        baseline = None
        for page in range(1, 2 + len(naughty_strings) // 50):
            shown = client.get(page_url.format(id=made["id"], page=page)).text
            baseline = baseline or problems(shown)
            assert problems(shown) == baseline, page_url


@pytest.mark.parametrize("form, make", FORMS)
def test_random_form_data_never_gives_a_server_error(app, client, create_petition, create_letter, form, make):
    path = form.path.format(**make(app, create_petition, create_letter))
    keys = st.one_of(st.sampled_from(form.fields), st.text(max_size=12))
    counter = iter(range(10**6))

    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.booleans(), st.dictionaries(keys, st.text(max_size=300), max_size=len(form.fields) + 2))
    def post(on_good_answers, random_data):
        # On good answers, random values reach the database; alone, they test every refusal.
        data = {**form.answers(next(counter)), **random_data} if on_good_answers else random_data
        response = client.post(path, data=data)
        assert response.status_code < 500, (data, response.status_code)

    post()


def shown_in(page, name):
    """The value of the field `name` as the page shows it: an input's value, or a textarea's text."""
    field = re.search(rf'<input[^>]* name="{name}"[^>]* value="([^"]*)"', page) or \
        re.search(rf'<textarea[^>]* name="{name}"[^>]*>\r?\n?(.*?)</textarea>', page, re.S)
    return html.unescape(field.group(1)) if field else ""


def answers_kept(app):
    with app.app_context():
        rows = db.session.execute(select(TargetResponse.responder_name, TargetResponse.responder_title,
                                         TargetResponse.body_text).order_by(TargetResponse.id)).all()
        db.session.remove()
    return [tuple(row) for row in rows]


@pytest.mark.shared_data
def test_a_target_answer_shows_every_naughty_string_as_typed_and_keeps_it_whole_or_not_at_all(
        app, client, create_petition, create_letter, naughty_strings):
    """GET and POST of the signed answer link: no 500; a refused answer comes back as typed (as the
    fields clean it: one line, or lines without control characters) and writes nothing; an accepted
    one is kept exactly so, every field of it."""
    path = TARGET_ANSWER.path.format(**make_delivery(app, create_petition, create_letter))
    kept = []
    for text in naughty_strings:
        assert client.get(f"{path}?{quote(text)}={quote(text)}").status_code == 200, text
        assert client.get("/respond/" + quote(text, safe="")).status_code in (404, 410), text
        line, lines = single_line(text), multi_line(text)
        # No name: refused, shown back, nothing written.
        refused = client.post(path, data={"responder_name": "", "responder_title": text, "body_text": text})
        assert refused.status_code == 422, (text, refused.status_code)
        assert (shown_in(refused.text, "responder_title"), shown_in(refused.text, "body_text")) == (line, lines), text
        assert answers_kept(app) == kept, text
        # The string in every field: kept whole when it makes an answer, else refused and shown back.
        response = client.post(path, data={"responder_name": text, "responder_title": text, "body_text": text})
        assert response.status_code in (200, 422), (text, response.status_code)
        if response.status_code == 200:
            kept.append((line, line, lines))
        else:
            assert (shown_in(response.text, "responder_name"), shown_in(response.text, "body_text")) == (line, lines)
        assert answers_kept(app) == kept, text
    assert len(kept) > len(naughty_strings) / 2


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_random_query_strings_never_give_a_server_error(app, text):
    client = app.test_client()
    for path in ("/", "/petitions/no-such-petition", "/organize/login"):
        assert client.get(path, query_string={"q": text, text[:20]: "x"}).status_code < 500
