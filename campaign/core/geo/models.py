"""The ZIP-area (ZCTA) to congressional-district crosswalk."""
from sqlalchemy import SmallInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from campaign.base.extensions import db


class ZipDistrict(db.Model):
    """One district a ZIP area touches. A ZIP area on several rows spans several districts.

    District 0 is a state's single at-large seat (and the non-voting delegates' seats).
    """

    __tablename__ = "zip_districts"

    zcta: Mapped[str] = mapped_column(String(5), primary_key=True)
    state: Mapped[str] = mapped_column(String(2), primary_key=True)
    district: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
