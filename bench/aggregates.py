"""Case 5 of `make bench`: the per-district numbers a delivery needs, for a million-signature petition.

A million confirmed signatures (real rows, each with its district and state assignment) are
counted into the kept tallies the way confirmations count them; then the aggregates a delivery
reads are timed: the petition's counts per state, per district, and each of 535 offices' own
confirmed and possible constituents. None of them reads a signature row.
"""
import os
import statistics
import sys
import time

from harness import DATABASE_URL, STATES, app_env, ensure_database, fill_signatures, sql

SIGNATURES = int(os.environ.get("BENCH_AGGREGATE_ROWS", "1000000"))


def main():
    ensure_database()
    os.environ.update(app_env())
    from campaign import create_app
    from campaign.base.extensions import db
    from campaign.base.markdown import render
    from campaign.core.geo.districts import STATEWIDE
    from campaign.core.petitions.models import Petition
    from campaign.core.signatures import tallies

    app = create_app()
    with app.app_context():
        petition = Petition(slug="aggregates", title="Aggregates", target_text="Congress", body_markdown="x",
                            body_html=render("x"))
        db.session.add(petition)
        petition.open()
        db.session.commit()
        petition_id = petition.id
    started = time.perf_counter()
    fill_signatures(petition_id, SIGNATURES, "agg", with_districts=True)
    # Count them as confirmations do, in one pass: the same tallies, 16 shards each.
    sql("""INSERT INTO signature_tallies (petition_id, region, shard, count, updated_at)
           SELECT petition_id, region, mod(id, 16), count(*), now() FROM signatures WHERE petition_id = %s
           GROUP BY petition_id, region, mod(id, 16)""", petition_id)
    sql("""INSERT INTO district_tallies (petition_id, state, district, is_possible, shard, count, updated_at)
           SELECT d.petition_id, d.state, d.district, d.is_possible, mod(d.signature_id, 16), count(*), now()
           FROM signature_districts d WHERE d.petition_id = %s
           GROUP BY d.petition_id, d.state, d.district, d.is_possible, mod(d.signature_id, 16)""", petition_id)
    print(f"loaded {SIGNATURES:,} signatures with their districts and tallies in {time.perf_counter() - started:.0f} s")

    # 435 House seats and 50 states, as a delivery to every office reads them.
    seats = [(state, district) for state in STATES for district in range(1, 10)][:435]
    seats += [(state, STATEWIDE) for state in STATES]
    with app.app_context():
        def timed(function, repeat=50):
            times = []
            for _ in range(repeat):
                begun = time.perf_counter()
                function()
                times.append((time.perf_counter() - begun) * 1000)
                db.session.rollback()
            return statistics.median(times), max(times)

        regions, total, _ = tallies.by_region(petition_id)
        assert total == SIGNATURES, (total, SIGNATURES)
        figures = {
            "counts per state (the public JSON's by_state)": timed(lambda: tallies.by_region(petition_id)),
            "counts per district and state, every seat": timed(lambda: tallies.by_district(petition_id)),
            "one office's confirmed and possible constituents": timed(
                lambda: tallies.district_counts(petition_id, "NY", 3), repeat=500),
        }
        begun = time.perf_counter()
        for state, district in seats:
            tallies.district_counts(petition_id, state, district)
        all_offices = (time.perf_counter() - begun) * 1000
    print(f"{'aggregate':52} {'median':>10} {'max':>10}")
    for name, (median, worst) in figures.items():
        print(f"{name:52} {median:8.2f} ms {worst:8.2f} ms")
    print(f"{'every office one by one (' + str(len(seats)) + ' queries)':52} {all_offices:8.0f} ms in all")
    worst_median = max(median for median, _ in figures.values())
    if worst_median >= 20:
        print(f"PROBLEM: an aggregate took {worst_median:.1f} ms (goal: under 20 ms)")
        sys.exit(1)
    print(f"checks: the tallies hold all {SIGNATURES:,} signatures; every aggregate under 20 ms ({DATABASE_URL})")


if __name__ == "__main__":
    main()
