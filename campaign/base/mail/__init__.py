"""Mail leaving and its returns as the outbox needs them: DKIM signing, the VERP return path,
and the suppression list of mailboxes no longer mailed (bounce parsing: deliverability)."""
