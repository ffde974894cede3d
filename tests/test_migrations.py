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
