"""The command modules, in the order they appear in `nettverk --help`."""

from nettverk.cli import (
    agreements,
    audit,
    capacity,
    database,
    demo,
    evaluation,
    exports,
    gatherings,
    mail,
    network,
    plans,
    priority,
    register,
    serve,
    status,
    ten_point,
    themes,
    users,
)

MODULES = [database, users, register, network, gatherings, plans, status, agreements, themes,
           capacity, priority, evaluation, ten_point, mail, exports, serve, demo, audit]
