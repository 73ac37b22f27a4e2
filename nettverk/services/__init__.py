"""Use cases: the only API the CLI, the TUI and the exports call.

Each function takes a unit of work and primitives, owns its transaction, and returns plain data.
"""
