"""Foundation: database helpers, time, text, CSV, caches, URLs, forms, languages (i18n), tokens, the
domain's signals (events) and mail (the outbox, DKIM, return path, suppressions). Imports nothing
above it."""
