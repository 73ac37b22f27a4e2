"""PDF reports (reportlab): plain report data in, PDF bytes out."""
