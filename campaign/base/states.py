"""What every guarded transition raises when its object's state does not allow it, and how an
organizer's button that asks for one says what happened."""
from flask import flash

from campaign.base.extensions import db


class WrongState(Exception):
    """A transition was asked of an object (an action, a sign-on, a delivery) in a state that does
    not allow it; the message says why, for the organizer."""


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
