"""Every route of the URL map given hostile values: NUL bytes, integers beyond the database's
(2**31, 2**63, 10**20), -1, 10,000 characters and naughty strings, in its path, in every query
argument and form field its view reads, and an over-long value in each field of every form
otherwise filled in as its page shows it: never a 500, on SQLite and on PostgreSQL.

Walked as an owner with an API token, a real object behind every id and CSRF off (the testing
config), with no rate limits, so that each value gets past the door to the view and the database
behind it. The names a view reads are found by watching it read them, so a new route or field is
walked as soon as it exists.
"""
import re
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from werkzeug.datastructures import ImmutableMultiDict

from campaign.base.request_values import INT_MAX
from campaign.core.accounts.models import Role

from ..html_forms import post_forms
from .conftest import url_for_rule
from .public_forms import PUBLIC_FORMS

LONG = "x" * 10_000
HUGE_INTEGERS = [str(INT_MAX + 1), str(2**63), str(10**20), "-1", "0", "9" * 40]
HOSTILE_TEXT = ["a\x00b", "\x01\x1f\x7f", LONG, "٣", " 1 ", "%00", "..", "."]
# The values each kind of path argument gets; any other converter gets the text.
PATH_VALUES = {"int": HUGE_INTEGERS + ["a\x00b", LONG]}
# What every query argument and form field gets (the random tests below try many more).
QUERY_VALUES = ["a\x00b", str(INT_MAX + 1), str(2**63), str(10**20), "-1", LONG, "٣"]
# The object a path names where url_values' default would not reach the view's work.
PER_PREFIX = {"/letters/": {"slug": "dear-acme-board"},
              "/organize/sign-ons/": {"kind": "organization", "action": "merge"}}
ARGUMENT = re.compile(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>")
PUBLIC_ANSWERS = {form.path: form for form, _ in PUBLIC_FORMS}


class _Noting(ImmutableMultiDict):
    """request.args and request.form that note each name a view reads."""

    read = set()

    def __contains__(self, key):
        self.read.add(key)
        return super().__contains__(key)

    def __getitem__(self, key):
        self.read.add(key)
        return super().__getitem__(key)

    def get(self, key, default=None, type=None):
        self.read.add(key)
        return super().get(key, default, type)

    def getlist(self, key, type=None):
        self.read.add(key)
        return super().getlist(key, type)


def _order(route):
    """Pages first, then forms, then actions that change state (closing a petition, sending a
    delivery), logging out last: each route's work is reached before another's closes it."""
    rule, method = route
    if rule.endpoint == "accounts.logout":
        return 3
    if method != "POST":
        return 0
    return 1 if "GET" in rule.methods or rule.rule.startswith(("/petitions/", "/letters/")) else 2


def every_route(app):
    """[(rule, method)] of every route of the URL map, in walking order."""
    routes = [(rule, method) for rule in app.url_map.iter_rules()
              for method in sorted(rule.methods - {"HEAD", "OPTIONS"})]
    return sorted(routes, key=lambda route: (_order(route), route[0].rule, route[1]))


class Walker:
    """An owner's client that sends a request to a route and says what came back."""

    def __init__(self, app, client, values, api_token):
        self.app, self.client, self.values = app, client, values
        self.headers = {"Authorization": f"Bearer {api_token}"}

    def values_for(self, rule):
        values = dict(self.values)
        for prefix, changes in PER_PREFIX.items():
            if rule.rule.startswith(prefix):
                values.update(changes)
        return values

    def path(self, rule, hostile=None):
        """The path of `rule` with real values, or with `hostile` {argument: text} in their place."""
        if not hostile:
            return url_for_rule(self.app, rule, self.values_for(rule))
        real = self.values_for(rule)

        def value(match):
            name = match.group(2)
            return quote(hostile[name], safe="") if name in hostile else quote(str(real[name]), safe="")

        return ARGUMENT.sub(value, rule.rule)

    def send(self, method, path, query=None, form=None, why=""):
        response = self.client.open(path, method=method, query_string=query, data=form, headers=self.headers)
        response.close()
        assert response.status_code < 500, (method, path[:120], why[:200], response.status_code)
        return response

    def reads(self, rule, method, monkeypatch):
        """The query and form names the view of a route reads (`q` and `page` always), seen in a
        plain request to it."""
        with monkeypatch.context() as patch:
            patch.setattr(self.app.request_class, "parameter_storage_class", _Noting)
            _Noting.read = set()
            if rule.endpoint != "accounts.logout":
                # Something posted, so that forms read their fields (an empty one is not submitted).
                self.send(method, self.path(rule), query={"probe": "1"},
                          form={"probe": "1"} if method == "POST" else None)
            return sorted(_Noting.read - {"probe"} | {"q", "page"})


@pytest.fixture
def walker(app, client, login, create_api_token, url_values, monkeypatch):
    login(Role.OWNER)
    api_token = create_api_token(Role.OWNER)
    # Many posts a second from one address: limits would refuse them before the views run.
    monkeypatch.setitem(app.extensions, "rate_limits", None)
    return Walker(app, client, url_values, api_token)


def test_every_path_argument_gets_hostile_values(app, walker):
    walked = 0
    for rule, method in every_route(app):
        for converter, name in ARGUMENT.findall(rule.rule):
            for text in PATH_VALUES.get(converter, HOSTILE_TEXT):
                walker.send(method, walker.path(rule, {name: text}), why=f"{name}={text!r}")
                walked += 1
    assert walked > 500


def test_every_query_argument_and_form_field_gets_hostile_values(app, walker, monkeypatch):
    seen = set()
    for rule, method in every_route(app):
        names = walker.reads(rule, method, monkeypatch)
        seen.update(names)
        for text in QUERY_VALUES:
            values = {name: text for name in names}
            walker.send(method, walker.path(rule), query=values, form=values if method == "POST" else None,
                        why=f"{names}={text!r}")
    assert {"state", "target", "ip_threshold", "into", "signature_id", "subject"} < seen


def test_an_over_long_value_in_each_field_of_every_form(app, walker, monkeypatch):
    posted = 0
    for n, (rule, method) in enumerate(every_route(app)):
        if method != "POST" or rule.endpoint == "accounts.logout":
            continue
        path = walker.path(rule)
        answers = _as_shown(walker, path)
        if path in PUBLIC_ANSWERS:
            answers.update(PUBLIC_ANSWERS[path].answers(n))
        names = set(walker.reads(rule, method, monkeypatch)) | set(answers)
        for name in sorted(names - {"csrf_token"}):
            walker.send(method, path, form={**answers, name: LONG}, why=f"{name}=<10,000 characters>")
            posted += 1
    assert posted > 100


def _as_shown(walker, path):
    """What a browser would post of the form at `path` on its page (nothing when there is none)."""
    page = walker.client.get(path)
    if page.status_code != 200 or not page.mimetype == "text/html":
        return {}
    for action, fields in post_forms(page.text):
        if action in ("", path):
            return fields
    return {}


def _hostile_text(naughty=()):
    return st.one_of(st.text(max_size=50), st.sampled_from(HUGE_INTEGERS + HOSTILE_TEXT),
                     st.integers(min_value=-(2**80), max_value=2**80).map(str),
                     *([st.sampled_from(naughty)] if naughty else []))


def test_random_path_arguments(app, walker):
    routes = [route for route in every_route(app) if route[0].arguments and route[0].endpoint != "accounts.logout"]

    @settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.sampled_from(routes), st.data())
    def walk(route, data):
        rule, method = route
        name = data.draw(st.sampled_from(sorted(rule.arguments)))
        text = data.draw(_hostile_text())
        walker.send(method, walker.path(rule, {name: text}), why=f"{name}={text!r}")

    walk()


@pytest.mark.shared_data
def test_naughty_strings_in_paths_queries_and_forms(app, walker, monkeypatch, naughty_strings):
    routes = [route for route in every_route(app) if route[0].endpoint != "accounts.logout"]
    reads = {(rule.endpoint, method): walker.reads(rule, method, monkeypatch) for rule, method in routes}

    @settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.sampled_from(routes), st.data())
    def walk(route, data):
        rule, method = route
        hostile = {name: data.draw(_hostile_text(naughty_strings)) for name in rule.arguments
                   if data.draw(st.booleans())}
        names = reads[rule.endpoint, method]
        values = {name: data.draw(_hostile_text(naughty_strings)) for name in names}
        walker.send(method, walker.path(rule, hostile), query=values, form=values if method == "POST" else None,
                    why=f"{hostile} {values}")

    walk()

