"""The command modules, in the order they appear in `nettverk --help`."""

from nettverk.cli import (
    agreements,
    database,
    demo,
    evaluation,
    exports,
    mail,
    network,
    register,
    serve,
    users,
)

MODULES = [database, users, register, network, agreements, evaluation, mail, exports, serve, demo]
