"""The areas and dialogs of the terminal UI."""
