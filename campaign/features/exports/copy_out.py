"""PostgreSQL's own COPY as the export's engine: the same file as csvfile.stream, written by the server.

The preset's cells become SQL expressions over the export's SELECT (booleans as yes/no, times as
ISO 8601 in UTC, formulas defused with a leading quote, exactly as csvfile.neutralise does;
address columns, csvfile.ADDRESS_COLUMNS, as kept, as csvfile.as_address does), and
`COPY (…) TO STDOUT WITH (FORMAT csv)` streams them. PostgreSQL sends one row a message and ends
each with LF; the row's end becomes CRLF, as in csvfile.stream. Values inside cells are left as
they are, so every value reads back the same as from the Python writer.

The server evaluates each cell's expression a million times in a million-row export, so each is
the cheapest that writes the same text: a column whose values cannot start like a formula (an
enum's fixed values, a non-negative id) is not checked, and a signer's text cells are checked one
by one only in the rare rows whose generated flag says one of them starts like a formula
(Signature.starts_like_formula, named in its table's info).
"""
from sqlalchemy import Boolean, DateTime, Enum, Integer, String, case, cast, func, literal

from campaign.base import postgres
from campaign.base.csvfile import ADDRESS_COLUMNS, BOM, FORMULA_STARTS, neutralise
from campaign.base.extensions import db

ROWS_PER_CHUNK = 1000


# The first characters of a formula, as character codes: ascii() is far cheaper than left().
_FORMULA_CODES = [ord(start) for start in FORMULA_STARTS]


def _cell(column):
    """The text of `column` as csvfile.neutralise writes it."""
    if isinstance(column.type, Boolean):
        return case((column.is_(True), "yes"), (column.is_(False), "no"))
    if isinstance(column.type, DateTime) or isinstance(getattr(column.type, "impl", None), DateTime):
        # presets.export_time: with DateStyle ISO and TimeZone UTC (see stream()) the server's text
        # is `2026-11-26 04:12:00.5+00`; far cheaper than to_char. A time never starts like a formula.
        return func.replace(cast(column, String), " ", "T") + ":00"
    text = cast(column, String)
    if isinstance(column.type, Integer):
        return case((column < 0, literal("'") + text), else_=text)  # only a minus sign starts like a formula
    if isinstance(column.type, Enum) and not any(value.startswith(FORMULA_STARTS) for value in column.type.enums):
        return text
    checked = case((func.ascii(text).in_(_FORMULA_CODES), literal("'") + text), else_=text)
    flag = _formula_flag(column)
    return checked if flag is None else case((flag, checked), else_=text)


def _formula_flag(column):
    """The generated column of `column`'s table that is true when it (or a sibling) starts like a
    formula, or None: a table names it and the columns it covers in info["formula_flag"]."""
    table = getattr(column, "table", None)
    flag, covered = getattr(table, "info", {}).get("formula_flag", (None, ()))
    return table.c[flag] if column.name in covered else None


def stream(header, query, fields, excel=False):
    """Yield the CSV bytes of `query` (a SELECT with labelled columns), cells `fields` in order;
    returns how many rows COPY wrote."""
    # The cells replace the query's own columns (rather than wrapping it as a subquery, a plan
    # node more on every row): its joins, conditions and order stay as they are.
    columns = {column.name: getattr(column, "element", column) for column in query.selected_columns}
    cells = query.with_only_columns(
        *((cast(columns[name], String) if title in ADDRESS_COLUMNS else _cell(columns[name])).label(name)
          for title, name in zip(header, fields, strict=True)),
        maintain_column_froms=True)
    dialect = db.session.get_bind().dialect
    compiled = cells.compile(dialect=dialect, compile_kwargs={"render_postcompile": True})
    head = ",".join(_header_cell(name) for name in header) + "\r\n"
    yield ((BOM if excel else "") + head).encode("utf-8")
    connection = db.session.connection()
    connection.exec_driver_sql("SET LOCAL DateStyle = 'ISO'")  # the time format of export_time,
    connection.exec_driver_sql("SET LOCAL TimeZone = 'UTC'")  # in UTC, for this transaction only
    cursor = connection.connection.driver_connection.cursor()
    params = _bound_values(compiled, dialect)
    with cursor.copy(f"COPY ({compiled.string}) TO STDOUT WITH (FORMAT csv)", params) as copy:
        yield from _chunks(copy)
    return cursor.rowcount


def _chunks(messages):
    """Yield COPY's `messages` (each one row ending in LF) as chunks of ROWS_PER_CHUNK rows ending in CRLF.

    Each row is appended to the chunk as it arrives, so psycopg's buffer for it is freed at once
    (holding a thousand of them for a join cost about 0.6 s of CPU more in a million-row export),
    and where each row ends is kept for the rare chunk with a line break inside a cell."""
    data, ends = bytearray(), []
    for row in messages:
        data += row
        ends.append(len(data))
        if len(ends) == ROWS_PER_CHUNK:
            yield _crlf(data, ends)
            data, ends = bytearray(), []
    if ends:
        yield _crlf(data, ends)


def _crlf(data, ends):
    """The bytes of `data` with each row (ending at the offsets `ends`, after its LF) ending in CRLF.

    A row's only LF is its end unless a quoted cell holds one; when the chunk's LFs are exactly
    its rows' ends (nearly always), one replace() does every row at C speed."""
    if data.count(b"\n") == len(ends):
        return bytes(data.replace(b"\n", b"\r\n"))
    starts = [0, *ends[:-1]]
    return b"".join(data[start:end - 1] + b"\r\n" for start, end in zip(starts, ends, strict=True))


def _bound_values(compiled, dialect):
    """The statement's parameters as the database stores them (an enum as its value, a time in
    UTC): each through its type's bind processor, as SQLAlchemy does when it executes."""
    values = {}
    for name, value in compiled.params.items():
        bind = compiled.binds[name if name in compiled.binds else name.rsplit("_", 1)[0]]  # or an expanded IN list
        convert = postgres.converter(bind, dialect)
        values[name] = convert(value) if convert else value
    return values


def _header_cell(name):
    text = neutralise(name)
    if any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text
