"""The messages a worker has claimed and built, waiting for a free connection, in claim order,
except that a more urgent message goes before less urgent ones already waiting (a confirmation
claimed while a batch of bulk mail waits is sent before it).

A connection takes the first message whose receiving domain is neither over its rate nor paused.
Rates are per worker process (the `limits` library, a moving window in memory): with N workers,
each gets OUTBOX_DOMAIN_RATES as written, so divide the provider's limit by N.
"""
import threading
from collections import deque
from dataclasses import dataclass
from datetime import datetime

from limits import parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

from campaign.base.timeutil import utcnow


@dataclass
class Job:
    """A claimed message, built and ready to hand to the server."""

    id: int
    kind: str
    recipient: str
    attempts: int
    next_attempt_at: datetime
    last_error: str | None = None
    priority: int = 0  # outbox.emails: FIRST, DELIVERY, BULK
    envelope_from: str = ""
    data: bytes = b""

    @property
    def domain(self):
        return self.recipient.rpartition("@")[2].lower()


def parse_rates(text):
    """{domain: RateLimitItem} from "gmail.com=20/second,yahoo.com=10/second" (ValueError if malformed)."""
    rates = {}
    for part in filter(None, (item.strip() for item in (text or "").split(","))):
        domain, _, rate = part.partition("=")
        if not rate:
            raise ValueError(f"a domain's rate is written domain=N/second: {part!r}")
        rates[domain.strip().lower()] = parse(rate.strip())
    return rates


class Board:
    """Jobs for the connections to take; closed when the worker stops."""

    def __init__(self, rates="", default_rate=""):
        self._rates = parse_rates(rates)
        self._default = parse(default_rate) if default_rate else None
        self._limiter = MovingWindowRateLimiter(MemoryStorage())
        self._jobs = deque()
        self._paused = {}  # domain -> when it may be sent to again
        self._busy = 0  # connections holding a job
        self._closed = False
        self._condition = threading.Condition()

    def __len__(self):
        with self._condition:
            return len(self._jobs)

    @property
    def idle(self):
        """Nothing waiting and no connection busy."""
        with self._condition:
            return not self._jobs and not self._busy

    def add(self, job):
        """Put `job` on the board; returns when its domain's pause ends instead, if it is paused."""
        with self._condition:
            until = self._paused.get(job.domain)
            if until is not None and until > utcnow():
                return until
            index = len(self._jobs)
            while index and self._jobs[index - 1].priority > job.priority:
                index -= 1
            self._jobs.insert(index, job)
            self._condition.notify_all()
            return None

    def take(self):
        """The next job a connection may send now; waits for one; None once the board is closed."""
        with self._condition:
            while True:
                if self._closed:
                    return None
                job = self._next_allowed()
                if job is not None:
                    self._busy += 1
                    return job
                # Nothing allowed yet: new jobs wake us, a rate's window needs a short nap.
                self._condition.wait(timeout=0.05 if self._jobs else None)

    def done(self):
        """A connection has finished with the job it took."""
        with self._condition:
            self._busy -= 1
            self._condition.notify_all()

    def pause(self, domain, until):
        """Send nothing to `domain` until `until`; returns its jobs, taken off the board."""
        with self._condition:
            self._paused[domain] = until
            held = [job for job in self._jobs if job.domain == domain]
            self._jobs = deque(job for job in self._jobs if job.domain != domain)
            return held

    def clear(self):
        """Take every waiting job off the board (the server is unreachable, or the worker stops)."""
        with self._condition:
            held, self._jobs = list(self._jobs), deque()
            self._condition.notify_all()
            return held

    def close(self):
        with self._condition:
            self._closed = True
            self._condition.notify_all()

    def wait_for_room(self, size, timeout):
        """Wait until fewer than `size` jobs wait (or `timeout` seconds); whether there is room."""
        with self._condition:
            return self._condition.wait_for(lambda: len(self._jobs) < size or self._closed, timeout=timeout)

    def holds_priority(self, priority):
        """Whether a job of `priority` or less urgent waits (the board is in priority order)."""
        with self._condition:
            return bool(self._jobs) and self._jobs[-1].priority >= priority

    def _next_allowed(self):
        now, refused = utcnow(), set()
        for index, job in enumerate(self._jobs):
            domain = job.domain
            if domain in refused:
                continue
            if self._paused.get(domain, now) > now or not self._within_rate(domain):
                refused.add(domain)
                continue
            del self._jobs[index]
            return job
        return None

    def _within_rate(self, domain):
        rate = self._rates.get(domain, self._default)
        return rate is None or self._limiter.hit(rate, domain)
