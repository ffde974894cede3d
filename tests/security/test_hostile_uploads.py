"""Every file field of the app gets every hostile file: a clear message, the form back as typed,
nothing stored, never a 500.

The fields come from the app's forms, so a new one fails the first test until UPLOADS says where
it is posted.
"""
import io

import pytest
from flask_wtf import FlaskForm
from sqlalchemy import func, select
from wtforms import FileField
from wtforms.fields.core import UnboundField

from campaign.base.extensions import db
from campaign.base.outbox.models import OutboxMessage
from campaign.core.organizations import logos
from campaign.core.organizations.models import OrganizationSignOn

from ..images import HOSTILE_FILES
from .public_forms import LETTER_ORGANIZATION, PETITION_ENDORSEMENT, make_letter, make_petition

# "module.Form.field" of each file field -> the public forms that post it, with what makes them.
UPLOADS = {
    "campaign.core.organizations.forms.OrganizationForm.logo": [(LETTER_ORGANIZATION, make_letter),
                                                           (PETITION_ENDORSEMENT, make_petition)],
}
ROUTES = [pytest.param(form, make, field.rsplit(".", 1)[1], id=f"{form.name}: {field.rsplit('.', 1)[1]}")
          for field, forms in UPLOADS.items() for form, make in forms]


def file_fields():
    """ "module.Form.field" of every file field of every form the app defines."""
    found, pending = set(), [FlaskForm]
    while pending:
        form = pending.pop()
        pending.extend(form.__subclasses__())
        if not form.__module__.startswith("campaign."):
            continue
        for name in dir(form):
            unbound = getattr(form, name)
            if isinstance(unbound, UnboundField) and issubclass(unbound.field_class, FileField):
                found.add(f"{form.__module__}.{form.__qualname__}.{name}")
    return found


def test_every_file_field_is_in_the_table(app):
    assert file_fields() == set(UPLOADS)


def kept(app):
    """What a refused upload must leave as it was: stored logos, sign-ons, queued mail."""
    with app.app_context():
        counts = [db.session.scalar(select(func.count()).select_from(model))
                  for model in (OrganizationSignOn, OutboxMessage)]
        files = sorted(path.name for path in logos.directory().iterdir())
        db.session.remove()
    return counts, files


@pytest.mark.parametrize("hostile", HOSTILE_FILES, ids=[hostile.name for hostile in HOSTILE_FILES])
@pytest.mark.parametrize("form, make, field", ROUTES)
def test_hostile_files_are_refused_clearly(app, client, create_petition, create_letter, form, make, field, hostile):
    make(app, create_petition, create_letter)
    before = kept(app)
    upload = (io.BytesIO(hostile.make(app.config)), hostile.filename)
    response = client.post(form.path, data={**form.answers(1), field: upload}, content_type="multipart/form-data")
    assert response.status_code == 422, response.status_code
    assert hostile.message in response.text
    assert 'value="Privacy Now 1"' in response.text  # the form comes back as typed
    assert kept(app) == before
