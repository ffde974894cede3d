"""The core domain: organizers, petitions and letters (publishing), signatures, sign-ons of
organizations, geography, consent, targets, and abuse checks at the door. Imports base."""
