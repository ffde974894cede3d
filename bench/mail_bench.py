"""`make bench`, the mail cases: 7. the outbox's rate against ceiling M, 8. end to end.

7. Signs as fast as wrk can for a run (the signing rate of this run), then starts
   `BENCH_MAIL_WORKERS` `flask outbox work` processes, each with `OUTBOX_CONNECTIONS` SMTP
   connections, against a local aiosmtpd that accepts at once (mail_sink.py), and times the queue
   being sent. Ceiling M: the same number of the same messages, pre-rendered (kept whole by the
   sink), sent by plain smtplib from as many processes over as many connections (threads). Both
   rates are read at the sink, from its first accepted message to its last.
8. Signs at a fixed rate (`BENCH_SPIKE_RATE`, or 0.6 of the ceiling A measured just before) for
   `BENCH_SPIKE_SECONDS` while the workers send and the sink's clients confirm through the link
   in each message (GET the page, POST its button). Prints the confirmed rate sustained over the
   spike against ceiling A, the time from signing to the mail accepted (p50, p99), and the queue's
   depth sampled every half second.
"""
import argparse
import base64
import json
import multiprocessing
import os
import signal
import smtplib
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from harness import BIN, DATABASE_URL, ROOT, app_env, ensure_database, free_port, gunicorn, ratio, sql, wrk
from load import SLUG, WARM_UP_SECONDS, create_petition, failures, line, run_ceiling_a, run_signing, signing_body

HERE = Path(__file__).resolve().parent
MAIL_WORKERS = int(os.environ.get("BENCH_MAIL_WORKERS", "3"))  # README: three workers on a 2-core server
SPIKE_SECONDS = int(os.environ.get("BENCH_SPIKE_SECONDS", "30"))
CONFIRM_CLIENTS = int(os.environ.get("BENCH_CONFIRM_CLIENTS", "48"))
SPIKE_CONNECTIONS = 32
SAMPLE_SECONDS = 0.5
KEPT_MESSAGES = 200


def outbox_connections(app):
    """SMTP connections per worker: OUTBOX_CONNECTIONS when set, otherwise the 8 the README
    recommends for one 2-core server."""
    return int(os.environ.get("OUTBOX_CONNECTIONS") or 8)


def described(workers, connections):
    return (f"{workers} worker{'s' * (workers != 1)} × {connections} connection{'s' * (connections != 1)}"
            f"{' each' * (workers != 1)}")


def queue_depth():
    return sql("SELECT count(*) FROM outbox_messages WHERE status IN ('queued', 'sending', 'in flight')")[0][0]


@contextmanager
def mail_sink(keep=0, confirm=None, clients=0):
    """Run mail_sink.py; yields (port, result), result filled with its record when it stops."""
    port, result = free_port(), {}
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        arguments = [sys.executable, str(HERE / "mail_sink.py"), str(port), out.name, "--keep", str(keep)]
        if confirm:
            arguments += ["--confirm", confirm, "--clients", str(clients)]
        process = subprocess.Popen(arguments, stdout=subprocess.PIPE, text=True)
        try:
            if process.stdout.readline().strip() != "ready":
                raise RuntimeError("the mail sink did not start")
            yield port, result
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=120)
            result.update(json.loads(Path(out.name).read_text() or "{}"))


@contextmanager
def outbox_workers(count, port, connections):
    """`count` processes of `flask outbox work`, sending to the sink on `port`."""
    # Each names its database connections (libpq's PGAPPNAME), so that the bench can wait until
    # every worker has loaded the app and reached the database: on a busy machine that takes seconds.
    processes = [subprocess.Popen([str(BIN / "flask"), "--app", "wsgi", "outbox", "work"], cwd=ROOT,
                                  env=app_env(MAIL_PORT=port, OUTBOX_CONNECTIONS=connections,
                                              PGAPPNAME=f"bench-outbox-worker-{n}"),
                                  stdout=subprocess.DEVNULL) for n in range(count)]
    try:
        wait_for(lambda: sql("SELECT count(DISTINCT application_name) FROM pg_stat_activity "
                             "WHERE application_name LIKE 'bench-outbox-worker-%'")[0][0] >= count, timeout=120)
        yield processes
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()


def sink_rate(accepted):
    """Messages a second at the sink, from its first accepted message to its last."""
    times = sorted(t for t, _ in accepted)
    return (len(times) - 1) / (times[-1] - times[0]) if len(times) > 1 and times[-1] > times[0] else float("nan")


def _send_share(port, messages, count, threads):
    """One process of ceiling M: `count` messages over `threads` connections of plain smtplib."""
    def send(share, offset):
        with smtplib.SMTP("127.0.0.1", port) as connection:
            for n in range(share):
                sender, recipients, content = messages[(offset + n) % len(messages)]
                connection.sendmail(sender, recipients, content)

    shares = [count // threads + (1 if n < count % threads else 0) for n in range(threads)]
    senders = [threading.Thread(target=send, args=(share, n * 7)) for n, share in enumerate(shares)]
    for sender in senders:
        sender.start()
    for sender in senders:
        sender.join()


def ceiling_m(kept, count, processes, connections):
    """Send `count` of the kept messages through plain smtplib, `processes` × `connections`; the rate."""
    messages = [(sender, recipients, base64.b64decode(content)) for sender, recipients, content in kept]
    shares = [count // processes + (1 if n < count % processes else 0) for n in range(processes)]
    with mail_sink() as (port, sink):
        senders = [multiprocessing.get_context("fork").Process(target=_send_share, args=(port, messages, share,
                                                                                       connections))
                   for share in shares]
        for sender in senders:
            sender.start()
        for sender in senders:
            sender.join()
    return sink_rate(sink["accepted"]), len(sink["accepted"])


def wait_for(condition, timeout, step=0.2):
    """Poll `condition` until true or `timeout` seconds; returns whether it came true."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(step)
    return False


def case_mail(site, seconds, workers, connections):
    """7. The outbox's rate against the signing rate of the same run and against ceiling M."""
    problems = []
    signing = run_signing(site, "mail7", seconds)
    time.sleep(1)  # requests wrk stopped waiting for finish on the server
    queued = queue_depth()
    with mail_sink(keep=KEPT_MESSAGES) as (port, sink):
        begun = time.monotonic()
        with outbox_workers(workers, port, connections):
            drained = wait_for(lambda: queue_depth() == 0, timeout=max(120, queued / 20))
            elapsed = time.monotonic() - begun
    sent, rate = len(sink["accepted"]), sink_rate(sink["accepted"])
    m_rate, m_sent = ceiling_m(sink["kept"], sent, workers, connections)
    setup = described(workers, connections)
    print(line("signing (as fast as wrk can, this run)", signing))
    print(f"{'7. mail: ' + setup:44} {rate:8.0f} msg/s  ({sent} messages of {queued} queued; "
          f"{elapsed:.1f} s from starting the workers to an empty queue)  against signing "
          f"{ratio(rate, signing['rps']):.2f}")
    print(f"{'ceiling M: smtplib, ' + setup:44} {m_rate:8.0f} msg/s  ({m_sent} pre-rendered messages)  "
          f"mail's ratio to ceiling M {ratio(rate, m_rate):.2f}")
    twice = sent - len({recipient for _, recipient in sink["accepted"]})
    if not drained or sent != queued or twice or failures(signing):
        problems.append(f"mail: {queued} queued, {sent} accepted by the sink ({twice} twice), queue emptied: "
                        f"{drained}, {failures(signing)} signing requests failed")
    return problems


def sampler(run, samples, stop):
    """Every half second: (time, queue depth, signatures of `run`, of which confirmed)."""
    while not stop.is_set():
        depth = queue_depth()
        signed, confirmed = sql("SELECT count(*), count(*) FILTER (WHERE state = 'confirmed') FROM signatures "
                                "WHERE email LIKE %s", f"{run}-%")[0]
        samples.append((time.monotonic(), depth, signed, confirmed))
        stop.wait(SAMPLE_SECONDS)


def percentile(values, percent):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * percent / 100))] if values else float("nan")


def case_end_to_end(site, ceilings, seconds, workers, connections):
    """8. Signing at a fixed rate while the workers send and the signers confirm from their mail."""
    problems, run = [], "spike8"
    ceiling = run_ceiling_a(ceilings, "ceiling8", seconds)
    time.sleep(1)
    sql("DELETE FROM outbox_messages")  # the ceiling writes a mail with each signature; nobody's to send
    rate = float(os.environ.get("BENCH_SPIKE_RATE") or 0) or round(0.6 * ceiling["rps"])
    body, cookie = signing_body(site)
    samples, stop = [], threading.Event()
    with mail_sink(confirm=site, clients=CONFIRM_CLIENTS) as (port, sink):
        with outbox_workers(workers, port, connections):
            watcher = threading.Thread(target=sampler, args=(run, samples, stop))
            watcher.start()
            begun = time.monotonic()
            signing = wrk("sign.lua", site, seconds=SPIKE_SECONDS, connections=SPIKE_CONNECTIONS, BENCH_BODY=body,
                          BENCH_COOKIE=cookie, BENCH_PATH=f"/petitions/{SLUG}", BENCH_RUN=run, BENCH_RATE=rate)
            ended = time.monotonic()
            # The tail: until every signature is confirmed, or nothing has moved for 15 seconds.
            wait_for(lambda: len(samples) > 30 and samples[-1][2] == samples[-1][3] and samples[-1][1] == 0
                     or len(samples) > 30 and samples[-1][1:] == samples[-31][1:], timeout=300, step=0.5)
            drained = time.monotonic()
            stop.set()
            watcher.join()

    created = dict(sql("SELECT email, extract(epoch FROM created_at)::float FROM signatures WHERE email LIKE %s",
                       f"{run}-%"))
    delays = [t - created[recipient] for t, recipient in sink["accepted"] if recipient in created]
    steady = [s for s in samples if begun + SPIKE_SECONDS / 4 <= s[0] <= ended]
    sustained = ((steady[-1][3] - steady[0][3]) / (steady[-1][0] - steady[0][0])
                 if len(steady) > 1 else float("nan"))
    depths = [s[1] for s in samples if begun <= s[0] <= ended]
    statuses = {}
    for _, status in sink["confirmed"]:
        statuses[status] = statuses.get(status, 0) + 1
    signed, confirmed = samples[-1][2], samples[-1][3]

    print(line("ceiling A (before the spike)", ceiling))
    print(f"{'   signing at a fixed rate of':44} {rate:8.0f} req/s asked, {signing['rps']:.0f} req/s done "
          f"for {SPIKE_SECONDS} s ({described(workers, connections)}, "
          f"{CONFIRM_CLIENTS} mail clients confirming)")
    print(f"{'8. end to end: confirmed, sustained':44} {sustained:8.0f} /s  "
          f"ratio {ratio(sustained, ceiling['rps']):.2f}"
          f"  (over the spike's last three quarters)")
    print(f"   signing → mail accepted: p50 {percentile(delays, 50):.2f} s  p99 {percentile(delays, 99):.2f} s  "
          f"max {max(delays, default=float('nan')):.2f} s  ({len(delays)} of {signed} signatures' mail)")
    print(f"   queue depth during the spike: max {max(depths, default=0)}, mean "
          f"{sum(depths) / max(len(depths), 1):.0f}, at its end {depths[-1] if depths else 0}; every 2 s: "
          + " ".join(str(d) for d in depths[::4]))
    print(f"   after the spike: {drained - ended:.1f} s until {confirmed} of {signed} signatures were confirmed; "
          f"the clients' POSTs answered {statuses}")
    if failures(signing) or confirmed != signed or len(delays) != signed or set(statuses) - {200}:
        problems.append(f"end to end: {failures(signing)} signing requests failed, {len(delays)} mails accepted "
                        f"for {signed} signatures, {confirmed} confirmed, confirm answers {statuses}, "
                        f"{sink.get('links_left')} links never opened")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("BENCH_SECONDS", "10")))
    parser.add_argument("--cases", default="7,8", help="which of the cases to run: 7, 8 or 7,8")
    args = parser.parse_args()
    cases = set(args.cases.split(","))

    ensure_database()
    app, petition_id = create_petition()
    workers, connections = MAIL_WORKERS, outbox_connections(app)
    print(f"mail workers: {described(workers, connections)} (BENCH_MAIL_WORKERS, OUTBOX_CONNECTIONS), "
          f"database {DATABASE_URL}")
    problems = []
    with gunicorn("bench.ceilings:app", env=app_env(BENCH_PETITION_ID=petition_id)) as ceilings, \
            gunicorn("wsgi:app") as site:
        run_ceiling_a(ceilings, "warm-ceiling", WARM_UP_SECONDS)
        run_signing(site, "warm-sign", WARM_UP_SECONDS)
        sql("DELETE FROM outbox_messages")  # the warm-up's mail is nobody's case
        if "7" in cases:
            problems += case_mail(site, args.seconds, workers, connections)
        if "8" in cases:
            problems += case_end_to_end(site, ceilings, args.seconds, workers, connections)
    if problems:
        print("PROBLEMS:\n  " + "\n  ".join(problems))
        sys.exit(1)
    print("checks: every queued message accepted once by the sink, every signature confirmed, no request failed")


if __name__ == "__main__":
    main()
