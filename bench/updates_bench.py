"""Bench: an update mailed to 100,000 signers (PostgreSQL): seconds to queue it, and the latency of
confirmation mail while its 100,000 messages are being sent.

Fills a petition with 300,000 confirmed signatures, a third of which agreed to updates (100,000
recipients), and some pending ones whose confirmations are the probes. Then:

1. Baseline (after a 3-second warm-up): with `BENCH_MAIL_WORKERS` `flask outbox work` processes
   (`OUTBOX_CONNECTIONS` each)
   sending to a local aiosmtpd that accepts at once (mail_sink.py), one confirmation mail is
   queued every `BENCH_PROBE_INTERVAL` seconds for `BENCH_PROBE_SECONDS`, as signing queues it;
   its latency is from the row's `created_at` to its `sent_at` (the sink accepted it).
2. The update is queued to the 100,000 (`updates.operations.mail`, then commit: timed), and the
   same probes run while the workers send it. Printed: seconds to queue; the confirmations'
   latency p50 / p99 / max in both phases; how many of the update's messages were sent meanwhile.

    BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/bench_updates .venv/bin/python bench/updates_bench.py

It empties the database's schema first: never point it at real data.
"""
import os
import statistics
import sys
import time

os.environ.setdefault("BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/bench_updates")

from harness import app_env, ensure_database, fill_signatures, sql  # noqa: E402
from load import create_petition  # noqa: E402
from mail_bench import mail_sink, outbox_connections, outbox_workers, wait_for  # noqa: E402

RECIPIENTS = int(os.environ.get("BENCH_UPDATE_RECIPIENTS", "100000"))
MAIL_WORKERS = int(os.environ.get("BENCH_MAIL_WORKERS", "3"))
PROBE_SECONDS = float(os.environ.get("BENCH_PROBE_SECONDS", "20"))
PROBE_INTERVAL = float(os.environ.get("BENCH_PROBE_INTERVAL", "0.2"))


def probe(app, pending_ids, seconds=PROBE_SECONDS):
    """Queue a confirmation every PROBE_INTERVAL for `seconds`; returns the outbox ids."""
    from campaign.base.extensions import db
    from campaign.base.outbox.operations import enqueue

    ids, end = [], time.monotonic() + seconds
    with app.app_context():
        while time.monotonic() < end and pending_ids:
            ids.append(enqueue("signature.confirm", f"probe{len(ids)}@example.org", signature_id=pending_ids.pop()))
            db.session.commit()
            time.sleep(PROBE_INTERVAL)
        db.session.remove()
    return ids


def latencies(ids):
    """Seconds from queued to sent of the probes (waiting up to a minute for the last of them)."""
    listed = ",".join(str(i) for i in ids)
    wait_for(lambda: sql(f"SELECT count(*) FROM outbox_messages WHERE id IN ({listed}) AND status = 'sent'")[0][0]
             == len(ids), timeout=60)
    return sorted(row[0] for row in sql(
        f"SELECT extract(epoch FROM sent_at - created_at) FROM outbox_messages"
        f" WHERE id IN ({listed}) AND sent_at IS NOT NULL"))


def described(values):
    if not values:
        return "none sent"
    p99 = values[min(len(values) - 1, int(len(values) * 0.99))]
    return f"p50 {statistics.median(values):.2f} s, p99 {p99:.2f} s, max {values[-1]:.2f} s ({len(values)} probes)"


def main():
    ensure_database()
    app, petition_id = create_petition(slug="updates-bench")
    fill_signatures(petition_id, RECIPIENTS * 3, "signer")  # mod(g, 3) = 0 agreed: RECIPIENTS of them
    fill_signatures(petition_id, 5000, "pending", state="pending")
    pending_ids = [row[0] for row in sql("SELECT id FROM signatures WHERE state = 'pending' ORDER BY id")]
    os.environ.update(app_env())
    from campaign.base.extensions import db
    from campaign.features.updates import operations
    from campaign.features.updates.models import Update

    connections = outbox_connections(app)
    print(f"updates: {RECIPIENTS:,} recipients among {RECIPIENTS * 3:,} confirmed signers; "
          f"{MAIL_WORKERS} workers × {connections} connections", flush=True)
    with mail_sink() as (port, sink), outbox_workers(MAIL_WORKERS, port, connections):
        latencies(probe(app, pending_ids, seconds=3))  # warm-up: every worker has claimed and sent
        baseline = latencies(probe(app, pending_ids))
        print(f"confirmations, nothing else queued: {described(baseline)}", flush=True)
        with app.app_context():
            update = Update(action_kind="petition", action_id=petition_id, title="Delivered", body_markdown="We did.",
                            body_html="<p>We did.</p>")
            db.session.add(update)
            db.session.commit()
            started = time.perf_counter()
            count = operations.mail(update)
            db.session.commit()
            seconds = time.perf_counter() - started
            update_id = update.id
            db.session.remove()
        print(f"queue: {count:,} messages in {seconds:.2f} s ({count / seconds:,.0f} a second)", flush=True)
        during = latencies(probe(app, pending_ids))
        sent = sql(f"SELECT count(*) FROM outbox_messages o JOIN update_recipients r ON r.outbox_message_id = o.id "
                   f"WHERE r.update_id = {update_id} AND o.status = 'sent'")[0][0]
        print(f"confirmations while the update sends: {described(during)}", flush=True)
        print(f"update messages sent by then: {sent:,} of {count:,}", flush=True)
    if count != RECIPIENTS:
        sys.exit(f"expected {RECIPIENTS:,} recipients, queued {count:,}")


if __name__ == "__main__":
    main()
