"""Extra indexes for the large lists and the overview (filled in by the scale work)."""
