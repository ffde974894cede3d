"""SQLite connection settings for the embedded default database.

SQLite serialises writers. Each connection waits for the write lock instead of failing at once,
uses the write-ahead log so readers never wait for a writer, enforces foreign keys, and starts
every transaction with BEGIN IMMEDIATE so a transaction that reads and then writes cannot fail
half-way with "database is locked".
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
        connection.exec_driver_sql("BEGIN IMMEDIATE")
