"""Reading the unitedstates/congress-legislators files (legislators-current.yaml or .csv)."""
import re
from dataclasses import dataclass

import yaml

from campaign.base.import_files import BadFile, csv_rows

from .models import TargetKind

BIOGUIDE = re.compile(r"^[A-Z]\d{6}$")
KINDS = {"sen": TargetKind.SENATOR, "rep": TargetKind.REPRESENTATIVE}
CSV_COLUMNS = ("type", "state", "district", "bioguide_id")


@dataclass
class Member:
    bioguide_id: str
    kind: TargetKind
    name: str
    state: str
    district: int | None
    party: str
    phone: str
    address: str
    contact_form: str


def read_members(path):
    """[Member] from a YAML or CSV legislators file, or BadFile naming the first bad line."""
    if str(path).lower().endswith(".csv"):
        members = list(_from_csv(path))
    else:
        members = list(_from_yaml(path))
    if not members:
        raise BadFile(path, 1, "the file lists no members")
    seen = {}
    for line, member in members:
        if member.bioguide_id in seen:
            raise BadFile(path, line, f"bioguide id {member.bioguide_id} is listed twice "
                                      f"(first on line {seen[member.bioguide_id]})")
        seen[member.bioguide_id] = line
    return [member for _, member in members]


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """A safe loader that notes on which line each mapping starts."""

    def construct_mapping(self, node, deep=False):
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        return mapping


def _from_yaml(path):
    try:
        with open(path, encoding="utf-8") as file:
            # B506 accepted: _LineLoader is a SafeLoader; it only records line numbers
            entries = yaml.load(file, Loader=_LineLoader)  # nosec B506
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise BadFile(path, mark.line + 1 if mark else 1,
                      f"not valid YAML ({getattr(error, 'problem', error)})") from None
    except UnicodeDecodeError:
        raise BadFile(path, 1, "not UTF-8 text") from None
    if not isinstance(entries, list):
        raise BadFile(path, 1, "expected a list of legislators (legislators-current.yaml)")
    for entry in entries:
        line = entry.get("__line__", 1) if isinstance(entry, dict) else 1
        if not isinstance(entry, dict) or not isinstance(entry.get("terms"), list) or not entry["terms"]:
            raise BadFile(path, line, "a legislator without terms")
        ids, name, term = entry.get("id") or {}, entry.get("name") or {}, entry["terms"][-1]
        full_name = name.get("official_full") or " ".join(p for p in (name.get("first"), name.get("last")) if p)
        yield line, _member(path, line, {
            "bioguide_id": ids.get("bioguide"), "type": term.get("type"), "name": full_name,
            "state": term.get("state"), "district": term.get("district"), "party": term.get("party"),
            "phone": term.get("phone"), "address": term.get("address"), "contact_form": term.get("contact_form"),
        })


def _from_csv(path):
    for line, row in csv_rows(path, CSV_COLUMNS, "legislators-current.csv"):
        full_name = row.get("full_name") or " ".join(p for p in (row.get("first_name"), row.get("last_name")) if p)
        yield line, _member(path, line, {**row, "name": full_name})


def _member(path, line, fields):
    """A checked Member from one legislator's fields."""
    def text(name, limit):
        value = fields.get(name)
        return ("" if value is None else str(value)).strip()[:limit]

    bioguide_id = text("bioguide_id", 20)
    if not BIOGUIDE.match(bioguide_id):
        raise BadFile(path, line, f"bioguide id {bioguide_id!r} is not like C000127")
    kind = KINDS.get(text("type", 10))
    if kind is None:
        raise BadFile(path, line, f"type {text('type', 10)!r} is neither sen nor rep")
    state = text("state", 10)
    if not re.fullmatch(r"[A-Z]{2}", state):
        raise BadFile(path, line, f"state {state!r} is not a two-letter code")
    district = None
    if kind is TargetKind.REPRESENTATIVE:
        raw = text("district", 10)
        if not re.fullmatch(r"\d{1,2}", raw):
            raise BadFile(path, line, f"district {raw!r} of a representative is not a number (0 for at-large)")
        district = int(raw)
    name = text("name", 200)
    if not name:
        raise BadFile(path, line, "a legislator without a name")
    return Member(bioguide_id, kind, name, state, district, text("party", 60), text("phone", 40),
                  text("address", 300), text("contact_form", 300))
