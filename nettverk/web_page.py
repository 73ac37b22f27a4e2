"""The browser page around the app (textual-serve's template), with its words in Norwegian."""

from __future__ import annotations

import tempfile
from pathlib import Path

#: textual-serve's English words on the page, and ours.
WORDS = {
    "<html>": '<html lang="nb">',
    'id="start">Start</button>': 'id="start">Åpne</button>',
    '<div class="message">Session ended.</div>': '<div class="message">Økten er avsluttet.</div>',
    '>Restart</button>': '>Start på nytt</button>',
    "'Textual Application'": "'nettverk'",
}
TEMPLATE = "app_index.html"


def norwegian_templates() -> Path:
    """A folder holding textual-serve's page template with the words in Norwegian (made from
    the installed textual-serve's own template, so the page keeps working when it changes)."""
    import textual_serve

    source = Path(textual_serve.__file__).parent / "templates" / TEMPLATE
    page = source.read_text(encoding="utf-8")
    for english, norwegian in WORDS.items():
        page = page.replace(english, norwegian)
    folder = Path(tempfile.mkdtemp(prefix="nettverk-web-"))
    (folder / TEMPLATE).write_text(page, encoding="utf-8")
    return folder
