"""OSDI's `filter` query parameter: the OData subset OSDI specifies, read into SQL conditions.

`modified_date gt '2026-12-01'`, `created_date ge '2026-11-01T08:00:00Z' and created_date lt
'2026-12-01'`: a field, one of gt, lt, ge, le, eq, a quoted value, and clauses joined by `and`
(OSDI asks no more: no `or`, no `not`, no functions). A date without a time is midnight UTC, and
`eq` with one is that whole day. A collection says which fields it takes; anything else is an
InvalidFilter, which the API answers with a 400. A small parser rather than an OData library: the
libraries read the whole grammar (functions, `or`, any column), which the API must refuse anyway.
"""
import operator
import re
from datetime import UTC, date, datetime, time, timedelta

CLAUSE = re.compile(r"\s*([a-z_]+)\s+(gt|lt|ge|le|eq)\s+'((?:[^']|'')*)'\s*", re.IGNORECASE)
AND = re.compile(r"and\b", re.IGNORECASE)
OPERATORS = {"gt": operator.gt, "lt": operator.lt, "ge": operator.ge, "le": operator.le, "eq": operator.eq}
MAX_LENGTH = 500


class InvalidFilter(ValueError):
    """The filter is not one the collection takes; the message says why."""


def clauses(text):
    """[(field, operator name, value as written)] of a filter, or InvalidFilter."""
    if len(text) > MAX_LENGTH:
        raise InvalidFilter(f"filter is longer than {MAX_LENGTH} characters.")
    found, position = [], 0
    while True:
        match = CLAUSE.match(text, position)
        if match is None:
            raise InvalidFilter("filter must read like modified_date gt '2026-12-01' (gt, lt, ge, le or eq, "
                                "clauses joined by and).")
        found.append((match[1].lower(), match[2].lower(), match[3].replace("''", "'")))
        position = match.end()
        if position == len(text):
            return found
        joined = AND.match(text, position)
        if joined is None:
            raise InvalidFilter("Join a filter's clauses with and.")
        position = joined.end()


def instant(value):
    """(the moment, whether the value was a date alone) of a filter's value, or InvalidFilter."""
    try:
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
            moment, is_day = datetime.combine(date.fromisoformat(value), time(), UTC), True
        else:
            moment, is_day = datetime.fromisoformat(value), False
            moment = (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC)
        if is_day and moment.date() == date.max:
            raise OverflowError("the day's end, which eq needs, is past the last time")
    except (ValueError, OverflowError):
        raise InvalidFilter(f"'{value}' is not a date (2026-12-01) or a time (2026-12-01T08:00:00Z).") from None
    return moment, is_day


def date_condition(column, op, value):
    """The SQL condition of `column op 'value'` on a timestamp column."""
    moment, is_day = instant(value)
    if op == "eq" and is_day:
        return (column >= moment) & (column < moment + timedelta(days=1))
    return OPERATORS[op](column, moment)


def conditions(text, dates, texts=None):
    """The SQL conditions of a filter on a collection whose timestamp fields are `dates` and whose
    text fields, which take `eq` only, are `texts` ({field: function of the value to a condition});
    [] without a filter; InvalidFilter for one the collection does not take."""
    texts = texts or {}
    if not text:
        return []
    found = []
    for field, op, value in clauses(text):
        if field in dates:
            found.append(date_condition(dates[field], op, value))
        elif field in texts and op == "eq":
            found.append(texts[field](value))
        elif field in texts:
            raise InvalidFilter(f"{field} takes eq only.")
        else:
            names = ", ".join([*dates, *texts])
            raise InvalidFilter(f"This collection filters on {names}, not {field}.")
    return found
