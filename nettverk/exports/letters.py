"""Letters (decisions, the call for applications, partnership agreements) as DOCX and PDF.

A letter template is a text file with named placeholders ({kommune}, {dato}, {referanse} …) in
sections that follow a county's letter layout: [avsender], [mottaker], [referanse] (date and
reference lines), [tittel], [tekst] (paragraphs; lines starting with "- " are bullet points) and
[hilsen]. Lines starting with # are comments. The defaults are copied into the user's template
directory on first use, where they can be changed.
"""

from __future__ import annotations

import io
import re
import shutil
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from nettverk.domain.errors import DomainError

DEFAULTS_DIR = Path(__file__).with_name("letter_templates")
SECTIONS = ("avsender", "mottaker", "referanse", "tittel", "tekst", "hilsen")
_SECTION = re.compile(r"^\[([a-zæøå]+)\]\s*$")


@dataclass(frozen=True)
class Block:
    """A paragraph (`lines`, kept as line breaks) or a bullet list (`bullets`)."""

    lines: Sequence[str] = ()
    bullets: Sequence[str] = ()


@dataclass(frozen=True)
class Letter:
    """A filled-in letter, ready to be written."""

    sender: Sequence[str]
    recipient: Sequence[str]
    reference: Sequence[str]
    title: str
    blocks: Sequence[Block]
    closing: Sequence[str]
    author: str = ""
    extra: Mapping[str, str] = field(default_factory=dict)


def ensure_templates(directory: Path) -> Path:
    """The template directory, with each default template copied there if it is missing."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
        for default in sorted(DEFAULTS_DIR.glob("*.txt")):
            target = directory / default.name
            if not target.exists():
                shutil.copyfile(default, target)
    except OSError as exc:
        raise DomainError("maler", f"kan ikke opprette brevmalene i {directory}: "
                          f"{exc.strerror or exc}") from None
    return directory


def _fill(text: str, values: Mapping[str, str], source: str) -> str:
    try:
        fields = [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]
    except ValueError as exc:
        raise DomainError("mal", f"{source}: ugyldig bruk av klammeparenteser ({exc}); "
                          "skriv {{ og }} for klammer i teksten") from None
    unknown = sorted({f for f in fields if f not in values})
    if unknown:
        known = ", ".join("{" + k + "}" for k in sorted(values))
        raise DomainError("mal", f"{source}: ukjent plassholder "
                          f"{', '.join('{' + u + '}' for u in unknown)}; kjente: {known}")
    if any(not name or not name.isidentifier() for name in fields):
        raise DomainError("mal", f"{source}: en plassholder må være et navn, som {{kommune}}")
    return text.format_map(values)


def render(template: Path, values: Mapping[str, str], author: str = "") -> Letter:
    """The template filled in with the values; a missing file or unknown placeholder is exit 2."""
    try:
        raw = template.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DomainError("mal", f"brevmalen {template} finnes ikke") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DomainError("mal", f"kan ikke lese brevmalen {template} ({exc})") from None
    sections: dict[str, list[str]] = {name: [] for name in SECTIONS}
    current: str | None = None
    for line in raw.splitlines():
        if line.startswith("#"):
            continue
        match = _SECTION.match(line)
        if match:
            current = match.group(1)
            if current not in sections:
                raise DomainError("mal", f"{template.name}: ukjent del [{current}]; "
                                  f"kjente: {', '.join('[' + s + ']' for s in SECTIONS)}")
            continue
        if current is not None:
            sections[current].append(line)
    filled = {name: _fill("\n".join(lines), values, template.name).strip("\n")
              for name, lines in sections.items()}
    if not filled["tittel"].strip():
        raise DomainError("mal", f"{template.name}: delen [tittel] er tom")
    return Letter(
        sender=_lines(filled["avsender"]), recipient=_lines(filled["mottaker"]),
        reference=_lines(filled["referanse"]), title=" ".join(filled["tittel"].split()),
        blocks=_blocks(filled["tekst"]), closing=filled["hilsen"].split("\n"), author=author)


def _lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.split("\n") if line.strip()]


def _blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        lines = [line.rstrip() for line in chunk.split("\n") if line.strip()]
        if not lines:
            continue
        plain: list[str] = []
        for line in lines:
            if line.lstrip().startswith("- "):
                if plain:
                    blocks.append(Block(lines=plain))
                    plain = []
                if blocks and blocks[-1].bullets and not blocks[-1].lines:
                    last = blocks.pop()
                    blocks.append(Block(bullets=[*last.bullets, line.lstrip()[2:].strip()]))
                else:
                    blocks.append(Block(bullets=[line.lstrip()[2:].strip()]))
            else:
                plain.append(line)
        if plain:
            blocks.append(Block(lines=plain))
    return blocks


def write_docx(letter: Letter) -> bytes:
    """The letter as a Word document (editable): header table, title, text, closing."""
    from docx import Document
    from docx.shared import Pt

    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    props = doc.core_properties
    props.title = letter.title
    props.author = letter.author or (letter.sender[0] if letter.sender else "")
    props.language = "nb-NO"
    head = doc.add_table(rows=1, cols=2)
    left, right = head.rows[0].cells
    left.text = "\n".join([*letter.sender, "", *letter.recipient])
    right.text = "\n".join(letter.reference)
    doc.add_paragraph()
    title = doc.add_paragraph()
    run = title.add_run(letter.title)
    run.bold = True
    run.font.size = Pt(14)
    for block in letter.blocks:
        if block.bullets:
            for item in block.bullets:
                doc.add_paragraph(item, style="List Bullet")
        else:
            p = doc.add_paragraph()
            for i, line in enumerate(block.lines):
                r = p.add_run(line)
                if i < len(block.lines) - 1:
                    r.add_break()
    closing = doc.add_paragraph()
    for i, line in enumerate(letter.closing):
        r = closing.add_run(line)
        if i < len(letter.closing) - 1:
            r.add_break()
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def write_pdf(letter: Letter) -> bytes:
    """The letter as PDF (A4, the reports' fonts, so Sámi letters are drawn right)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from nettverk.exports.pdf.common import FONT_BOLD, styles, text

    st = styles()
    body = ParagraphStyle("letter", parent=st["body"], fontSize=10.5, leading=14, spaceAfter=8)
    small = ParagraphStyle("letter_meta", parent=st["body"], fontSize=9, leading=12)
    heading = ParagraphStyle("letter_title", parent=body, fontName=FONT_BOLD, fontSize=13,
                             leading=17, spaceBefore=14, spaceAfter=10)
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=25 * mm, rightMargin=25 * mm,
                            topMargin=20 * mm, bottomMargin=20 * mm, title=letter.title,
                            author=letter.author or (letter.sender[0] if letter.sender else ""),
                            lang="nb-NO")
    left = Paragraph(text("\n".join([*letter.sender, "", *letter.recipient])), body)
    right = Paragraph(text("\n".join(letter.reference)), small)
    width = A4[0] - 50 * mm
    head = Table([[left, right]], colWidths=[width * 0.6, width * 0.4])
    head.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                              ("LEFTPADDING", (0, 0), (0, -1), 0)]))
    story: list[object] = [head, Paragraph(text(letter.title), heading)]
    for block in letter.blocks:
        if block.bullets:
            story += [Paragraph(text(item), body, bulletText="•") for item in block.bullets]
        else:
            story.append(Paragraph(text("\n".join(block.lines)), body))
    story += [Spacer(1, 6), Paragraph(text("\n".join(letter.closing)), body)]
    doc.build(story)
    return out.getvalue()


def write(letter: Letter, path: Path) -> Path:
    """Write the letter as .docx or .pdf, chosen by the file name."""
    suffix = path.suffix.lower()
    if suffix not in (".docx", ".pdf"):
        raise DomainError("output", "filnavnet må slutte på .docx eller .pdf")
    data = write_docx(letter) if suffix == ".docx" else write_pdf(letter)
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise DomainError("output", f"kan ikke skrive {path}: {exc.strerror or exc}") from None
    return path
