"""Calendar feeds: secret, revocable tokens for subscribing to a calendar (filled in by the exports work)."""
