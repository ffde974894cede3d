"""Returned mail for `flask mail bounces`: read from an MTA's pipe or a Maildir folder. The command
commits each message on its own, so one bad message never loses the others."""
import mailbox
from collections import Counter

from . import bounces, returns


def new_counts():
    """The counts of the command's summary, all zero."""
    return Counter(messages=0, hard=0, soft=0, complaint=0, ignored=0)


def unseen(path):
    """Yield the raw bytes of each message of the Maildir at `path` not yet marked seen; each is
    marked seen once the next is asked for (the command has committed what it reported)."""
    folder = mailbox.Maildir(path, factory=None, create=False)
    for key in list(folder.iterkeys()):
        try:
            message = folder.get_message(key)
        except (KeyError, OSError):
            continue  # taken by another reader meanwhile
        if "S" in message.get_flags():
            continue
        yield folder.get_bytes(key)
        message.set_subdir("cur")
        message.add_flag("S")
        folder[key] = message


def record(data):
    """Read one raw message and suppress the mailboxes it reports (flushed); returns the entries."""
    return returns.apply(bounces.read(bounces.parse(data)))


def tally(counts, recorded):
    """Add one message, which `recorded` these entries (none: not understood), to `counts`."""
    counts["messages"] += 1
    for entry in recorded:
        counts[entry.kind.value] += 1
    if not recorded:
        counts["ignored"] += 1
