"""`make bench`, the HTTP cases: signing, confirming, and reading while signatures pour in.

Starts the app and the ceilings under the same gunicorn settings on PostgreSQL, drives each with
wrk from a second process on 127.0.0.1, prints requests per second, p50 and p99 latency and the
ratio to the ceiling, and checks afterwards that every accepted signature is in the database.
"""
import argparse
import os
import platform
import sys
import threading
import time
import urllib.request

from harness import (
    DATABASE_URL,
    REPEATS,
    WORKERS,
    Browser,
    app_env,
    ensure_database,
    fill_signatures,
    form_body,
    gunicorn,
    pooled_percentile,
    ratio,
    sql,
    wrk,
)

SLUG = "bench-petition"
THREADS, CONNECTIONS = 2, 16
WARM_UP_SECONDS = 3


def create_petition(slug=SLUG, app=None):
    """One open petition asking for a ZIP code and consent, as a real campaign would; returns the
    app (made here unless given: one app a process, as in production) and the petition's id."""
    os.environ.update(app_env())
    from campaign import create_app
    from campaign.base.extensions import db
    from campaign.base.markdown import render
    from campaign.core.petitions.models import FieldMode, Petition

    app = app or create_app()
    with app.app_context():
        petition = Petition(slug=slug, title="Bench petition", target_text="Acme", body_markdown="Text.",
                            body_html=render("Text."), goal=1000, postcode_field=FieldMode.REQUIRED,
                            consent_question="Keep me updated.")
        db.session.add(petition)
        petition.record_questions()
        petition.open()
        db.session.commit()
        return app, petition.id


def signing_body(base):
    """The form's own hidden fields (CSRF token and the like) and the session cookie, after the
    minimum fill time a human would take."""
    browser = Browser(base)
    fields = browser.hidden_fields(f"/petitions/{SLUG}")
    time.sleep(float(os.environ.get("BENCH_FILL_SECONDS", "4")))
    return form_body(fields), browser.cookie_header()


def accepted(figures, status=302):
    return figures["status"].get(status, 0)


def failures(figures, ok=(302,)):
    return figures["socket_errors"] + figures["timeouts"] + sum(n for s, n in figures["status"].items() if s not in ok)


def run_signing(base, run, seconds, connections=CONNECTIONS):
    body, cookie = signing_body(base)
    figures = wrk("sign.lua", base, seconds=seconds, connections=connections, BENCH_BODY=body, BENCH_COOKIE=cookie,
                  BENCH_PATH=f"/petitions/{SLUG}", BENCH_RUN=run)
    return {**figures, "run": run}


def run_ceiling_a(base, run, seconds):
    return wrk("sign.lua", base, seconds=seconds, BENCH_BODY="", BENCH_PATH="/a", BENCH_RUN=run)


def stored(run):
    return sql("SELECT count(*) FROM signatures WHERE email LIKE %s", f"{run}-%")[0][0]


def check_signing(name, run, figures):
    """Every accepted signature stored; at most the requests still open when wrk stopped besides."""
    time.sleep(1)
    kept = stored(run)
    if failures(figures) or kept < accepted(figures) or kept > accepted(figures) + CONNECTIONS:
        return [f"{name}: {accepted(figures)} accepted, {kept} stored, {failures(figures)} failed"]
    return []


def tokens_file(app, path, limit):
    """Confirmation tokens of pending bench signatures, one a line, as in the emails."""
    from campaign.base import tokens
    from campaign.base.extensions import db
    from campaign.core.signatures.models import Signature, SignatureState

    with app.app_context():
        rows = db.session.execute(
            db.select(Signature).where(Signature.state == SignatureState.PENDING).limit(limit)
        ).scalars().all()
        with open(path, "w") as file:
            for signature in rows:
                file.write(tokens.make(signature) + "\n")
        return len(rows)


def paired(ceiling_run, app_run, repeats=REPEATS):
    """Run the ceiling and the app alternately `repeats` times; returns (median pair, sorted ratios)."""
    pairs = []
    for n in range(repeats):
        ceiling = ceiling_run(n)
        pairs.append((ceiling, app_run(n)))
    pairs.sort(key=lambda pair: ratio(pair[1]["rps"], pair[0]["rps"]))
    return pairs[len(pairs) // 2], [ratio(a["rps"], c["rps"]) for c, a in pairs], pairs


def spread(ratios):
    return f"  (median of {len(ratios)}: {' '.join(f'{r:.2f}' for r in ratios)})" if len(ratios) > 1 else ""


def line(name, figures, ceiling=None):
    text = (f"{name:44} {figures['rps']:8.0f} req/s  p50 {figures['p50_ms']:6.1f} ms  "
            f"p99 {figures['p99_ms']:6.1f} ms")
    if ceiling:
        text += f"  ratio {ratio(figures['rps'], ceiling['rps']):.2f}"
    return text


def p99_line(name, pairs):
    """The p99 of every request of a case's runs together, and of its ceiling's, with each run's.
    One run's p99 is the machine's worst pause as much as the app: a pause of 100 ms holds all 16
    open requests at once, and a ten-second run's slowest 1% is only about 20 requests."""
    ceilings, runs = [c for c, _ in pairs], [a for _, a in pairs]

    def each(figures):
        return " ".join(f"{f['p99_ms']:.0f}" for f in figures)

    return (f"   p99 of all {len(runs)} runs' requests: {name} {pooled_percentile(runs, 99):.1f} ms "
            f"(each run: {each(runs)}), ceiling A {pooled_percentile(ceilings, 99):.1f} ms (each: {each(ceilings)})")


def count_lag(base, stop, samples):
    """Poll the public count and the database's confirmed count; record (time, json, db)."""
    while not stop.is_set():
        db_count = sql("SELECT count(*) FROM signatures WHERE state = 'confirmed'")[0][0]
        with urllib.request.urlopen(f"{base}/petitions/{SLUG}.json", timeout=5) as response:
            shown = int(__import__("json").load(response)["signature_count"])
        samples.append((time.monotonic(), shown, db_count))
        stop.wait(0.25)


def worst_lag(samples):
    """The longest time the public count stayed below a confirmed count the database had."""
    worst = 0.0
    for t, shown, _ in samples:
        reached = [t2 for t2, _, db_count in samples if db_count > shown and t2 <= t]
        if reached:
            worst = max(worst, t - min(reached))
    return worst


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("BENCH_SECONDS", "10")))
    parser.add_argument("--big-rows", type=int, default=int(os.environ.get("BENCH_BIG_ROWS", "10000000")),
                        help="signatures already in the table for case 6 (0: skip it)")
    parser.add_argument("--cases", default="1,2,3,6",
                        help="which cases to run, e.g. 2 or 1,3 (6 is measured against 1, so it runs 1 too)")
    args = parser.parse_args()
    seconds = args.seconds
    cases = set(args.cases.split(","))
    if "6" in cases:
        cases.add("1")

    print(f"machine: {platform.node()} {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"gunicorn sync workers: {WORKERS}, wrk -t{THREADS} -c{CONNECTIONS} -d{seconds}s, database {DATABASE_URL}")
    ensure_database()
    app, petition_id = create_petition()
    ceiling_env = app_env(BENCH_PETITION_ID=petition_id)
    problems = []

    with gunicorn("bench.ceilings:app", env=ceiling_env) as ceilings, gunicorn("wsgi:app") as site:
        # Unmeasured: each new worker's first requests connect to the database and Redis and fill
        # its caches, which would otherwise land on the first measured run.
        run_ceiling_a(ceilings, "warm-ceiling", WARM_UP_SECONDS)
        run_signing(site, "warm-sign", WARM_UP_SECONDS)
        if "1" in cases:
            a1, s1 = case_signing(ceilings, site, seconds, problems)
        if "2" in cases:
            case_confirming(app, petition_id, ceilings, site, seconds, problems, alone="1" not in cases)
        if "3" in cases:
            case_reading(app, ceilings, site, seconds, problems)
        if "6" in cases and args.big_rows:
            case_big_table(app, ceilings, site, seconds, args.big_rows, (a1, s1), problems)

    if problems:
        print("PROBLEMS:\n  " + "\n  ".join(problems))
        sys.exit(1)
    print("checks: every accepted signature stored, no request failed, counts equal the confirmed rows")


def case_signing(ceilings, site, seconds, problems):
    """1. Signing, against ceiling A; returns the median pair (ceiling, signing)."""
    (a1, s1), ratios1, pairs1 = paired(lambda n: run_ceiling_a(ceilings, f"ceiling1-{n}", seconds),
                                       lambda n: run_signing(site, f"sign1-{n}", seconds))
    print(line("ceiling A: bare form + 2 inserts", a1))
    print(line("1. signing (CSRF and every check on)", s1, a1) + spread(ratios1))
    print(p99_line("signing", pairs1))
    print(f"   answers: ceiling {a1['status']}, signing {s1['status']}, stored {stored(s1['run'])}")
    for _, figures in pairs1:
        problems += check_signing("signing", figures["run"], figures)
    return a1, s1


def confirm_form(site):
    """The confirm form's body (the CSRF token) and the session cookie it belongs to."""
    browser = Browser(site)
    fields = browser.hidden_fields(f"/petitions/{SLUG}")
    return form_body({"csrf_token": fields["csrf_token"]}), browser.cookie_header()


def case_confirming(app, petition_id, ceilings, site, seconds, problems, alone=False):
    """2. Confirming, against ceiling A: the pending signatures case 1 made, or signed for it."""
    if alone:
        # Only the warm-up's signatures are there: a run would go round them and confirm them
        # again (the cheaper "already confirmed" page).
        run_signing(site, "sign2", 2 * seconds)
    count = tokens_file(app, "/tmp/bench-tokens.txt", 200_000)
    confirm_body, confirm_cookie = confirm_form(site)
    a2 = run_ceiling_a(ceilings, "ceiling2", seconds)
    c2 = wrk("confirm.lua", site, seconds=seconds, BENCH_TOKENS="/tmp/bench-tokens.txt",
             BENCH_BODY=confirm_body, BENCH_COOKIE=confirm_cookie)
    print(line("ceiling A (again)", a2))
    print(line(f"2. confirming (POST of valid tokens, {count} ready)", c2, a2))
    time.sleep(1)  # requests wrk stopped waiting for finish on the server
    confirmed, counted = sql("""SELECT (SELECT count(*) FROM signatures WHERE state = 'confirmed' AND petition_id = %s),
                                       (SELECT coalesce(sum(count), 0) FROM signature_tallies
                                         WHERE petition_id = %s)""",
                             petition_id, petition_id)[0]
    if failures(c2, ok=(200,)) or confirmed != counted or confirmed < accepted(c2, 200):
        problems.append(f"confirming: {failures(c2, ok=(200,))} failed, {accepted(c2, 200)} answered, "
                        f"{confirmed} confirmed, {counted} counted")


def case_reading(app, ceilings, site, seconds, problems):
    """3. Reading while signatures pour in, against ceiling B under the same background load."""
    body, cookie = signing_body(site)
    confirm_body, confirm_cookie = confirm_form(site)
    runs = iter(range(100))

    def under_load(reader):
        """`reader()` while two connections sign and two confirm (fresh addresses and tokens each time)."""
        n = next(runs)
        tokens_file(app, f"/tmp/bench-tokens-3-{n}.txt", 200_000)
        store = {}

        def pour():
            store["sign"] = wrk("sign.lua", site, seconds=seconds + 2, connections=2, threads=1, BENCH_BODY=body,
                                BENCH_COOKIE=cookie, BENCH_PATH=f"/petitions/{SLUG}", BENCH_RUN=f"pour{n}")

        def confirm_pour():
            store["confirm"] = wrk("confirm.lua", site, seconds=seconds + 2, connections=2, threads=1,
                                   BENCH_TOKENS=f"/tmp/bench-tokens-3-{n}.txt",
                                   BENCH_BODY=confirm_body, BENCH_COOKIE=confirm_cookie)

        helpers = [threading.Thread(target=pour), threading.Thread(target=confirm_pour)]
        for helper in helpers:
            helper.start()
        time.sleep(1)
        figures = reader()
        for helper in helpers:
            helper.join()
        return {**figures, "background": store}

    samples, stop = [], threading.Event()
    monitor = threading.Thread(target=count_lag, args=(site, stop, samples))
    monitor.start()
    (b3, r3), ratios3, pairs3 = paired(
        lambda n: under_load(lambda: wrk("read.lua", ceilings, seconds=seconds, BENCH_PATHS="/b")),
        lambda n: under_load(lambda: wrk("read.lua", site, seconds=seconds,
                                         BENCH_PATHS=f"/petitions/{SLUG}.json,/petitions/{SLUG}")))
    stop.set()
    monitor.join()
    lag = worst_lag(samples)
    load3 = r3["background"]
    print(line("ceiling B: a short string (same load behind)", b3))
    print(line("3. count JSON + petition page while signing", r3, b3) + spread(ratios3))
    print(f"{'   signing and confirming meanwhile':44} {load3['sign']['rps']:8.0f} + "
          f"{load3['confirm']['rps']:.0f} req/s;  public count at most {lag:.1f} s behind")
    for _, figures in pairs3:
        if failures(figures, ok=(200,)) or failures(figures["background"]["sign"]):
            problems.append(f"reading: {failures(figures, ok=(200,))} failed reads")
    if lag > 5:
        problems.append(f"reading: the public count was {lag:.1f} s behind")


def case_big_table(app, ceilings, site, seconds, big_rows, case_1, problems):
    """6. Signing when the table already holds `big_rows` signatures, against case 1's run."""
    a1, s1 = case_1
    begun = time.time()
    big = create_petition(slug="bench-big", app=app)[1]
    fill_signatures(big, big_rows, "big")
    # What autovacuum and the checkpointer do after a bulk load (autovacuum is off on this
    # machine's server): otherwise the first reads set hint bits on every page of the
    # table, and writing those pages out lands on whichever runs come next.
    sql("VACUUM (ANALYZE) signatures")
    sql("CHECKPOINT")
    rows = sql("SELECT count(*) FROM signatures")[0][0]
    print(f"   ({rows:,} signatures in the table now; loaded in {time.time() - begun:.0f} s)")
    (a6, s6), ratios6, pairs6 = paired(lambda n: run_ceiling_a(ceilings, f"ceiling6-{n}", seconds),
                                       lambda n: run_signing(site, f"sign6-{n}", seconds))
    print(line("ceiling A (again)", a6))
    print(line(f"6. signing into {rows:,} rows", s6, a6) + spread(ratios6))
    print(p99_line("signing", pairs6))
    # Each against its own ceiling, measured beside it: the machine's drift between the two
    # cases cancels out.
    print(f"   {'against signing into an empty table':41} ratio "
          f"{ratio(ratio(s6['rps'], a6['rps']), ratio(s1['rps'], a1['rps'])):.2f}  "
          f"(each against its own ceiling: {ratio(s6['rps'], a6['rps']):.2f} vs {ratio(s1['rps'], a1['rps']):.2f}; "
          f"{s6['rps']:.0f} vs {s1['rps']:.0f} req/s)")
    for _, figures in pairs6:
        problems += check_signing("signing into a full table", figures["run"], figures)


if __name__ == "__main__":
    main()
