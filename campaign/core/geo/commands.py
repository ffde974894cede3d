"""`flask geo ...`: import the ZIP-area to district crosswalk and re-assign signers' districts."""
import re
from collections import defaultdict

import click
from flask.cli import with_appcontext
from sqlalchemy import delete, func, insert, select

from campaign.base import caches
from campaign.base.extensions import db
from campaign.base.import_files import BadFile, csv_rows
from campaign.core.signatures import tallies
from campaign.core.signatures.models import Signature, SignatureDistrict
from campaign.core.signatures.operations import district_rows

from .districts import CROSSWALK_GENERATION
from .models import ZipDistrict
from .zip_states import zip5

group = click.Group("geo", help="ZIP codes, states and congressional districts.")

ZCCD_COLUMNS = ("state_fips", "state_abbr", "zcta", "cd")
BATCH = 5000


def read_zccd(path):
    """{(zcta, state, district)} from a zccd.csv file, or BadFile naming the first bad line."""
    rows = set()
    for line, row in csv_rows(path, ZCCD_COLUMNS, ",".join(ZCCD_COLUMNS)):
        zcta, state, cd = row["zcta"], row["state_abbr"], row["cd"]
        if not re.fullmatch(r"\d{5}", zcta):
            raise BadFile(path, line, f"zcta {zcta!r} is not five digits")
        if not re.fullmatch(r"[A-Z]{2}", state):
            raise BadFile(path, line, f"state_abbr {state!r} is not a two-letter state code")
        if not re.fullmatch(r"\d{1,2}", cd):
            raise BadFile(path, line, f"cd {cd!r} is not a district number (0 for at-large)")
        rows.add((zcta, state, int(cd)))
    if not rows:
        raise BadFile(path, 2, "the file has no rows")
    return rows


@group.command("import-zccd")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@with_appcontext
def import_zccd(path):
    """Replace the ZIP-area to district crosswalk with FILE (state_fips,state_abbr,zcta,cd)."""
    rows = read_zccd(path)
    db.session.execute(delete(ZipDistrict))
    db.session.execute(insert(ZipDistrict), [{"zcta": z, "state": s, "district": d} for z, s, d in sorted(rows)])
    caches.bump(CROSSWALK_GENERATION)  # every server's copy of the old crosswalk goes with this commit
    db.session.commit()
    caches.clear_all()
    per_zcta = defaultdict(int)
    for zcta, _, _ in rows:
        per_zcta[zcta] += 1
    split = sum(1 for n in per_zcta.values() if n > 1)
    click.echo(f"geo: {len(rows)} rows, {len(per_zcta)} ZIP areas, {split} of them in more than one district.")
    click.echo("Run `flask geo assign-districts` to re-assign the districts of existing signatures. "
               f"Running servers use the new crosswalk within {caches.GENERATION_CHECK_SECONDS} seconds.")


@group.command("assign-districts")
@with_appcontext
def assign_districts():
    """Re-assign every signature's districts from the crosswalk and recount the district tallies."""
    crosswalk = defaultdict(list)
    for zcta, state, district in db.session.execute(select(ZipDistrict.zcta, ZipDistrict.state, ZipDistrict.district)):
        crosswalk[zcta].append((state, district))
    db.session.execute(delete(SignatureDistrict))
    last_id, signatures, rows_written = 0, 0, 0
    while True:
        batch = db.session.execute(
            select(Signature.id, Signature.petition_id, Signature.region, Signature.postcode, Signature.country)
            .where(Signature.id > last_id).order_by(Signature.id).limit(BATCH)
        ).all()
        if not batch:
            break
        values = []
        for signature in batch:
            us = signature.country in ("", "US")
            values += district_rows(signature, crosswalk.get(zip5(signature.postcode), []) if us else [])
        if values:
            db.session.execute(insert(SignatureDistrict), values)
        signatures += len(batch)
        rows_written += len(values)
        last_id = batch[-1].id
    tallies.rebuild_districts()
    db.session.commit()
    split = db.session.scalar(
        select(func.count(func.distinct(SignatureDistrict.signature_id))).where(SignatureDistrict.is_possible)
    )
    click.echo(f"geo: {signatures} signatures re-assigned ({rows_written} district rows; {split} in split ZIP areas).")
