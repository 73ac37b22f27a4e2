"""Demonstration data: the seed loader (and, later, the large-data generator)."""
