"""Fixtures for the security tests."""
import pytest
from sqlalchemy import select

from campaign.extensions import db
from campaign.signatures.models import Signature


@pytest.fixture
def states(app):
    """{email: state value} of every signature."""

    def read():
        with app.app_context():
            rows = db.session.execute(select(Signature.email, Signature.state)).all()
            db.session.remove()
        return {email: state.value for email, state in rows}

    return read
