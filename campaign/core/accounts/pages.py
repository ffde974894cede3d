"""What organizers' pages share: a button's change of state (attempt), the end of a POST that
changed something (done), and the page that makes a thing whose secret is shown once (made_once)."""
from flask import flash, redirect, url_for

from campaign.base.extensions import db
from campaign.base.states import WrongState


def done(said, endpoint, **values):
    """The end of an organizer's POST that changed something: commit, flash `said` (translated
    already) as a success, and redirect to `endpoint` with `values`."""
    db.session.commit()
    flash(said, "success")
    return redirect(url_for(endpoint, **values))


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


def attempt(change, said, refusals=(WrongState,)):
    """A view's change of state: `change()`, committed, and `said(its result)` flashed; when it is
    refused (one of `refusals`, WrongState unless told) roll back and flash why. Returns (whether
    it changed, its result)."""
    try:
        result = change()
    except refusals as error:
        db.session.rollback()
        flash(str(error), "error")
        return False, None
    db.session.commit()
    flash(said(result), "success")
    return True, result
