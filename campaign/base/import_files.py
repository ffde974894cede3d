"""Reading import files: CSV rows with their line numbers, and the error for a bad file."""
import csv

import click


class BadFile(click.ClickException):
    """An import file that cannot be read; nothing has been written."""

    def __init__(self, path, line, message):
        super().__init__(f"{path}, line {line}: {message}. Nothing was imported.")


def csv_rows(path, columns, expected):
    """Yield (line number, row dict) of a UTF-8 CSV file whose header has `columns`; BadFile otherwise.

    `expected` names the format in the message, e.g. "state_fips,state_abbr,zcta,cd".
    """
    try:
        with open(path, newline="", encoding="utf-8-sig") as file:
            reader = csv.DictReader(file)
            missing = [name for name in columns if name not in (reader.fieldnames or ())]
            if missing:
                raise BadFile(path, 1, f"the header lacks {', '.join(missing)} (expected {expected})")
            for row in reader:
                yield reader.line_num, {key: (value or "").strip() for key, value in row.items() if key}
    except UnicodeDecodeError:
        raise BadFile(path, 1, "not UTF-8 text") from None
