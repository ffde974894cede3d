"""Consent: the wordings people answered, their opt-outs and the unsubscribe links that make them."""
