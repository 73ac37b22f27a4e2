"""The command modules, in the order they appear in `nettverk --help`."""

from nettverk.cli import (
    agreements,
    audit,
    database,
    demo,
    evaluation,
    exports,
    gatherings,
    mail,
    network,
    plans,
    register,
    serve,
    status,
    ten_point,
    users,
)

MODULES = [database, users, register, network, gatherings, plans, status, agreements, evaluation,
           ten_point, mail, exports, serve, demo, audit]
