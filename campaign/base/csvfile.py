"""Every CSV the product writes (exports, partners' downloads, letters' signatories, delivery
attachments and packets) is written here, with cells a spreadsheet would run as formulas defused.

A cell whose text starts with `=`, `+`, `-`, `@`, a tab or a carriage return is written with a
single quote `'` in front (the OWASP advice against CSV injection): spreadsheets then show it as
text. Nothing else is changed, so every other value reads back exactly; to restore a defused
value, drop the leading `'` of a cell whose second character is one of those six.

Defusing is decided per kind of column: a column named in ADDRESS_COLUMNS holds an email
address, checked when it was typed (addresses.checked refuses one that starts with `=`), and
is written exactly as kept, so a valid `+eve@example.org` stays an address. PostgreSQL's COPY
engine (exports.copy_out) follows the same rules and writes the same bytes.
"""
import csv

from flask import Response, stream_with_context

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"
# Columns of email addresses (validated on input): never defused.
ADDRESS_COLUMNS = frozenset({"email"})


def neutralise(value):
    """The cell text for `value`: '' for None, a string, defused when it starts like a formula."""
    if value is None:
        return ""
    if value is True or value is False:
        return "yes" if value else "no"
    text = value if isinstance(value, str) else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def as_address(value):
    """The cell text of an address column: the address as kept, never defused."""
    return "" if value is None else str(value)


def cell_writers(header):
    """For each column of `header`, the function from a value to its cell text."""
    return [as_address if name in ADDRESS_COLUMNS else neutralise for name in header]


def starts_like_formula_sql(columns):
    """SQL, the same on PostgreSQL and SQLite, true when any of the text `columns` starts like a
    formula: the expression of a generated column, which the database keeps right on every write
    (see Signature.starts_like_formula)."""
    starts = ", ".join(f"'{start}'" for start in FORMULA_STARTS)
    return " OR ".join(f"substr({name}, 1, 1) IN ({starts})" for name in columns)


class _Echo:
    """A file-like object whose write() returns what it is given, for csv.writer."""

    def write(self, text):
        return text


def stream(header, rows, excel=False, batch=500):
    """Yield the CSV text of `header` and `rows` (sequences of values) in chunks of `batch` rows;
    returns how many rows it wrote.

    UTF-8 with CRLF line ends (RFC 4180: with LF ends, Python's csv would leave a lone CR inside
    a cell unquoted); with `excel`, a byte-order mark too, without which Excel reads UTF-8 as
    its legacy code page.
    """
    writer = csv.writer(_Echo(), lineterminator="\r\n")
    cells = cell_writers(header)
    first = writer.writerow([neutralise(name) for name in header])
    yield (BOM + first if excel else first).encode("utf-8")
    chunk, written = [], 0
    for row in rows:
        chunk.append(writer.writerow([cell(value) for cell, value in zip(cells, row, strict=False)]))
        if len(chunk) >= batch:
            yield "".join(chunk).encode("utf-8")
            written += len(chunk)
            chunk = []
    if chunk:
        yield "".join(chunk).encode("utf-8")
    return written + len(chunk)


def file_bytes(header, rows):
    """The whole CSV of `header` and `rows` as bytes, for an attachment or a file in a zip."""
    return b"".join(stream(header, rows))


def response(chunks, filename):
    """A download of the CSV bytes `chunks` (streamed) as `filename`: never cached, never sniffed."""
    return Response(stream_with_context(chunks), mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="{filename}"',
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
    })
