"""``lawgov doctor``: can this computer make the PDF, and in which fonts?

Like every command module it only asks the library and prints: the LibreOffice found (and its
version), whether the ``pdf`` extra is installed, and for each part of the document the font
the .docx names, the installed face it gets through fontconfig (itself or a substitute of the
same style) and whether that face's licence lets a PDF embed it. Exit 0 when a PDF can be
made, 3 when something it needs is missing (each with how to install it).
"""

import tempfile
from pathlib import Path
from typing import Annotated

import typer

from ..i18n import _
from .printing import EXIT_OK, EXIT_OUTPUT, print_diagnostics, result


def _problem(what: str, code: str, message: str, hint: str) -> None:
    from ..errors import Diagnostic, Severity, SourceLocation

    print_diagnostics([Diagnostic(SourceLocation(what), Severity.ERROR, code, message, hint=hint)])


def _fonts_of(report_file: Path | None) -> list[tuple[str, str]] | None:
    """(role key, font name) per role: the YAML's ``output.fonts`` or the defaults."""
    from ..typeset.fonts import ROLES

    if report_file is None:
        return [(role.key, role.default) for role in ROLES]
    from ..errors import LawgovError
    from ..pipeline import load_report

    try:
        chosen = load_report(report_file).output.fonts
    except LawgovError as exc:
        print_diagnostics(exc.diagnostics)
        return None
    return [(role.key, str(getattr(chosen, role.key))) for role in ROLES]


def _font_lines(roles: list[tuple[str, str]]) -> bool:
    """Print the face each role gets; False when a serif role would fall to a sans face."""
    from ..typeset import fonts

    styles = {role.key: role.style for role in fonts.ROLES}
    wanted = [(name, fonts.style_of(name, styles[key])) for key, name in roles]
    plan = fonts.plan(wanted)
    if plan.config is None:
        result(
            _(
                "fonts: fontconfig not found; LibreOffice uses this computer's own fonts "
                "(on Windows: 仿宋_GB2312, 楷体_GB2312, 黑体, 宋体 and 方正小标宋简体 if installed)"
            )
        )
        return True
    choices = {choice.name: choice for choice in plan.choices}
    good = True
    result(_("fonts (the face each part of the PDF gets, through fontconfig):"))
    with tempfile.TemporaryDirectory(prefix="lawgov-doctor-") as work:
        config = Path(work) / "fonts.conf"
        config.write_text(plan.config, encoding="utf-8")
        for key, name in roles:
            choice = choices[name]
            face = fonts.resolve(name, config)
            if choice.exact:
                how = _("installed")
            elif choice.family:
                how = _("substitute of the same style")
            else:
                how = _("no face of this style installed")
            if face is None:
                line = _("{role}: {name} → no face found by fontconfig; {how}")
                shown, permission = "", ""
            else:
                line = _("{role}: {name} → {family} ({file}); {how}; {permission}")
                shown = face.family
                embedding = fonts.embedding(face)
                if embedding is None:
                    permission = _("embedding: unknown (needs fontTools)")
                elif embedding.allowed:
                    permission = _("may be embedded")
                else:
                    permission = _("may NOT be embedded (fsType {value:#06x})").format(
                        value=embedding.fs_type
                    )
                    good = False
            text = line.format(
                role=fonts.role_label(key),
                name=name,
                family=shown,
                file=face.file if face else "",
                how=how,
                permission=permission,
            )
            result("  " + text)
            if choice.falls_to_sans:
                good = False
                _problem(
                    name,
                    "LG413",
                    _(
                        "no serif Chinese font for “{name}”; the PDF would show it in a sans face"
                    ).format(name=name),
                    _(
                        "install one (Debian: sudo apt-get install fonts-noto-cjk "
                        "fonts-arphic-uming fonts-arphic-ukai), or the font itself"
                    ),
                )
    return good


def doctor(
    file: Annotated[
        Path | None,
        typer.Argument(
            metavar="FILE",
            help="A report YAML: check the fonts its output.fonts names (default: the 公文 fonts).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Check what --format pdf needs: LibreOffice, pikepdf, and the font each part gets.

    For each part of the document (body, title, headings, page numbers) it shows the font the
    Word file names, the installed face LibreOffice will use (the font itself, or a
    substitute of the same style: serif for 仿宋/宋体/小标宋, kai for 楷体, sans for 黑体) and
    whether the face may be embedded in a PDF. Exit code 3 when something is missing.

    Example: lawgov doctor examples/2021.yaml
    """
    from ..typeset.libreoffice import find_soffice, install_hint, version

    ready = True
    soffice = find_soffice()
    if soffice is None:
        ready = False
        _problem("soffice", "LG410", _("LibreOffice is not installed or not found"), install_hint())
    else:
        found = version(soffice) or _("version unknown")
        result(_("LibreOffice: {version} ({path})").format(version=found, path=soffice))
    try:
        import pikepdf

        result(_("pikepdf: {version}").format(version=pikepdf.__version__))
    except ImportError:
        ready = False
        _problem(
            "pikepdf",
            "LG412",
            _("the PDF step needs the Python package pikepdf, which is not installed"),
            _('install it with: pip install "lawgov-report[pdf]"'),
        )
    roles = _fonts_of(file)
    if roles is None:
        raise typer.Exit(1)
    fonts_ok = _font_lines(roles)
    if ready:
        result(
            _("PDF output: ready")
            if fonts_ok
            else _("PDF output: ready, with the font problems above")
        )
    raise typer.Exit(EXIT_OK if ready else EXIT_OUTPUT)


def register(app: typer.Typer) -> None:
    """Add ``doctor`` to the ``lawgov`` app."""
    app.command()(doctor)
