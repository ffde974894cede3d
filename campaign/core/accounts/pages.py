"""What organizer pages share about what an organizer owns: making a thing whose secret is shown once."""
from campaign.base.extensions import db


def made_once(form_class, make):
    """The page that makes a thing whose secret is shown once (an API token, a webhook): after a
    valid POST, `make(form)` is committed and the form shown empty again. Returns (the form to show,
    what was made or None)."""
    form = form_class()
    if not form.validate_on_submit():
        return form, None
    made = make(form)
    db.session.commit()
    return form_class(formdata=None), made
