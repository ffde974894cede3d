"""Dates as organizers type and read them: in the site's time zone, stored in UTC."""
from datetime import UTC
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import format_date, format_time


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


def to_local_naive(aware):
    """An aware UTC date-time as a datetime-local field shows it: in the site's zone, naive (None stays None)."""
    return None if aware is None else to_local(aware).replace(tzinfo=None)


def format_local(aware, style="datetime"):
    """A Jinja filter: a local time for the reader's language, or '' for None. `style` is
    "datetime" (December 3, 2026, 3:04 PM EST / 3 de diciembre de 2026, 15:04 EST),
    "short_datetime" (Dec 3, 2026, 3:04 PM), "date" (Dec 3, 2026) or "long_date" (December 3, 2026)."""
    if aware is None:
        return ""
    local = to_local(aware)  # rebase=False: Babel would move it back to UTC
    day = format_date(local, "long" if style in ("datetime", "long_date") else "medium", rebase=False)
    if style in ("date", "long_date"):
        return day
    time = format_time(local, "short", rebase=False)
    return f"{day}, {time} {local.strftime('%Z')}" if style == "datetime" else f"{day}, {time}"


def format_day(day):
    """A Jinja filter: a calendar date for the reader's language (December 3, 2026 / 3 de diciembre de 2026)."""
    return format_date(day, "long", rebase=False)
