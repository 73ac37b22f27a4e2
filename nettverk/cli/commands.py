"""The command modules, in the order they appear in `nettverk --help`."""

from nettverk.cli import (
    agreements,
    audit,
    database,
    demo,
    evaluation,
    exports,
    mail,
    network,
    register,
    serve,
    ten_point,
    users,
)

MODULES = [database, users, register, network, agreements, evaluation, ten_point, mail, exports,
           serve, demo, audit]
