"""Values read from a request's path, query string and form, kept within what the database takes.

Every route's `<int:...>` is an id of an INTEGER column, so a larger number is a 404 rather than
an overflow in PostgreSQL; every `<name>` segment refuses control characters (PostgreSQL cannot
store or compare NUL at all). Integers from query strings and forms go through `integer()` (page
numbers, thresholds: clamped) or `id_of()` (ids: refused when out of range).
"""
import re

from werkzeug.routing import IntegerConverter, UnicodeConverter

# PostgreSQL's INTEGER (and SQLite's range includes it): the type of every id a route takes.
INT_MAX = 2**31 - 1
# BIGINT: the ids of signatures, outbox messages and export logs.
BIGINT_MAX = 2**63 - 1
# ASCII digits only: `\d`, str.isdigit() and int() also take "٣" and other scripts' digits. A few
# more than any bound needs, so that "0000000001" is still 1, never a 4,300-digit int() to refuse.
_INTEGER = re.compile(r"-?[0-9]{1,30}")


def digits_up_to(limit):
    """A regex of the numbers from 0 to `limit` in ASCII digits: one with fewer digits, or as
    many with a smaller digit after a common start, or `limit` itself."""
    text = str(limit)
    shorter = [f"[0-9]{{1,{len(text) - 1}}}"] if len(text) > 1 else []
    smaller = [f"{text[:n]}[0-{int(digit) - 1}][0-9]{{{len(text) - n - 1}}}"
               for n, digit in enumerate(text) if digit != "0"]
    return "|".join([*shorter, *smaller, text])


class IdConverter(IntegerConverter):
    """`<int:...>`: ASCII digits up to INT_MAX. A larger number matches no route, so it is a 404
    for every method (were it refused after matching, Werkzeug would answer a POST with 405)."""

    regex = digits_up_to(INT_MAX)


class SegmentConverter(UnicodeConverter):
    """`<name>` and `<string:...>`: one path segment without control characters (404 otherwise)."""

    def __init__(self, map, minlength=1, maxlength=None, length=None):
        super().__init__(map, minlength=minlength, maxlength=maxlength, length=length)
        self.regex = r"[^/\x00-\x1f\x7f]" + self.regex.removeprefix("[^/]")


def register(app):
    """Make every route of `app` use these converters (before any blueprint is registered)."""
    app.url_map.converters.update(default=SegmentConverter, string=SegmentConverter, int=IdConverter)


def integer(values, name, default, minimum=1, maximum=INT_MAX):
    """`values[name]` (from request.args or request.form) as an int clamped to [minimum, maximum];
    `default` when it is absent or not a whole number."""
    text = values.get(name, "").strip()
    if not _INTEGER.fullmatch(text):
        return default
    return min(max(int(text), minimum), maximum)


def id_of(text, maximum=INT_MAX):
    """The id written in `text`, or None when it is not one (not digits, 0, or beyond `maximum`)."""
    text = (text or "").strip()
    if not _INTEGER.fullmatch(text):
        return None
    number = int(text)
    return number if 1 <= number <= maximum else None
