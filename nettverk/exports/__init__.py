"""Exports: plain data in, files out (ICS, PDF, spreadsheets). Never imports the UI."""
