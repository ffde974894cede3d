"""The migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from campaign.base.extensions import db


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
    from sqlalchemy import column, insert, select, table

    from campaign import create_app

    # The tables as they were then (the models have grown columns since).
    letters = table("letters", *map(column, ("slug", "title", "body_markdown", "body_html", "addressees", "signers",
                                             "ordering", "affiliation_question", "is_moderated", "state",
                                             "keep_personal_data", "created_at", "updated_at")))
    sign_ons = table("organization_sign_ons", *map(column, (
        "letter_id", "name", "name_key", "region", "contact_name", "email", "email_key", "scope", "city",
        "website", "domain", "logo", "contact_title", "contact_phone", "is_listed", "decision", "display_name",
        "created_at", "flag_reasons", "is_offered_to_signers")))
    scratch = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'scratch.db'}"})
    typed = ["California", " new york ", "ca", "DC", "District of Columbia", "Ontario", ""]
    with scratch.app_context():
        upgrade(revision="a20ea886b0d6")  # when State was free text
        letter_id = db.session.execute(insert(letters).values(
            slug="dear-acme-board", title="Dear Acme", body_markdown="Stop.", body_html="<p>Stop.</p>",
            addressees="The Board", signers="organizations", ordering="by_scope", affiliation_question="",
            is_moderated=True, state="draft", keep_personal_data=False, created_at="2026-01-01 00:00:00",
            updated_at="2026-01-01 00:00:00").returning(column("id"))).scalar_one()
        db.session.execute(insert(sign_ons), [
            dict(letter_id=letter_id, name=f"Group {n}", name_key=f"group {n}", region=region, contact_name="Rosa",
                 email=f"r{n}@example.org", email_key=f"r{n}@example.org", scope="national", city="", website="",
                 domain="", logo="", contact_title="", contact_phone="", is_listed=False, decision="waiting",
                 display_name="", created_at="2026-01-01 00:00:00", flag_reasons="", is_offered_to_signers=False)
            for n, region in enumerate(typed)
        ])
        db.session.commit()
        upgrade()
        regions = db.session.execute(select(column("region")).select_from(table("organization_sign_ons"))
                                     .order_by(column("id"))).scalars().all()
    assert regions == ["CA", "NY", "CA", "DC", "DC", "Ontario", ""]
