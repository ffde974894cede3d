"""SQLite connection settings for the embedded default database.

SQLite serialises writers. Each connection waits for the write lock instead of failing at once,
uses the write-ahead log so readers never wait for a writer, enforces foreign keys, and starts
every transaction with BEGIN IMMEDIATE so a transaction that reads and then writes cannot fail
half-way with "database is locked" (except those that only read; see read_only_transaction).
"""
from sqlalchemy import event


def configure(engine):
    """Install the connection settings on `engine` when it is a SQLite engine."""
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, connection_record):
        dbapi_connection.isolation_level = None  # SQLAlchemy, not pysqlite, begins transactions
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA busy_timeout = 30000")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection):
        connection.exec_driver_sql(f"BEGIN {connection.get_execution_options().get(BEGIN_OPTION, 'IMMEDIATE')}")


# A transaction that only reads, and may stay open a while (a streamed export), says so with
# `read_only_transaction()`: it begins DEFERRED, and with the write-ahead log never blocks writers.
BEGIN_OPTION = "sqlite_begin"


def read_only_transaction():
    """Execution options for a session's next transaction, when it will only read."""
    return {BEGIN_OPTION: "DEFERRED"}
