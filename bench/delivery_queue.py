"""Bench: queue a delivery of a million-signature petition to all 535 offices (PostgreSQL).

Builds what a delivery reads: the petition's state and district tallies as a million confirmed
signers spread over every district would leave them (16 shards each), the 537 members of
Congress from the real legislators file, and one email address per office. It inserts no
signature rows: queueing reads only the kept tallies, which is what is measured. Rendering each
message (done later by the outbox worker) reads the same tallies; its signers' CSV does read
that office's signature rows, which this bench does not build.

    BENCH_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/bench_delivery \
        .venv/bin/python bench/delivery_queue.py
"""
import os
import time
from pathlib import Path

from flask_migrate import upgrade
from sqlalchemy import create_engine, insert, text

SIGNATURES = 1_000_000
ROOT = Path(__file__).resolve().parents[1]
LEGISLATORS = ROOT.parent / "shared" / "data" / "congress" / "legislators-current.yaml"


def main():
    url = os.environ.get("BENCH_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/bench_delivery")
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    os.environ["CAMPAIGN_ENV"] = "testing"
    from campaign import create_app
    from campaign.base.extensions import db
    from campaign.core.geo.districts import STATEWIDE
    from campaign.core.petitions.models import Petition
    from campaign.core.signatures.models import DistrictTally, SignatureTally
    from campaign.core.targets.congress import read_members
    from campaign.core.targets.models import Target, TargetContact
    from campaign.core.targets.operations import import_members
    from campaign.features.deliveries import operations
    from campaign.features.deliveries.models import Delivery, Selection

    app = create_app({"SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        upgrade()
        petition = Petition(slug="bench", title="Bench", body_markdown="x", body_html="x", target_text="x")
        db.session.add(petition)
        import_members(read_members(LEGISLATORS))
        db.session.flush()
        targets = db.session.scalars(db.select(Target)).all()
        db.session.add_all(TargetContact(target_id=t.id, email=f"office-{t.bioguide_id.lower()}@house.example")
                           for t in targets)
        seats = sorted({(t.state, t.district) for t in targets if t.district is not None})
        per_seat = SIGNATURES // len(seats)
        state_rows, district_rows = {}, []
        for state, district in seats:
            for shard in range(16):
                confirmed, possible = per_seat // 16, per_seat // 160
                district_rows += [
                    dict(petition_id=petition.id, state=state, district=district, is_possible=False, shard=shard,
                         count=confirmed),
                    dict(petition_id=petition.id, state=state, district=district, is_possible=True, shard=shard,
                         count=possible),
                ]
                state_rows[(state, shard)] = state_rows.get((state, shard), 0) + confirmed
        for (state, shard), count in state_rows.items():
            district_rows.append(dict(petition_id=petition.id, state=state, district=STATEWIDE, is_possible=False,
                                      shard=shard, count=count))
        db.session.execute(insert(DistrictTally), district_rows)
        db.session.execute(insert(SignatureTally), [
            dict(petition_id=petition.id, region=state, shard=shard, count=count)
            for (state, shard), count in state_rows.items()])
        db.session.commit()
        total = sum(state_rows.values())
        print(f"tallies: {len(district_rows) + len(state_rows)} rows for {total:,} confirmed signers "
              f"in {len(seats)} House seats; {len(targets)} members with one address each")

        for selection in (Selection.HOUSE, Selection.MIN_CONSTITUENTS):
            delivery = Delivery(action_kind="petition", action_id=petition.id, subject="{total} signed",
                                message="Dear {target_name}, {constituents} constituents.", selection=selection,
                                min_constituents=1)
            db.session.add(delivery)
            db.session.commit()
            started = time.perf_counter()
            count = operations.queue(delivery)
            db.session.commit()
            print(f"queue to {selection.value}: {count} messages queued and committed in "
                  f"{time.perf_counter() - started:.2f} s")
        delivery = Delivery(action_kind="petition", action_id=petition.id, subject="s", message="m",
                            selection=Selection.SENATE)
        db.session.add(delivery)
        db.session.flush()
        senate = operations.queue(delivery)
        db.session.commit()
        print(f"queue to the Senate: {senate} messages")
        from campaign.features.deliveries import actions, messages
        started = time.perf_counter()
        results = actions.get("petition").results(petition.id)
        for target in targets:
            messages.packet(delivery, target, results)
        print(f"message text with aggregates for all {len(targets)} members: {time.perf_counter() - started:.2f} s "
              "(the worker does this per message at send time)")


if __name__ == "__main__":
    main()
