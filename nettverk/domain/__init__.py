"""The domain: entities, value objects and rules. Knows nothing of interfaces or files."""
