"""The terminal UI (Textual). Calls only the services; never opens a database session."""
