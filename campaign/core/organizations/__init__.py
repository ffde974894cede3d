"""Organizations signing coalition letters and endorsing petitions, and the moderation of sign-ons."""
