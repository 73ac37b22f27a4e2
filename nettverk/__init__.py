"""nettverk: run municipal development networks from the terminal.

Imports nothing heavy, so that `nettverk --help` stays fast.
"""

__version__ = "0.1.0"
