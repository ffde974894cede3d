"""Erasure on request and the retention of personal data (opt-outs and unsubscribe links: consent)."""
