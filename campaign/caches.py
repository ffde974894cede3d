"""Per-process caches of data that changes rarely, kept off the sign path's database round trips.

Each is a cachetools cache registered here, so `clear_all()` can empty every one at once (after an
import in the same process, and between tests).
"""
import threading

from cachetools import Cache, TTLCache
from cachetools.keys import hashkey

_registered = []
_MISSING = object()


class Memo:
    """Remember the values of a function of hashable arguments in `cache`, thread-safely."""

    def __init__(self, cache):
        self.cache = cache
        self.lock = threading.Lock()
        _registered.append(self)

    def get(self, key, compute, keep=lambda value: True):
        """The value for `key`, computed by `compute()` when missing; kept only if `keep(value)`."""
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

    def clear(self):
        with self.lock:
            self.cache.clear()


def forever(maxsize=10_000):
    """For values that never change once written (immutable rows)."""
    return Memo(Cache(maxsize=maxsize))


def for_seconds(seconds, maxsize=100_000):
    """For values that change rarely; a change is seen within `seconds`."""
    return Memo(TTLCache(maxsize=maxsize, ttl=seconds))


def clear_all():
    for memo in _registered:
        memo.clear()
