"""Targets: the companies, agencies and congressional offices a campaign writes to."""
import enum
from datetime import datetime

from flask_babel import gettext
from sqlalchemy import ForeignKey, SmallInteger, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from campaign.base.columns import enum_type
from campaign.base.extensions import db
from campaign.base.timeutil import UTCDateTime, utcnow


class TargetKind(enum.Enum):
    COMPANY = "company"
    AGENCY = "agency"
    SENATOR = "senator"
    REPRESENTATIVE = "representative"


CONGRESS = {TargetKind.SENATOR, TargetKind.REPRESENTATIVE}
CHAMBERS = {TargetKind.SENATOR: "senate", TargetKind.REPRESENTATIVE: "house"}


class Target(db.Model):
    __tablename__ = "targets"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[TargetKind] = mapped_column(enum_type(TargetKind))
    # The Congress bioguide id (e.g. C000127); the key of `flask targets import-congress`.
    bioguide_id: Mapped[str | None] = mapped_column(String(10), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    state: Mapped[str] = mapped_column(String(2), default="", index=True)
    # A representative's district; 0 for an at-large seat; None for everyone else.
    district: Mapped[int | None] = mapped_column(SmallInteger)
    party: Mapped[str] = mapped_column(String(60), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    contact_form: Mapped[str] = mapped_column(String(300), default="")
    # False for a member who has left Congress; kept, with every delivery made to them.
    is_active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    contacts: Mapped[list["TargetContact"]] = relationship(
        back_populates="target", cascade="all, delete-orphan", order_by="TargetContact.id"
    )

    @property
    def is_in_congress(self):
        return self.kind in CONGRESS

    @property
    def chamber(self):
        """'senate', 'house', or '' for a company or agency."""
        return CHAMBERS.get(self.kind, "")

    @property
    def seat(self):
        """'NY-13', 'AK at-large', 'Senator for WA', or '' for a company or agency (in the language
        being rendered: a delivery's, the page's)."""
        if self.kind is TargetKind.SENATOR:
            return gettext("Senator for %(state)s", state=self.state)
        if self.kind is TargetKind.REPRESENTATIVE:
            return gettext("%(state)s at-large", state=self.state) if self.district == 0 else \
                f"{self.state}-{self.district}"
        return ""

    def __repr__(self):
        return f"<Target {self.id} {self.kind.value} {self.name!r}>"


class TargetContact(db.Model):
    """A person to write to at a target, with their email address."""

    __tablename__ = "target_contacts"
    __table_args__ = (UniqueConstraint("target_id", "email"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    target_id: Mapped[int] = mapped_column(ForeignKey("targets.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(254))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    target: Mapped[Target] = relationship(back_populates="contacts")

    @property
    def address_line(self):
        return f"{self.name} <{self.email}>" if self.name else self.email
