"""Consent, opt-outs, erasure on request and the retention of personal data."""
