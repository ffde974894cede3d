"""Dates as organizers type and read them: in the site's time zone, stored in UTC."""
from datetime import UTC
from zoneinfo import ZoneInfo

from flask import current_app


def zone():
    return ZoneInfo(current_app.config["SITE_TIMEZONE"])


def to_utc(local_naive):
    """A naive date-time typed in the site's zone, as aware UTC (None stays None)."""
    if local_naive is None:
        return None
    return local_naive.replace(tzinfo=zone()).astimezone(UTC)


def to_local(aware):
    """An aware UTC date-time in the site's zone (None stays None)."""
    return None if aware is None else aware.astimezone(zone())


def format_local(aware, pattern="%B %-d, %Y, %-I:%M %p %Z"):
    """A Jinja filter: a readable local time, or '' for None."""
    return "" if aware is None else to_local(aware).strftime(pattern)
