"""Who may do what among organizers."""
from functools import wraps

from flask import abort
from flask_login import current_user, login_required

from .models import Role

# Roles that may see signers' personal data and change actions.
EDITORS = {Role.OWNER, Role.ORGANIZER}
OWNERS = {Role.OWNER}
EVERYONE = {Role.OWNER, Role.ORGANIZER, Role.VIEWER}


def role_required(roles):
    """Require a logged-in organizer whose role is in `roles` (403 otherwise)."""

    def decorate(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorate


def own_unless_owner(query, model):
    """`query` of what organizers own (`model.organizer_id`: API tokens, webhooks): an owner sees
    everyone's, any other organizer their own."""
    if current_user.role is not Role.OWNER:
        query = query.where(model.organizer_id == current_user.id)
    return query


def require_own(thing):
    """`thing` (an organizer's API token, webhook), or 403 unless the current organizer made it or is an owner."""
    if thing.organizer_id != current_user.id and current_user.role is not Role.OWNER:
        abort(403)
    return thing
