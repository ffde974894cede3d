"""Column types shared by every domain's models."""
from sqlalchemy import BigInteger, Enum, Integer

# 64-bit ids on PostgreSQL; SQLite's rowid alias must be spelled INTEGER.
BigId = BigInteger().with_variant(Integer, "sqlite")


def enum_type(enum_class, length=20):
    """Store an enum as its string value (a VARCHAR, so new states need no type migration)."""
    return Enum(
        enum_class,
        native_enum=False,
        length=length,
        values_callable=lambda members: [member.value for member in members],
    )
