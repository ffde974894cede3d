"""Importing members of Congress and their offices' addresses; the organizer's target pages."""
import pytest

from campaign.base.extensions import db
from campaign.core.accounts.models import Role
from campaign.core.targets.models import Target, TargetKind

MEMBERS_CSV = """last_name,first_name,full_name,type,state,district,party,address,phone,contact_form,bioguide_id
Cantwell,Maria,Maria Cantwell,sen,WA,,Democrat,511 Hart,202-224-3441,https://cantwell.example/contact,C000127
Begich,Nick,Nick Begich,rep,AK,0,Republican,153 Cannon,202-225-5765,,B001323
Espaillat,Adriano,Adriano Espaillat,rep,NY,13,Democrat,2332 Rayburn,202-225-4365,,E000297
"""


def import_congress(runner, path):
    return runner.invoke(args=["targets", "import-congress", str(path)])


def members(app):
    with app.app_context():
        return {t.bioguide_id: (t.kind, t.name, t.state, t.district, t.is_active)
                for t in db.session.scalars(db.select(Target))}


@pytest.mark.parametrize("name", ["legislators-current.yaml", "legislators-current.csv"])
def test_the_real_legislators_files(app, runner, shared_data, name):
    result = import_congress(runner, shared_data / "congress" / name)
    assert result.exit_code == 0, result.output
    assert "537 members (100 senators, 437 representatives): 537 new" in result.output
    found = members(app)
    assert found["C000127"] == (TargetKind.SENATOR, "Maria Cantwell", "WA", None, True)
    at_large = [m for m in found.values() if m[0] is TargetKind.REPRESENTATIVE and m[3] == 0]
    assert {m[2] for m in at_large} >= {"AK", "WY", "VT", "DE", "ND", "SD"}
    again = import_congress(runner, shared_data / "congress" / name)
    assert "0 new, 537 updated, 0 no longer listed" in again.output


def test_after_an_election_members_are_updated_and_those_who_left_kept_inactive(app, runner, tmp_path):
    path = tmp_path / "members.csv"
    path.write_text(MEMBERS_CSV)
    import_congress(runner, path)
    path.write_text(MEMBERS_CSV.replace("Nick Begich,rep,AK,0,Republican", "Nick Begich,rep,AK,0,Independent")
                    .splitlines(keepends=True)[0] + "".join(MEMBERS_CSV.splitlines(keepends=True)[2:]))
    result = import_congress(runner, path)
    assert "0 new, 2 updated, 1 no longer listed and marked inactive" in result.output
    found = members(app)
    assert found["C000127"][4] is False  # kept, never deleted
    assert found["B001323"][4] is True


def test_a_bad_legislators_file_names_its_line_and_writes_nothing(app, runner, tmp_path):
    path = tmp_path / "members.csv"
    path.write_text(MEMBERS_CSV.replace("rep,NY,13", "rep,NY,thirteen"))
    result = import_congress(runner, path)
    assert result.exit_code != 0
    assert "line 4" in result.output and "district 'thirteen'" in result.output
    yaml_path = tmp_path / "members.yaml"
    yaml_path.write_text("- id:\n    bioguide: C000127\n  name: {official_full: A}\n"
                         "  terms:\n  - {type: sen, state: W1}\n")
    result = import_congress(runner, yaml_path)
    assert "line 1" in result.output and "state 'W1'" in result.output
    yaml_path.write_text("- id: [unclosed\n")
    assert "not valid YAML" in import_congress(runner, yaml_path).output
    assert members(app) == {}


def test_office_addresses_from_a_csv(app, runner, tmp_path):
    path = tmp_path / "members.csv"
    path.write_text(MEMBERS_CSV)
    import_congress(runner, path)
    contacts = tmp_path / "contacts.csv"
    contacts.write_text("bioguide_id,email,name\nE000297,LD@espaillat.example,Legislative director\n"
                        "C000127,staff@cantwell.example,\n")
    result = runner.invoke(args=["targets", "import-contacts", str(contacts)])
    assert "2 addresses added" in result.output, result.output
    contacts.write_text("bioguide_id,email,name\nE000297,ld@espaillat.example,Jo\nX999999,a@b.example,\n")
    result = runner.invoke(args=["targets", "import-contacts", str(contacts)])
    assert result.exit_code != 0 and "line 3" in result.output and "X999999" in result.output
    contacts.write_text("bioguide_id,email,name\nE000297,not-an-address,Jo\n")
    assert "line 2" in runner.invoke(args=["targets", "import-contacts", str(contacts)]).output
    with app.app_context():
        target = db.session.scalar(db.select(Target).filter_by(bioguide_id="E000297"))
        assert [(c.name, c.email) for c in target.contacts] == [("Legislative director", "LD@espaillat.example")]


@pytest.mark.parametrize("url", ["/organize/targets/", "/organize/targets/new"])
def test_anonymous_visitors_are_sent_to_log_in(client, url):
    assert client.get(url).status_code == 302


def test_viewers_see_targets_but_cannot_add_them(client, login):
    login(Role.VIEWER)
    assert client.get("/organize/targets/").status_code == 200
    assert client.get("/organize/targets/new").status_code == 403
    assert client.post("/organize/targets/new", data={"name": "X"}).status_code == 403


@pytest.mark.parametrize("role", [Role.ORGANIZER, Role.OWNER])
def test_an_organizer_adds_a_company_with_the_people_to_write_to(app, client, login, role):
    login(role)
    bad = client.post("/organize/targets/new", data={
        "kind": "company", "name": "Acme Social, Inc.", "contacts": "Jordan Reyes <jordan@acme.example>\nnobody"})
    assert bad.status_code == 422
    assert "Line 2" in bad.text and "Acme Social, Inc." in bad.text  # what was typed comes back
    response = client.post("/organize/targets/new", data={
        "kind": "company", "name": "Acme Social, Inc.",
        "contacts": "Jordan Reyes <jordan@acme.example>\nPress, press@acme.example\n"})
    assert response.status_code == 302
    page = client.get("/organize/targets/?kind=company").text
    assert "Jordan Reyes &lt;jordan@acme.example&gt;" in page and "Press &lt;press@acme.example&gt;" in page
