"""What builds on the domain: deliveries, exports, partners, privacy, charts, the API, embeds,
deliverability, invalidation, updates, alerts, sharing, webhooks and newer features. Imports core
and base."""
