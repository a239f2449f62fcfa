"""Extract every message id from the code, merge it into the zh_CN catalogue, compile it.

Run after adding or changing a message: ``python scripts/update_catalogue.py``; then translate
the new entries in ``lawgov.po`` (they are marked ``#, fuzzy`` or have an empty ``msgstr``),
run it again to compile, and review the .po diff. ``tests/test_i18n.py`` fails while an id is
untranslated or the compiled ``lawgov.mo`` is older than the .po.
"""

from __future__ import annotations

import datetime
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "lawgov_report"
PO = PACKAGE / "i18n" / "locale" / "zh_CN" / "LC_MESSAGES" / "lawgov.po"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
FIXED_DATE = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)


def extracted() -> list[tuple[str | tuple[str, ...], str]]:
    """(message id or (singular, plural), 'file:line') of every message in the package.

    Babel finds the ``_()``, ``N_()`` and ``ngettext()`` calls; the help texts of the commands
    (docstrings and ``help=``, paragraph by paragraph) and their metavars come from the app.
    """
    import typer.main

    from lawgov_report.cli.app import app
    from lawgov_report.cli.help import help_ids

    found: list[tuple[str | tuple[str, ...], str]] = []
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(PACKAGE), keywords=KEYWORDS, comment_tags=(), strip_comment_tags=True
    ):
        found.append((message, f"{filename}:{lineno}"))
    for message, where in help_ids(typer.main.get_command(app)):
        path, _sep, line = where.rpartition(":")
        found.append((message, f"{Path(path).relative_to(PACKAGE)}:{line}"))
    return found


def compiled(po_text: bytes) -> bytes:
    """The .mo bytes of a .po text (deterministic: Babel sorts the entries)."""
    catalog = read_po(io.BytesIO(po_text), locale="zh_CN")
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def untranslated(catalog: Catalog) -> list[object]:
    """Ids whose translation (or one of whose plural forms) is empty, or marked fuzzy."""
    return [
        m.id
        for m in catalog
        if m.id
        and (m.fuzzy or not m.string or (isinstance(m.string, tuple | list) and not all(m.string)))
    ]


def main() -> int:
    catalog = read_po(io.BytesIO(PO.read_bytes()), locale="zh_CN")
    template = Catalog(locale=None)
    for message, where in extracted():
        template.add(message, locations=[(where.rpartition(":")[0], int(where.rpartition(":")[2]))])
    catalog.update(template, no_fuzzy_matching=True)
    # A header that does not change on every run: the .po is reviewed in git.
    catalog.project, catalog.version = "lawgov", ""
    catalog.creation_date = catalog.revision_date = FIXED_DATE
    catalog.msgid_bugs_address = catalog.last_translator = catalog.language_team = ""
    out = io.BytesIO()
    write_po(
        out,
        catalog,
        width=100,
        no_location=True,
        sort_output=True,
        omit_header=False,
        ignore_obsolete=True,
    )
    PO.write_bytes(out.getvalue())
    PO.with_suffix(".mo").write_bytes(compiled(out.getvalue()))
    missing = untranslated(catalog)
    for message_id in missing:
        print(f"untranslated: {message_id!r}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
