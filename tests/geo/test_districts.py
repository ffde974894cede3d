"""Signers are counted in their district and state: confirmed, or possible when the ZIP area is split."""
from campaign.base.extensions import db
from campaign.core.geo.districts import STATEWIDE
from campaign.core.geo.models import ZipDistrict
from campaign.core.signatures import tallies


def counts(app, petition_id):
    with app.app_context():
        return tallies.by_district(petition_id)


def sign_from(sign, postcodes):
    for n, postcode in enumerate(postcodes):
        assert sign(email=f"signer{n}@example.org", postcode=postcode).status_code == 302


def test_representative_senator_at_large_and_split_zip(app, open_petition, sign, crosswalk, confirm_all):
    crosswalk()
    sign_from(sign, ["10027", "10027", "10025", "99501", "60614"])
    assert counts(app, open_petition) == {}  # pending signers are not counted
    confirm_all()
    assert counts(app, open_petition) == {
        ("NY", 13, False): 2,  # 10027 lies in NY-13 only
        ("NY", 12, True): 1,  # 10025 spans NY-12 and NY-13: a possible constituent of each
        ("NY", 13, True): 1,
        ("NY", STATEWIDE, False): 3,  # both New York ZIPs lie wholly in the state: senators' constituents
        ("AK", 0, False): 1,  # Alaska's at-large seat
        ("AK", STATEWIDE, False): 1,
        ("IL", STATEWIDE, False): 1,  # not in this crosswalk: the state still comes from the ZIP
    }


def test_a_zip_area_across_a_state_line_makes_possible_constituents_of_both_states(
        app, open_petition, sign, crosswalk, confirm_all):
    crosswalk("state_fips,state_abbr,zcta,cd\n31,NE,69201,3\n46,SD,69201,0\n")
    sign_from(sign, ["69201"])
    confirm_all()
    found = counts(app, open_petition)
    assert found[("NE", STATEWIDE, True)] == 1 and found[("SD", STATEWIDE, True)] == 1
    assert found[("NE", 3, True)] == 1 and found[("SD", 0, True)] == 1


def test_assign_districts_rebuilds_the_tallies_after_a_new_crosswalk(
        app, runner, open_petition, sign, crosswalk, confirm_all):
    sign_from(sign, ["10027", "10025", "99501"])  # signed before any crosswalk was imported
    confirm_all()
    assert counts(app, open_petition) == {("NY", STATEWIDE, False): 2, ("AK", STATEWIDE, False): 1}
    crosswalk()
    result = runner.invoke(args=["geo", "assign-districts"])
    assert result.exit_code == 0, result.output
    assert "3 signatures re-assigned" in result.output
    after = counts(app, open_petition)
    assert after[("NY", 13, False)] == 1 and after[("NY", 12, True)] == 1 and after[("AK", 0, False)] == 1
    # Redistricting: 10027 moves to NY-10. The counts follow exactly, nothing is counted twice.
    crosswalk("state_fips,state_abbr,zcta,cd\n36,NY,10027,10\n36,NY,10025,12\n02,AK,99501,0\n")
    runner.invoke(args=["geo", "assign-districts"])
    assert counts(app, open_petition) == {
        ("NY", 10, False): 1, ("NY", 12, False): 1, ("NY", STATEWIDE, False): 2,
        ("AK", 0, False): 1, ("AK", STATEWIDE, False): 1,
    }


def test_a_bad_crosswalk_says_which_line_and_writes_nothing(app, runner, crosswalk, tmp_path):
    crosswalk()
    bad = tmp_path / "bad.csv"
    bad.write_text("state_fips,state_abbr,zcta,cd\n36,NY,10027,13\n36,NY,1002,13\n")
    result = runner.invoke(args=["geo", "import-zccd", str(bad)])
    assert result.exit_code != 0
    assert "line 3" in result.output and "five digits" in result.output and "Nothing was imported" in result.output
    header = tmp_path / "header.csv"
    header.write_text("zip,district\n10027,13\n")
    result = runner.invoke(args=["geo", "import-zccd", str(header)])
    assert "line 1" in result.output and "state_abbr" in result.output
    with app.app_context():
        assert db.session.query(ZipDistrict).count() == 4  # the earlier import is intact


def test_the_real_crosswalk(app, runner, shared_data):
    result = runner.invoke(args=["geo", "import-zccd", str(shared_data / "congress" / "zccd.csv")])
    assert result.exit_code == 0, result.output
    assert "42033 rows" in result.output
    assert "7299 of them in more than one district" in result.output
    with app.app_context():
        rows = db.session.query(ZipDistrict.state, ZipDistrict.district).filter_by(zcta="35005").all()
        assert sorted(rows) == [("AL", 6), ("AL", 7)]
        assert db.session.query(ZipDistrict.district).filter_by(zcta="99501").all() == [(0,)]


def test_a_crosswalk_imported_by_another_process_reaches_this_one(app, database_url, tmp_path, monkeypatch,
                                                                  open_petition, sign, confirm_all):
    """`flask geo import-zccd` run elsewhere (another host, a shell beside the gunicorn workers):
    this process drops the empty answers it remembered, without a restart or a five-minute wait."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    from campaign.base import caches

    from ..conftest import ZCCD

    sign_from(sign, ["10027"])  # no crosswalk yet: this process remembers that 10027 has no district
    path = tmp_path / "zccd.csv"
    path.write_text(ZCCD)
    env = {**os.environ, "CAMPAIGN_ENV": "testing", "TEST_DATABASE_URL": database_url}
    subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", "geo", "import-zccd", str(path)], env=env,
                   cwd=Path(__file__).resolve().parents[2], check=True, capture_output=True, timeout=120)
    monkeypatch.setattr(caches, "GENERATION_CHECK_SECONDS", 0)  # rather than wait two seconds
    assert sign(email="later@example.org", postcode="10027").status_code == 302
    confirm_all()
    assert counts(app, open_petition)[("NY", 13, False)] == 1  # the later signer is NY-13's; the first not yet
