"""Signer lists as CSV for organizers, streamed, filtered and logged."""
