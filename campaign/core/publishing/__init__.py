"""Publishing an action (a petition or a letter): draft, open, closed, and the dates around them."""
import enum
from datetime import datetime

from flask_babel import gettext
from sqlalchemy import ForeignKey, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from campaign.base.columns import enum_type
from campaign.base.i18n import N_
from campaign.base.states import WrongState
from campaign.base.timeutil import UTCDateTime, utcnow


class ActionState(enum.Enum):
    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"


# What the organizer is told about a petition and about a letter: a whole sentence for each kind
# (a translation cannot put a noun into a sentence), marked here, translated when said.
KINDS = ("petition", "letter")
SAID = {
    "open already": (N_("This petition is open already."), N_("This letter is open already.")),
    "only open closes": (N_("Only an open petition can be closed."), N_("Only an open letter can be closed.")),
    "closing passed": (N_("Its closing date has passed; move it before opening."),
                       N_("Its sign-on deadline has passed; move it before opening.")),
    "tick to close": (N_("Nothing changed: tick “Yes, close it” to close the petition."),
                      N_("Nothing changed: tick “Yes, close it” to close the letter.")),
}


class Publishable:
    """The columns, states and transitions shared by petitions and letters.

    A model using it says what it is called (`NOUN`), what its closing time is called
    (`CLOSING_NAME`), and which of its columns hold the opening and closing times
    (`opens_at_field`, `closes_at_field`).
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    body_markdown: Mapped[str] = mapped_column(Text, default="")
    # Rendered and sanitised once at save time, so no page view renders Markdown.
    body_html: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[ActionState] = mapped_column(enum_type(ActionState), default=ActionState.DRAFT)
    # Exempt from the retention period: signers' personal data is kept after closing.
    keep_personal_data: Mapped[bool] = mapped_column(default=False, server_default=false())
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("organizers.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    opened_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    NOUN = "action"
    CLOSING_NAME = "closing date"
    opens_at_field = None
    closes_at_field = None

    PUBLIC_STATES = {"open", "scheduled", "closed"}
    OPENABLE = {ActionState.DRAFT, ActionState.CLOSED}
    CLOSABLE = {ActionState.OPEN}

    @property
    def opening_time(self):
        return getattr(self, self.opens_at_field) if self.opens_at_field else None

    @property
    def closing_time(self):
        return getattr(self, self.closes_at_field) if self.closes_at_field else None

    def public_state(self, now=None):
        """'draft', 'scheduled', 'open' or 'closed', taking the opening and closing times into account."""
        now = now or utcnow()
        if self.state is ActionState.DRAFT:
            return "draft"
        if self.state is ActionState.CLOSED:
            return "closed"
        if self.closing_time is not None and now >= self.closing_time:
            return "closed"
        if self.opening_time is not None and now < self.opening_time:
            return "scheduled"
        return "open"

    @property
    def is_signable(self):
        return self.public_state() == "open"

    @property
    def is_public(self):
        return self.public_state() in self.PUBLIC_STATES

    def open(self):
        """Publish (or reopen)."""
        if self.state not in self.OPENABLE:
            raise WrongState(self.said("open already"))
        if self.closing_time is not None and self.closing_time <= utcnow():
            raise WrongState(self.said("closing passed"))
        self.state = ActionState.OPEN
        self.opened_at = self.opened_at or utcnow()
        self.closed_at = None

    def close(self):
        """Stop taking signatures now."""
        if self.state not in self.CLOSABLE:
            raise WrongState(self.said("only open closes"))
        self.state = ActionState.CLOSED
        self.closed_at = utcnow()

    @classmethod
    def said(cls, what):
        """What the organizer is told (`what`: a key of SAID) about this kind of action, translated."""
        return gettext(SAID[what][KINDS.index(cls.NOUN)])

    def __repr__(self):
        return f"<{type(self).__name__} {self.id} {self.slug!r} {self.state.value}>"
