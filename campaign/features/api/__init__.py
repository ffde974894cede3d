"""The token-authenticated JSON API for organizers (OSDI resource names)."""
