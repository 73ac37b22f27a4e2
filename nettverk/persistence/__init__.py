"""Persistence: engines, sessions, unit of work, audit log, schema management."""
