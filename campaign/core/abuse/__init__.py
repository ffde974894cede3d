"""Anti-abuse at the door: the checks a public form makes (a signed start time, a honeypot, the
blocklists) and the blocklists organizers edit. Bulk remedies are in `invalidation`."""
