"""`nettverk serve calendar`: the calendar feeds over HTTP (`serve web` comes later)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from nettverk.cli.args import opt_int
from nettverk.cli.context import Context


def add_parsers(sub: argparse._SubParsersAction[Any]) -> None:
    """Add serve and its modes."""
    p = sub.add_parser("serve", help="start en tjener (kalenderstrømmer)")
    s = p.add_subparsers(dest="mode", required=True, metavar="TJENESTE")
    cal = s.add_parser("calendar", help="server kalenderstrømmene (/feed/<nøkkel>.ics), kun lesing")
    cal.add_argument("--host", default="127.0.0.1",
                     help="adresse å lytte på (standard 127.0.0.1, bare denne maskinen)")
    cal.add_argument("--port", default=None, metavar="N", help="port (standard 8765; 0 = ledig port)")
    cal.set_defaults(handler=_serve_calendar)
    web = s.add_parser("web", help="åpne terminalgrensesnittet i en nettleser (textual-serve)")
    web.add_argument("--host", default="127.0.0.1",
                     help="adresse å lytte på (standard 127.0.0.1; annet krever passord)")
    web.add_argument("--port", default="8000", metavar="N", help="port (standard 8000)")
    web.add_argument("--public-url", metavar="URL",
                     help="adressen brukerne når tjeneren på, hvis ikke http://HOST:PORT")
    web.add_argument("--certfile", metavar="FIL",
                     help="TLS-sertifikat (PEM): tjeneren svarer med HTTPS og WSS")
    web.add_argument("--keyfile", metavar="FIL",
                     help="privat nøkkel til sertifikatet (PEM), hvis ikke i --certfile")
    web.add_argument("--behind-tls-proxy", action="store_true",
                     help="en omvendt mellomtjener med HTTPS står foran (tillater passord "
                          "uten --certfile utenfor loopback)")
    web.set_defaults(handler=_serve_web)
    pw = s.add_parser("web-password",
                      help="sett passordet for nettlesermodus (leses fra standard inn)")
    pw.set_defaults(handler=_web_password)


def _serve_calendar(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk.exports.feed_server import make_server
    from nettverk.services import calendar
    from nettverk.web_guard import resolves_to_loopback

    port = opt_int("port", args.port)
    if port is None:
        port = calendar.DEFAULT_PORT
    if not 0 <= port <= 65535:
        from nettverk.domain.errors import DomainError

        raise DomainError("port", "må være mellom 0 og 65535")
    db = ctx.db
    cache = calendar.server_cache(db.engine)

    def lookup(token: str) -> calendar.FeedBody | None:
        return calendar.feed_calendar(db.uow(), token, cache)

    def on_error(exc: BaseException) -> None:
        print(f"nettverk: feil ved henting av kalender: {type(exc).__name__}", file=sys.stderr)

    # with the change stamp, a feed asked for again while nothing was committed is answered
    # from the server's memory (a burst of subscribers costs a few stamp reads)
    server = make_server(lookup, args.host, port, on_error=on_error, stamp=cache.stamp,
                         stamp_inline=db.engine.url.get_backend_name() == "sqlite")
    host, bound = server.server_address[:2]
    if not resolves_to_loopback(args.host):  # from the resolved address, not the spelling
        print(f"Advarsel: tjeneren lytter på {args.host}, ikke bare denne maskinen. Strømmene "
              "er beskyttet av de hemmelige nøklene; del adressene bare med dem som skal ha dem, "
              "og bruk helst HTTPS foran (omvendt mellomtjener).", file=sys.stderr)
    print(f"Kalenderstrømmer på http://{host}:{bound}/feed/<nøkkel>.ics "
          f"(lag en med `nettverk feed create`). Ctrl+C stopper.", file=sys.stderr)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("Stoppet.", file=sys.stderr)
    finally:
        server.server_close()


def _serve_web(ctx: Context, args: argparse.Namespace) -> None:
    from nettverk import webserve
    from nettverk.domain.errors import DomainError

    port = opt_int("port", args.port)
    if port is None or not 1 <= port <= 65535:
        raise DomainError("port", "må være mellom 1 og 65535")
    ctx.db  # noqa: B018 - creates or checks the database before the browser asks for it
    webserve.serve(ctx.settings.resolved_database_url, args.host, port,
                   public_url=args.public_url, certfile=args.certfile, keyfile=args.keyfile,
                   behind_tls_proxy=args.behind_tls_proxy)


def _web_password(ctx: Context, args: argparse.Namespace) -> None:
    import getpass

    from nettverk import webserve

    if sys.stdin.isatty():
        password = getpass.getpass("Nytt passord for nettlesermodus: ")
        if getpass.getpass("Gjenta passordet: ") != password:
            from nettverk.domain.errors import DomainError

            raise DomainError("password", "passordene er ikke like")
    else:
        password = sys.stdin.readline().rstrip("\n")
    path = webserve.set_password(password)
    print(f"Passordet er lagret (som hash) i {path}. Brukernavn i nettleseren: "
          f"{webserve.USERNAME}")
