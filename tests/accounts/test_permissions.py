"""Every organizer route, for an anonymous visitor and each of the three roles.

The routes are read from the app's URL map, so a new organizer route without an expectation
here fails the suite.
"""
import pytest

from campaign.accounts.access import EDITORS, EVERYONE, OWNERS
from campaign.accounts.models import Organizer, Role

# endpoint -> the roles that may use it (every method it accepts).
ACCESS = {
    "accounts.logout": EVERYONE,
    "accounts.organizers": OWNERS,
    "accounts.new_organizer": OWNERS,
    "accounts.change_role": OWNERS,
    "accounts.deactivate": OWNERS,
    "accounts.reactivate": OWNERS,
    "organize.dashboard": EVERYONE,
    "organize.petition": EVERYONE,
    "organize.preview": EVERYONE,
    "organize.new_petition": EDITORS,
    "organize.edit_petition": EDITORS,
    "organize.open_petition": EDITORS,
    "organize.close_petition": EDITORS,
    "organize.signatures": EDITORS,
    "exports.petition_form": EDITORS,
    "exports.petition_download": EDITORS,
    "exports.log": EDITORS,
    "api_tokens.index": EVERYONE,
    # The walk revokes someone else's token, which only an owner may; anyone revokes their own
    # (tests/api/test_api.py).
    "api_tokens.revoke": OWNERS,
}
PUBLIC = {"accounts.login"}
ACTORS = [None, Role.VIEWER, Role.ORGANIZER, Role.OWNER]


def organizer_routes(app):
    routes = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/organize") or rule.endpoint in PUBLIC:
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            routes.append((rule.endpoint, method, rule.rule))
    return routes


def test_every_organizer_route_has_an_expectation(app):
    missing = {endpoint for endpoint, _, _ in organizer_routes(app)} - set(ACCESS)
    assert not missing, f"say who may use these routes in ACCESS: {sorted(missing)}"


def _fill(rule, ids):
    path = rule
    for name, value in ids.items():
        path = path.replace(f"<int:{name}>", str(value))
    assert "<" not in path, f"give {path} a value in _fill"
    return path


def _token_of(app, organizer_id):
    from campaign.api import operations
    from campaign.extensions import db

    with app.app_context():
        row, _ = operations.issue(db.session.get(Organizer, organizer_id), "walk")
        db.session.commit()
        return row.id


def _routes():
    from campaign import create_app

    return organizer_routes(create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"}))


@pytest.mark.parametrize("actor", ACTORS, ids=lambda role: role.value if role else "anonymous")
@pytest.mark.parametrize("endpoint, method, rule", _routes())
def test_who_may_use_each_organizer_route(app, client, login, create_organizer, open_petition, actor, endpoint,
                                          method, rule):
    other = create_organizer(email="someone@example.org", role=Role.ORGANIZER)
    token_id = _token_of(app, other)
    if actor is not None:
        login(actor)
    path = _fill(rule, {"petition_id": open_petition, "organizer_id": other, "token_id": token_id})
    response = client.open(path, method=method)
    if actor is None:
        assert response.status_code == 302 and response.location.startswith("/organize/login")
    elif actor in ACCESS[endpoint]:
        assert response.status_code not in (401, 403), response.status_code
        if endpoint != "accounts.logout":  # which sends everyone to the login page
            assert not (response.status_code == 302 and response.location.startswith("/organize/login"))
        assert response.status_code < 500
    else:
        assert response.status_code == 403
