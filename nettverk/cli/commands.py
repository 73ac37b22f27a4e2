"""The command modules, in the order they appear in `nettverk --help`."""

from nettverk.cli import (
    agreements,
    database,
    demo,
    evaluation,
    exports,
    network,
    register,
    serve,
)

MODULES = [database, register, network, agreements, evaluation, exports, serve, demo]
