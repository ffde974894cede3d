"""Schemathesis generates requests from the OpenAPI document, valid and invalid, to every
operation (in-process, through WSGI), and checks each answer against the document: never a 500,
the documented status codes, content types and schemas.

Not checked: that every schema-valid request is accepted. The document's types are looser than
the checks the API shares with the sign form (an address must look deliverable, a name must not
be blank, a cursor must be one the API gave out); each such refusal is a documented 400 or 422.
Nor that every schema-violating request is refused: the API ignores query parameters it does
not know (clients send their own), and every request here carries the token, so a case meant to
lack it is not one (found flaky: it depended on which cases hypothesis drew).
"""
import json
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import negative_data_rejection, positive_data_acceptance

from campaign.core.accounts.models import Role


class SuiteApp:
    """The WSGI app schemathesis sends every request to (its checks' too): the suite's app, once a
    test has it."""

    app = None

    def __call__(self, environ, start_response):
        return self.app(environ, start_response)


suite_app = SuiteApp()
schema = schemathesis.openapi.from_dict(
    json.loads((Path(__file__).parents[2] / "campaign/features/api/openapi.json").read_text()))
schema.app = suite_app


@pytest.fixture(autouse=True)
def _in_process(app):
    suite_app.app = app


@pytest.fixture
def owner_token(open_petition, create_letter, create_signature, create_api_token):
    """An owner's token, with a petition that has a signature and a letter to find."""
    create_letter()
    create_signature(open_petition)
    return create_api_token(Role.OWNER)


@schema.parametrize()
@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_answers_as_its_document_says(case, owner_token):
    case.call_and_validate(headers={"Authorization": f"Bearer {owner_token}"},
                           excluded_checks=[positive_data_acceptance, negative_data_rejection])
