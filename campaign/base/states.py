"""What every guarded transition raises when its object's state does not allow it."""


class WrongState(Exception):
    """A transition was asked of an object (an action, a sign-on, a delivery) in a state that does
    not allow it; the message says why, for the organizer."""
