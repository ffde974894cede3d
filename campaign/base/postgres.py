"""PostgreSQL's hot path: connections in autocommit, and statements the driver runs itself.

Signing a petition on PostgreSQL is one statement (signatures.operations), and in autocommit it
is its own transaction: one round trip. What was left was SQLAlchemy's work around it. For each
call, `Connection.execute()` finds the compiled statement in its cache, builds every one of its
thirty parameters through generic machinery, begins and ends a transaction (even in
autocommit) and builds a result object. A DriverStatement compiles once per dialect and finds
which parameters need converting (an enum, a timestamp, an array); a call converts those few and
hands the SQL to psycopg: the write fell from 1.11 M to 0.61 M instructions a signature, a
tenth of the whole request (bench/README).

Errors come out as SQLAlchemy's (an IntegrityError for a unique constraint, and so on), and a
connection found broken is dropped, with the rest of its pool, as SQLAlchemy itself does after a
database restart. SQLAlchemy's events and statement log do not see such a statement.
It reads compiled statements' internals (`bind_names`, a bind's `effective_value`), which is why
pyproject.toml keeps SQLAlchemy below its next minor version.
"""
from functools import cache

from sqlalchemy.exc import DBAPIError

AUTOCOMMIT = "AUTOCOMMIT"


@cache
def autocommit(engine):
    """`engine` (sharing its pool) with each connection in autocommit: a statement is its own
    transaction, with no BEGIN or COMMIT to send."""
    return engine.execution_options(isolation_level=AUTOCOMMIT)


class DriverStatement:
    """A Core statement run by psycopg itself on a connection in autocommit (see the module).

    On any other connection (one in a transaction, or SQLite) it is run by `Connection.execute()`
    as usual, so one statement serves both."""

    def __init__(self, statement):
        self.statement = statement
        self._forms = {}

    def first_row(self, connection, parameters):
        """The first row the statement returns, run on `connection` with `parameters` (by name)."""
        if connection.get_execution_options().get("isolation_level") != AUTOCOMMIT:
            return connection.execute(self.statement, parameters).first()
        sql, constants, converters = self._compiled(connection.dialect)
        values = {**constants, **parameters}
        for name, convert in converters:
            values[name] = convert(values[name])
        driver = connection.connection.driver_connection
        try:
            return driver.execute(sql, values).fetchone()
        except connection.dialect.loaded_dbapi.Error as error:
            raise _translated(connection, error, sql, values) from error

    def _compiled(self, dialect):
        """(SQL, the statement's own constant parameters, converters of the rest), per dialect."""
        form = self._forms.get(dialect)
        if form is None:
            compiled = self.statement.compile(dialect=dialect)
            constants, converters = {}, {}
            for bind, name in compiled.bind_names.items():
                convert = converter(bind, dialect)
                if not bind.required:  # a value of the statement's own (a literal)
                    constants[name] = convert(bind.effective_value) if convert else bind.effective_value
                elif convert is not None:
                    converters[name] = convert
            form = self._forms[dialect] = (compiled.string, constants, tuple(converters.items()))
        return form


def converter(bind, dialect):
    """What SQLAlchemy does to a value of the parameter `bind` before the driver sees it (an enum
    to its stored value, a time to UTC...), as a function; None when its type does nothing."""
    return bind.type.dialect_impl(dialect).bind_processor(dialect)


def _translated(connection, error, sql, values):
    """The SQLAlchemy exception for psycopg's `error`; a lost connection invalidates the pool."""
    dialect = connection.dialect
    lost = dialect.is_disconnect(error, connection.connection.driver_connection, None)
    if lost:
        # Every connection of the pool is likely as dead (a restart): start afresh, as
        # SQLAlchemy does when it meets a lost connection itself.
        connection.invalidate(error)
        connection.engine.dispose()
    return DBAPIError.instance(sql, values, error, dialect.loaded_dbapi.Error, connection_invalidated=lost,
                               dialect=dialect)
