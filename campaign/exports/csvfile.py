"""CSV written row by row into a stream, with cells a spreadsheet would run as formulas defused.

A cell whose text starts with `=`, `+`, `-`, `@`, a tab or a carriage return is written with a
single quote `'` in front (the OWASP advice against CSV injection): spreadsheets then show it as
text. Nothing else is changed, so every other value reads back exactly; to restore a defused
value, drop the leading `'` of a cell whose second character is one of those six.
"""
import csv

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def neutralise(value):
    """The cell text for `value`: '' for None, a string, defused when it starts like a formula."""
    if value is None:
        return ""
    if value is True or value is False:
        return "yes" if value else "no"
    text = value if isinstance(value, str) else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


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
    first = writer.writerow([neutralise(name) for name in header])
    yield (BOM + first if excel else first).encode("utf-8")
    chunk, written = [], 0
    for row in rows:
        chunk.append(writer.writerow([neutralise(value) for value in row]))
        if len(chunk) >= batch:
            yield "".join(chunk).encode("utf-8")
            written += len(chunk)
            chunk = []
    if chunk:
        yield "".join(chunk).encode("utf-8")
    return written + len(chunk)
