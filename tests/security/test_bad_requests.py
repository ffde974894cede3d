"""Oversized bodies, bad encodings, wrong methods and missing fields: each a clear 4xx page."""
import pytest

from ..conftest import SIGNER


def test_an_oversized_body_is_413(client, open_petition):
    response = client.post("/petitions/stop-the-data-grab", data={**SIGNER, "comment": "x" * (2 * 1024 * 1024)})
    assert response.status_code == 413 and "Too large" in response.text


@pytest.mark.parametrize("body", [
    b"first_name=Ada&last_name=%FF%FE&email=ada%40example.org",  # percent-encoded bytes that are not UTF-8
    b"first_name=Ada\xff&last_name=L&email=ada%40example.org",  # raw bytes that are not UTF-8
])
def test_a_form_body_that_is_not_utf8_is_400(client, open_petition, body, states):
    response = client.post("/petitions/stop-the-data-grab", data=body,
                           content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert "The form has characters that are not valid text." in response.text
    assert states() == {}


def test_a_query_string_that_is_not_utf8_is_400(client, open_petition):
    response = client.get("/petitions/stop-the-data-grab?source=%C3%28")
    assert response.status_code == 400
    assert "The address has characters that are not valid text." in response.text


def test_a_nul_in_a_query_string_or_a_form_is_400(client, open_petition, states):
    # PostgreSQL takes no NUL in any text: refused once, for every view, before any reaches it.
    for path in ("/petitions/stop-the-data-grab?source=a%00b", "/organize/login?next=%00"):
        response = client.get(path)
        assert response.status_code == 400
        assert "The address has characters that are not valid text." in response.text
    response = client.post("/petitions/stop-the-data-grab", data={**SIGNER, "first_name": "A\x00da"})
    assert response.status_code == 400 and "The form has characters that are not valid text." in response.text
    assert states() == {}


def test_good_utf8_is_welcome(client, open_petition, states):
    body = b"first_name=Zo%C3%AB&last_name=%E5%B1%B1%E7%94%B0&email=zoe%40example.org"
    response = client.post("/petitions/stop-the-data-grab", data=body,
                           content_type="application/x-www-form-urlencoded")
    assert response.status_code == 302
    assert states() == {"zoe@example.org": "pending"}


@pytest.mark.parametrize("method, path", [
    ("put", "/petitions/stop-the-data-grab"),
    ("delete", "/petitions/stop-the-data-grab"),
    ("patch", "/confirm/some-token"),
    ("get", "/organize/logout"),
])
def test_a_wrong_method_is_405(client, open_petition, method, path):
    response = getattr(client, method)(path)
    assert response.status_code == 405 and "does not accept that kind of request" in response.text


def test_missing_fields_are_422_with_the_form_again(client, open_petition):
    response = client.post("/petitions/stop-the-data-grab", data={})
    assert response.status_code == 422
    assert "Enter your first name." in response.text and "Enter your email address." in response.text
