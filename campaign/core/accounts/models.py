"""Organizer accounts: the people who write actions, moderate, deliver and export."""
import enum
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.security import check_password_hash, generate_password_hash

from campaign.base.columns import enum_type
from campaign.base.extensions import db
from campaign.base.timeutil import UTCDateTime, utcnow

# scrypt is a slow, memory-hard hash; Werkzeug keeps its parameters in the stored string.
# B105 accepted: the name of a hash method
PASSWORD_METHOD = "scrypt"  # nosec B105
MIN_PASSWORD_LENGTH = 12


class Role(enum.Enum):
    OWNER = "owner"
    ORGANIZER = "organizer"
    VIEWER = "viewer"


class Organizer(UserMixin, db.Model):
    __tablename__ = "organizers"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(
        enum_type(Role), default=Role.ORGANIZER)
    is_active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Part of the id each session keeps (get_id): raising it ends every session of the account.
    session_version: Mapped[int] = mapped_column(default=1, server_default="1")

    def set_password(self, password):
        if len(password) < MIN_PASSWORD_LENGTH:
            raise ValueError(f"The password must be at least {MIN_PASSWORD_LENGTH} characters long.")
        self.password_hash = generate_password_hash(password, method=PASSWORD_METHOD)

    def check_password(self, password):
        return check_password_hash(self.password_hash, password)

    def get_id(self):
        """The id a session keeps (Flask-Login's "alternative token"): the account and its session version."""
        return f"{self.id}:{self.session_version}"

    def end_sessions(self):
        """Every session of this account, on any device, is refused from its next request on."""
        self.session_version += 1

    def __repr__(self):
        return f"<Organizer {self.id} {self.role.value}>"
