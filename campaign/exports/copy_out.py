"""PostgreSQL's own COPY as the export's engine: the same file as csvfile.stream, written by the server.

The preset's cells become SQL expressions over the export's SELECT (booleans as yes/no, times as
ISO 8601 in UTC, formulas defused with a leading quote, exactly as csvfile.neutralise does), and
`COPY (…) TO STDOUT WITH (FORMAT csv)` streams them. PostgreSQL sends one row a message and ends
each with LF; the row's end becomes CRLF, as in csvfile.stream. Values inside cells are left as
they are, so every value reads back the same as from the Python writer.
"""
from sqlalchemy import Boolean, DateTime, String, case, cast, func, literal, select

from ..extensions import db
from .csvfile import BOM, FORMULA_STARTS, neutralise

ROWS_PER_CHUNK = 1000


# The first characters of a formula, as character codes: ascii() is far cheaper than left().
_FORMULA_CODES = [ord(start) for start in FORMULA_STARTS]


def _cell(column):
    """The text of `column` as csvfile.neutralise writes it."""
    if isinstance(column.type, Boolean):
        return case((column.is_(True), "yes"), (column.is_(False), "no"))
    if isinstance(column.type, DateTime) or isinstance(getattr(column.type, "impl", None), DateTime):
        # presets.export_time: the ISO text of the UTC time (DateStyle is ISO, see stream());
        # far cheaper than to_char. A time never starts like a formula.
        return func.replace(cast(func.timezone("UTC", column), String), " ", "T") + "+00:00"
    text = cast(column, String)
    return case((func.ascii(text).in_(_FORMULA_CODES), literal("'") + text), else_=text)


def stream(header, query, fields, excel=False):
    """Yield the CSV bytes of `query` (a SELECT with labelled columns), cells `fields` in order."""
    source = query.subquery()
    cells = select(*(_cell(source.c[name]).label(name) for name in fields))
    dialect = db.session.get_bind().dialect
    compiled = cells.compile(dialect=dialect, compile_kwargs={"render_postcompile": True})
    head = ",".join(_header_cell(name) for name in header) + "\r\n"
    yield ((BOM if excel else "") + head).encode("utf-8")
    connection = db.session.connection()
    connection.exec_driver_sql("SET LOCAL DateStyle = 'ISO'")  # the time format of export_time
    cursor = connection.connection.driver_connection.cursor()
    params = _bound_values(compiled, dialect)
    with cursor.copy(f"COPY ({compiled.string}) TO STDOUT WITH (FORMAT csv)", params) as copy:
        chunk = []
        for row in copy:
            chunk.append(bytes(row[:-1]) + b"\r\n")  # each message is one row ending in LF
            if len(chunk) >= ROWS_PER_CHUNK:
                yield b"".join(chunk)
                chunk = []
        if chunk:
            yield b"".join(chunk)


def _bound_values(compiled, dialect):
    """The statement's parameters as the database stores them (an enum as its value, a time in
    UTC): each through its type's bind processor, as SQLAlchemy does when it executes."""
    values = {}
    for name, value in compiled.params.items():
        bind = compiled.binds[name if name in compiled.binds else name.rsplit("_", 1)[0]]  # or an expanded IN list
        process = bind.type.bind_processor(dialect)
        values[name] = process(value) if process else value
    return values


def _header_cell(name):
    text = neutralise(name)
    if any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text
