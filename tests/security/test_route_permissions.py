"""Every organizer route, walked as anonymous, viewer, organizer and owner.

The routes come from the app's URL map, so a new one is walked as soon as it exists; a route
under /organize (or /api) without an entry in ACCESS fails the first test until its author says
who may reach it.
"""
import pytest

from campaign.core.accounts.models import Role

from .conftest import url_for_rule

PROTECTED_PREFIXES = ("/organize", "/api")
PUBLIC = {"accounts.login", "api.openapi"}
# endpoint -> the roles that may reach it (EDITORS are owner and organizer).
EDITORS = {Role.OWNER, Role.ORGANIZER}
EVERYONE = EDITORS | {Role.VIEWER}
OWNERS = {Role.OWNER}
ACCESS = {
    "organize.dashboard": EVERYONE,  # counts only
    "organize.petition": EVERYONE,  # counts only
    "organize.preview": EVERYONE,  # the public page, before it is public
    "organize.new_petition": EDITORS,
    "organize.edit_petition": EDITORS,
    "organize.open_petition": EDITORS,
    "organize.close_petition": EDITORS,
    "organize.signatures": EDITORS,  # signers' personal data
    "sharing.funnel": EVERYONE,  # counts and random referral codes only
    "alerts.settings": EVERYONE,  # one's own alerts
    "accounts.logout": EVERYONE,
    "accounts.password": EVERYONE,  # one's own, with the current one
    "security.blocklists": EDITORS,
    "security.delete_block": EDITORS,
    "security.flagged": EDITORS,
    "security.release": EDITORS,
    "security.invalidations": EDITORS,
    "security.undo": EDITORS,
    "security.trending": EDITORS,
    # Letters and their moderation.
    "organize_letters.index": EVERYONE,
    "organize_letters.letter": EVERYONE,
    "organize_letters.preview": EVERYONE,
    "organize_letters.new_letter": EDITORS,
    "organize_letters.edit_letter": EDITORS,
    "organize_letters.open_letter": EDITORS,
    "organize_letters.close_letter": EDITORS,
    "organize_letters.queue": EDITORS,  # contacts of signing organizations
    "organize_letters.signatories_csv": EDITORS,
    "organizations.petition_queue": EDITORS,
    "organizations.moderate": EDITORS,
    # Partner opt-in: offering a partner to signers and sending it its signers' download link.
    "partners.offer": EDITORS,
    "partners.send_link": EDITORS,
    # Targets and deliveries: viewers see them and the aggregated messages, never signers.
    "targets.index": EVERYONE,
    "targets.new": EDITORS,
    "targets.edit": EDITORS,
    "deliveries.index": EVERYONE,
    "deliveries.show": EVERYONE,
    "deliveries.preview": EVERYONE,
    "deliveries.new": EDITORS,
    "deliveries.edit": EDITORS,
    "deliveries.send": EDITORS,
    "deliveries.retry": EDITORS,
    "deliveries.download": EDITORS,  # packets hold signers' names
    # Updates to signers (viewers see an update's page and counts) and targets' answers.
    "updates.new": EDITORS,
    "updates.show": EVERYONE,
    "updates.test": EDITORS,
    "updates.send": EDITORS,
    "updates.cancel": EDITORS,
    "updates.approve": EDITORS,
    "updates.reject": EDITORS,
    "updates.mail_response": EDITORS,
    # Owners manage organizers.
    "accounts.organizers": OWNERS,
    "accounts.new_organizer": OWNERS,
    "accounts.change_role": OWNERS,
    "accounts.deactivate": OWNERS,
    "accounts.reactivate": OWNERS,
    "accounts.reset_password": OWNERS,  # someone else's; sends an owner to their own page
    # Exports carry signers' personal data.
    "exports.petition_form": EDITORS,
    "exports.petition_download": EDITORS,
    "exports.log": EDITORS,
    # Returned mail names signers' mailboxes.
    "mail.overview": EDITORS,
    "mail.lift": EDITORS,
    "api_tokens.index": EVERYONE,
    # Webhooks send signers' personal data. The walk uses someone else's webhook, which only an
    # owner may touch; anyone touches their own (tests/webhooks).
    "webhooks.index": EDITORS,
    "webhooks.test": OWNERS,
    "webhooks.switch": OWNERS,
    "webhooks.delete": OWNERS,
    "webhooks.log": OWNERS,
    "webhooks.replay": OWNERS,
    # The walk revokes someone else's token, which only an owner may; anyone revokes their own
    # (tests/api/test_api.py).
    "api_tokens.revoke": OWNERS,
    # The API ignores sessions: every visitor without a token gets 401, whatever their role. Its
    # roles are walked with tokens in tests/api.
    "api.entry_point": EVERYONE,
    "api.people": EVERYONE,
    "api.petitions": EVERYONE,
    "api.petition": EVERYONE,
    "api.signatures": EVERYONE,
    "api.create_signature": EVERYONE,
    "api.letters": EVERYONE,
    "api.letter": EVERYONE,
    "api.outreaches": EVERYONE,
}


def protected_routes(app):
    """[(endpoint, rule, method)] of every protected route; logging out comes last."""
    routes = []
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith(PROTECTED_PREFIXES) and rule.endpoint not in PUBLIC:
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                routes.append((rule.endpoint, rule, method))
    return sorted(routes, key=lambda route: route[0] == "accounts.logout")


def test_every_protected_route_says_who_may_reach_it(app):
    unlisted = sorted({endpoint for endpoint, _, _ in protected_routes(app)} - set(ACCESS))
    assert unlisted == [], f"add these endpoints to ACCESS with the roles that may reach them: {unlisted}"


def test_anonymous_visitors_are_sent_to_log_in(app, client, url_values):
    for _, rule, method in protected_routes(app):
        response = client.open(url_for_rule(app, rule, url_values), method=method)
        response.close()
        if rule.rule.startswith("/api"):
            assert response.status_code == 401, (method, rule.rule)
        else:
            assert response.status_code == 302, (method, rule.rule, response.status_code)
            assert response.location.startswith("/organize/login"), (method, rule.rule)


@pytest.mark.parametrize("role", [Role.VIEWER, Role.ORGANIZER, Role.OWNER])
def test_each_role_reaches_exactly_its_routes(app, client, login, url_values, html_pages, role):
    login(role)
    walked = 0
    for endpoint, rule, method in protected_routes(app):
        url = url_for_rule(app, rule, url_values)
        response = client.open(url, method=method)
        if role == Role.OWNER and method == "GET" and response.status_code == 200 and response.mimetype == "text/html":
            html_pages.record(f"GET {url}", response.get_data())  # for the HTML check (tests/html_pages.py)
        response.close()  # as a server closes a streamed download
        assert response.status_code < 500, (role, method, rule.rule, response.status_code)
        if role in ACCESS.get(endpoint, set()):
            assert response.status_code != 403, (role, method, rule.rule)
        else:
            assert response.status_code == 403, (role, method, rule.rule, response.status_code)
        walked += 1
    assert walked >= len(ACCESS)
