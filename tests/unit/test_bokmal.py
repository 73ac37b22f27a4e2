"""Every text a user sees is bokmål: no nynorsk word in the program's texts, demo data or letters.

The capacity diamond and the 10-point model come from nynorsk sources; their texts were once
copied as they stood. This reads every string in nettverk/ (docstrings aside: they are English
and for developers), the demo data and the letter templates for words only nynorsk has.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "nettverk"

#: Words that are nynorsk and never bokmål (names such as Kven, the language, are not here).
NYNORSK = frozenset({
    "ikkje", "korleis", "kvifor", "kva", "berre", "eit", "dei", "desse", "frå", "heile", "nokre",
    "noko", "meir", "mykje", "sjølv", "sjølve", "einast", "eigenvurdering", "eigenvurderingar",
    "deltakar", "deltakarar", "deltakarane", "deltakaren", "namn", "namna", "grunngjeving",
    "grunngjevinga", "nosituasjonen", "oppfattar", "bidrege", "leiinga", "vurderinga",
    "vurderingane", "vurderingar", "arbeidsboka", "karakterar", "karakterane", "komponentane",
    "vedteke", "tilstrekkeleg", "ansvarleg", "prosessleiar", "prioriteringar", "prioriteringa",
    "samanlikn", "fjernar", "spreiing", "personar",
})
_WORD = re.compile(r"[^\W\d_]+")


def _docstring_lines(tree: ast.AST) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            if (isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant)
                    and isinstance(first.value.value, str)):
                lines.update(range(first.lineno, (first.end_lineno or first.lineno) + 1))
    return lines


def _texts(path: Path) -> list[tuple[int, str]]:
    """The file's user texts with their line: string literals, or data lines (not comments)."""
    source = path.read_text(encoding="utf-8")
    if path.suffix != ".py":
        return [(i, line) for i, line in enumerate(source.splitlines(), 1)
                if not line.lstrip().startswith("#")]
    docs = _docstring_lines(ast.parse(source))
    return [(t.start[0], t.string)
            for t in tokenize.generate_tokens(io.StringIO(source).readline)
            if t.type == tokenize.STRING and t.start[0] not in docs]


def _files() -> list[Path]:
    code = [p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts]
    data = [p for p in (PACKAGE / "seed_data").rglob("*") if p.suffix in (".csv", ".toml")]
    letters = sorted((PACKAGE / "exports" / "letter_templates").glob("*.txt"))
    return sorted(code) + sorted(data) + letters


def nynorsk_words(path: Path, root: Path) -> list[str]:
    """«file:line: word» for each nynorsk word in the file's user texts."""
    return [f"{path.relative_to(root)}:{line}: {word}"
            for line, text in _texts(path) for word in _WORD.findall(text)
            if word.lower() in NYNORSK]


def test_the_check_finds_nynorsk_in_texts_but_not_in_docstrings(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text('"""Kva er dette? (a docstring is not shown)"""\n'
                      'HELP = "berre arbeidsbøker for denne vurderinga"\n'
                      'OK = "bare arbeidsbøker for denne vurderingen"\n', encoding="utf-8")
    assert nynorsk_words(sample, tmp_path) == ["sample.py:2: berre", "sample.py:2: vurderinga"]
    data = tmp_path / "data.csv"
    data.write_text("# kva kvar vurdering prioriterte\nnumber,text\n1,Frå kommunen\n",
                    encoding="utf-8")
    assert nynorsk_words(data, tmp_path) == ["data.csv:3: Frå"]


def test_user_texts_are_bokmal() -> None:
    found = [hit for path in _files() for hit in nynorsk_words(path, PACKAGE.parent)]
    assert found == []
