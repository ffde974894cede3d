"""Counts in words: "1 organization", "1,204 organizations" (also the Jinja filter `counted`)."""


def counted(count, noun, plural=None):
    """`count` with thousands separators and `noun`, or its plural (`noun` + "s" unless given)."""
    return f"{count:,} {noun if count == 1 else plural or noun + 's'}"
