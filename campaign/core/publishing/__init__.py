"""Publishing an action (a petition or a letter): draft, open, closed, and the dates around them."""
import enum

from campaign.base.states import WrongState
from campaign.base.timeutil import utcnow


class ActionState(enum.Enum):
    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"


class Publishable:
    """States and transitions shared by petitions and letters.

    A model using it has `state` (ActionState), `opened_at` and `closed_at` columns, and says what
    it is called (`NOUN`), what its closing time is called (`CLOSING_NAME`), and which of its
    columns hold the opening and closing times (`opens_at_field`, `closes_at_field`).
    """

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
            raise WrongState(f"A {self.state.value} {self.NOUN} cannot be opened.")
        if self.closing_time is not None and self.closing_time <= utcnow():
            raise WrongState(f"The {self.CLOSING_NAME} has passed; move it before opening.")
        self.state = ActionState.OPEN
        self.opened_at = self.opened_at or utcnow()
        self.closed_at = None

    def close(self):
        """Stop taking signatures now."""
        if self.state not in self.CLOSABLE:
            raise WrongState(f"A {self.state.value} {self.NOUN} cannot be closed.")
        self.state = ActionState.CLOSED
        self.closed_at = utcnow()

    def __repr__(self):
        return f"<{type(self).__name__} {self.id} {self.slug!r} {self.state.value}>"

