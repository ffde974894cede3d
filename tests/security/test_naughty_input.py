"""Every public form field gets every naughty string, and random form data: never a 500; what is
kept is shown escaped."""
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from campaign.core.accounts.models import Role

from ..html_safety import active_content
from .public_forms import PUBLIC_FORMS

FORMS = [pytest.param(form, make, id=form.name) for form, make in PUBLIC_FORMS]


def problems(html):
    return Counter(active_content(html))


@pytest.mark.shared_data
@pytest.mark.parametrize("form, make", FORMS)
def test_every_field_gets_every_naughty_string(client, login, create_petition, create_letter, naughty_strings, form,
                                               make):
    target_id = make(create_petition, create_letter)
    refused_baseline = problems(client.post(form.path, data={}).text)
    for n, text in enumerate(naughty_strings):
        # Every field at once, the email too: refused or accepted, never an error, always escaped.
        response = client.post(form.path, data={name: text for name in form.fields})
        assert response.status_code in (form.accepted, 422), (text, response.status_code)
        if response.status_code == 422:
            assert problems(response.text) == refused_baseline, text
        # Good answers elsewhere, so that the string is kept when it can be.
        response = client.post(form.path, data=form.answers(n, **{name: text for name in form.text_fields}))
        assert response.status_code in (form.accepted, 422), (text, response.status_code)
    login(Role.OWNER)
    for page_url in form.shown_on:
        baseline = None
        for page in range(1, 2 + len(naughty_strings) // 50):
            html = client.get(page_url.format(id=target_id, page=page)).text
            baseline = baseline or problems(html)
            assert problems(html) == baseline, page_url


@pytest.mark.parametrize("form, make", FORMS)
def test_random_form_data_never_gives_a_server_error(client, create_petition, create_letter, form, make):
    make(create_petition, create_letter)
    keys = st.one_of(st.sampled_from(form.fields), st.text(max_size=12))
    counter = iter(range(10**6))

    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.booleans(), st.dictionaries(keys, st.text(max_size=300), max_size=len(form.fields) + 2))
    def post(on_good_answers, random_data):
        # On good answers, random values reach the database; alone, they test every refusal.
        data = {**form.answers(next(counter)), **random_data} if on_good_answers else random_data
        response = client.post(form.path, data=data)
        assert response.status_code < 500, (data, response.status_code)

    post()


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_random_query_strings_never_give_a_server_error(app, text):
    client = app.test_client()
    for path in ("/", "/petitions/no-such-petition", "/organize/login"):
        assert client.get(path, query_string={"q": text, text[:20]: "x"}).status_code < 500
