"""The API's two ways through a collection, both oldest first.

- OSDI's pages (what OSDI clients such as parsons' ActionNetwork use): `page` (from 1) and
  `per_page` (at most PAGE_MAX, 25, as Action Network: a larger one is served as 25), with
  `page`, `per_page`, `total_pages` and `total_records` in the body and `next`/`previous` links.
  A page past the end has an empty list, which is where OSDI clients stop.
- The cursor, for large syncs: send `cursor=` (empty to start) and `per_page` up to CURSOR_MAX;
  follow `_links.next` until there is none. A page is found by id, however far in, and rows
  added meanwhile are never skipped or served twice.

Every link is an absolute URL on BASE_URL (url_for), carrying the request's `filter`.
"""
import math

from flask import abort, request, url_for
from sqlalchemy import func, select

from campaign.base import request_values
from campaign.base.extensions import db

from . import serializers

PAGE_MAX = 25
CURSOR_MAX = 100
CARRIED = ("filter",)  # query parameters every link of a collection keeps


def per_page(maximum):
    """The request's per_page (25 when absent), served as at most `maximum`; 400 beyond CURSOR_MAX."""
    asked = request_values.id_of(request.args.get("per_page", str(PAGE_MAX)), CURSOR_MAX)
    if asked is None:
        abort(400, f"per_page must be a whole number from 1 to {CURSOR_MAX}.")
    return min(asked, maximum)


def page_number():
    """The request's page (1 when absent); 400 for one that is not a page number."""
    number = request_values.id_of(request.args.get("page", "1"))
    if number is None:
        abort(400, "page must be a whole number from 1.")
    return number


def is_cursor_request():
    return "cursor" in request.args


def cursor_after(read_cursor):
    """Where a cursor's page starts (read_cursor's answer); 400 for a cursor this API did not give out."""
    try:
        return read_cursor(request.args.get("cursor", ""))
    except (ValueError, UnicodeDecodeError):
        abort(400, "The cursor is not one this API gave out.")


def link(**query):
    """A link to this endpoint with this path, the carried parameters and `query`."""
    carried = {name: request.args[name] for name in CARRIED if name in request.args}
    return {"href": url_for(request.endpoint, **request.view_args, **carried, **query, _external=True)}


def self_link():
    """This page's own address on BASE_URL, from url_for: the query string as sent is not always a
    valid URI (é, quotes and spaces unencoded), and may hold anything else."""
    return link(**{name: request.args[name] for name in ("page", "per_page", "cursor") if name in request.args})


def count(query):
    return db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))


def page_body(key, items, number, size, total):
    """An OSDI page: its items under `_embedded[key]`, the counts and the links."""
    total_pages = math.ceil(total / size)
    links = {"self": self_link()}
    if number < total_pages:
        links["next"] = link(page=number + 1, per_page=size)
    if number > 1:
        links["previous"] = link(page=min(number - 1, max(total_pages, 1)), per_page=size)
    return {"total_pages": total_pages, "per_page": size, "page": number, "total_records": total,
            "_links": links, "_embedded": {key: items}}


def cursor_body(key, items, size, next_cursor):
    """A cursor's page: its items, and a link to the next one when there is more."""
    links = {"self": self_link()}
    if next_cursor is not None:
        links["next"] = link(cursor=next_cursor, per_page=size)
    return {"per_page": size, "_links": links, "_embedded": {key: items}}


def collection(key, query, id_column, serialize):
    """The requested page of `query` (a select of one entity or of ids, filtered) ordered by
    `id_column`: OSDI's page, or the cursor's when the request sends `cursor`. `serialize` turns a
    list of rows into the list of resources."""
    if is_cursor_request():
        after, size = cursor_after(serializers.read_cursor), per_page(CURSOR_MAX)
        rows = db.session.scalars(query.where(id_column > after).order_by(id_column).limit(size + 1)).all()
        more = len(rows) > size
        rows = rows[:size]
        next_cursor = serializers.cursor_for(_id_of(rows[-1])) if more else None
        return cursor_body(key, serialize(rows), size, next_cursor)
    number, size = page_number(), per_page(PAGE_MAX)
    total = count(query)
    offset = (number - 1) * size
    rows = (db.session.scalars(query.order_by(id_column).offset(offset).limit(size)).all()
            if offset < total else [])
    return page_body(key, serialize(rows), number, size, total)


def _id_of(row):
    return row if isinstance(row, int) else row.id
