"""Webhooks: events sent, signed and batched, to the URLs organizers register."""
