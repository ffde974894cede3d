"""The migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from campaign.extensions import db


def test_models_and_migrations_agree(app):
    # The test database was built by `flask db upgrade` (see conftest).
    with app.app_context(), db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, db.metadata)
    assert differences == []


def test_downgrade_and_upgrade_again(app, tmp_path):
    from flask_migrate import downgrade, upgrade

    from campaign import create_app

    scratch = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'scratch.db'}"})
    with scratch.app_context():
        upgrade()
        downgrade(revision="base")
        upgrade()
        assert "signatures" in db.inspect(db.engine).get_table_names()


def test_states_typed_as_names_become_their_codes(tmp_path):
    from flask_migrate import upgrade
    from sqlalchemy import insert, select

    from campaign import create_app
    from campaign.letters.models import Letter, Signers
    from campaign.organizations.models import OrganizationSignOn

    scratch = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'scratch.db'}"})
    typed = ["California", " new york ", "ca", "DC", "District of Columbia", "Ontario", ""]
    with scratch.app_context():
        upgrade(revision="a20ea886b0d6")  # when State was free text
        letter = Letter(slug="dear-acme-board", title="Dear Acme", body_markdown="Stop.", body_html="<p>Stop.</p>",
                        addressees="The Board", signers=Signers.ORGANIZATIONS)
        db.session.add(letter)
        db.session.flush()
        # A bulk INSERT names only these columns and those with a Python default (not the later
        # server-defaulted ones, such as wants_updates, which this old schema lacks).
        db.session.execute(insert(OrganizationSignOn), [
            dict(letter_id=letter.id, name=f"Group {n}", name_key=f"group {n}", region=region,
                 contact_name="Rosa", email=f"r{n}@example.org", email_key=f"r{n}@example.org")
            for n, region in enumerate(typed)
        ])
        db.session.commit()
        upgrade()
        regions = db.session.scalars(select(OrganizationSignOn.region).order_by(OrganizationSignOn.id)).all()
    assert regions == ["CA", "NY", "CA", "DC", "DC", "Ontario", ""]
