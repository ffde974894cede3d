"""Per-process caches of data that changes rarely, kept off the sign path's database round trips.

Each is a cachetools cache registered here, so `clear_all()` can empty every one at once (after an
import in the same process, and between tests). A cache of data that a command replaces (the ZIP
crosswalk) also follows a generation: a counter in the database (`cache_generations`) that the
command raises with `bump()` in its own transaction. Every process, on every host, reads the
counter at most once per GENERATION_CHECK_SECONDS, when the cache is used, and empties its copy
when the counter has moved: an import reaches every gunicorn worker within those seconds.
"""
import threading
import time

from cachetools import Cache, TTLCache
from cachetools.keys import hashkey
from flask import current_app
from sqlalchemy import Integer, String, select, update
from sqlalchemy.orm import Mapped, mapped_column

from campaign.base.extensions import db

_registered = []
_by_seconds = {}  # remembered()'s memos, one per PUBLIC_RENDER_CACHE_SECONDS
_MISSING = object()
# How often a process looks at a generation counter: one indexed read per cache, at most this often.
GENERATION_CHECK_SECONDS = 2


class CacheGeneration(db.Model):
    """A counter per kind of cached data, raised whenever that data is replaced."""

    __tablename__ = "cache_generations"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    generation: Mapped[int] = mapped_column(Integer, default=0)


def bump(name):
    """Raise the generation `name` in the session's transaction: every process drops its copy once
    the caller commits."""
    raised = db.session.execute(update(CacheGeneration).where(CacheGeneration.name == name)
                                .values(generation=CacheGeneration.generation + 1))
    if raised.rowcount == 0:
        db.session.add(CacheGeneration(name=name, generation=1))
    db.session.flush()


def _generation(name):
    return db.session.scalar(select(CacheGeneration.generation).where(CacheGeneration.name == name)) or 0


class Memo:
    """Remember the values of a function of hashable arguments in `cache`, thread-safely."""

    def __init__(self, cache, generation=None):
        self.cache = cache
        self.lock = threading.Lock()
        self.generation = generation  # the name of its generation counter, or None
        self.seen, self.checked_at = None, float("-inf")
        _registered.append(self)

    def get(self, key, compute, keep=lambda value: True):
        """The value for `key`, computed by `compute()` when missing; kept only if `keep(value)`."""
        if self.generation is not None:
            self._follow_generation()
        key = hashkey(key)
        with self.lock:
            # One look-up: a TTL entry can expire between a membership test and a read.
            value = self.cache.get(key, _MISSING)
        if value is not _MISSING:
            return value
        value = compute()
        if keep(value):
            with self.lock:
                self.cache[key] = value
        return value

    def _follow_generation(self):
        """Empty the cache when its generation has moved since last seen (read at most every few seconds)."""
        now = time.monotonic()
        with self.lock:  # one thread reads the counter; the others go on with the copy meanwhile
            if now - self.checked_at < GENERATION_CHECK_SECONDS:
                return
            self.checked_at = now
        current = _generation(self.generation)
        with self.lock:
            if current != self.seen:
                self.cache.clear()
            self.seen = current

    def clear(self):
        with self.lock:
            self.cache.clear()
            self.checked_at = float("-inf")  # the next use reads the generation again


def forever(maxsize=10_000):
    """For values that never change once written (immutable rows)."""
    return Memo(Cache(maxsize=maxsize))


def for_seconds(seconds, maxsize=100_000, generation=None):
    """For values that change rarely; a change is seen within `seconds`, or, with a `generation`
    name, within GENERATION_CHECK_SECONDS of the `bump()` that announces it."""
    return Memo(TTLCache(maxsize=maxsize, ttl=seconds), generation)


def clear_all():
    for memo in _registered:
        memo.clear()


def remembered(key, build, keep=lambda value: True):
    """`build()`, or the copy this process built less than PUBLIC_RENDER_CACHE_SECONDS ago (what the
    public reads most: see public_cache). A value is kept only if `keep(value)`."""
    seconds = current_app.config["PUBLIC_RENDER_CACHE_SECONDS"]
    if not seconds:
        return build()
    memo = _by_seconds.get(seconds) or _by_seconds.setdefault(seconds, for_seconds(seconds))
    return memo.get(key, build, keep)
