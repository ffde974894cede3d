"""The per-process caches: a value that expires while it is being read is computed again."""
from cachetools import TTLCache

from campaign.base.caches import Memo


def test_an_entry_expiring_between_two_looks_is_computed_again_not_an_error():
    clock = iter([0, 0.5, 2, 2, 2, 2, 2, 2])  # stored at 0; then looked at 0.5 and 2, across the expiry
    memo = Memo(TTLCache(maxsize=10, ttl=1, timer=lambda: next(clock)))
    assert memo.get("page", lambda: "first") == "first"
    assert memo.get("page", lambda: "second") in ("first", "second")
    assert memo.get("page", lambda: "third") in ("second", "third")
