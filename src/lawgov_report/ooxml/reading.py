"""Opening Word files with python-docx, for the commands that read them (import, textconv).

Why a module: both turn "this is not a .docx" into the same located error, and both import
python-docx only when they run — building never needs it.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

from ..errors import Diagnostic, ReportError, Severity, SourceLocation


def open_document(path: Path, display: str) -> Any:
    """The python-docx ``Document`` of ``path``, or a ``ReportError`` saying why not."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        return docx.Document(io.BytesIO(path.read_bytes()))
    except OSError as exc:
        message = f"cannot read: {exc.strerror}"
        code = "LG001"
    except (zipfile.BadZipFile, KeyError, ValueError, PackageNotFoundError) as exc:
        message = f"not a Word .docx file ({exc})"
        code = "LG501"
    raise ReportError([Diagnostic(SourceLocation(display), Severity.ERROR, code, message)])
