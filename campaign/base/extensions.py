"""Flask extensions, created here and bound to the app in create_app()."""
from flask_login import LoginManager
from flask_mail import Mail
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.orm.decl_base import _declarative_constructor  # private: pyproject.toml bounds SQLAlchemy

from campaign.base.rate_limits import RateLimiter

# Stable constraint names, so that migrations name the same things on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)

    def __init__(self, **kwargs):
        """Like the default constructor, but scalar column defaults are set at once, not at flush,
        so a new object's state can be asked (``Petition().state``) before it is saved."""
        for column in self.__table__.columns:
            default = column.default
            if default is not None and default.is_scalar and column.key not in kwargs:
                kwargs[column.key] = default.arg
        _declarative_constructor(self, **kwargs)


db = SQLAlchemy(model_class=Base)
migrate = Migrate(compare_type=True)
mail = Mail()
csrf = CSRFProtect()
login_manager = LoginManager()
limiter = RateLimiter()
