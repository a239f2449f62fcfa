"""The Jinja environment: template search path, strict undefined, filters, located errors.

Why one place: both writers render through Jinja, and both need the same guarantees — a
misspelled variable fails loudly (``StrictUndefined``), XML templates autoescape so user text is
never markup, user template directories come before the built-in ones, and every template error
names the template file and line. Environments are cached so a batch compiles each template once.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Any

import jinja2
import jinja2.exceptions
import jinja2.sandbox

from ..errors import Diagnostic, Severity, SourceLocation, TemplateError
from . import markdown_escape, numbering


def builtin_template_dir() -> Path:
    """The templates shipped in the wheel, or the repository's ``templates/`` in a checkout."""
    package = Path(__file__).resolve().parents[1]
    packaged = package / "templates"
    if packaged.is_dir():
        return packaged
    return package.parents[1] / "templates"


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept between runs (keyed by the template source's checksum).

    Compiling the two built-in templates is most of a cold build's own time; Jinja's bytecode
    cache is safe because a changed template has another checksum. ``LAWGOV_CACHE_DIR`` sets
    the directory; an empty value turns the cache off. Without a writable directory: no cache.
    """
    configured = os.environ.get("LAWGOV_CACHE_DIR")
    if configured == "":
        return None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    directory = (
        Path(configured) if configured else Path(base) / "lawgov" / f"jinja-{jinja2.__version__}"
    )
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(directory))


def _autoescape(name: str | None) -> bool:
    """XML and HTML templates escape every value: user text is text, never markup."""
    return bool(name) and str(name).endswith((".xml.j2", ".xml", ".html.j2", ".html"))


def _official_date(value: Any) -> str:
    return numbering.official_date(value.year, value.month, value.day)


@functools.lru_cache(maxsize=8)
def make_env(template_dirs: tuple[Path, ...] = ()) -> jinja2.Environment:
    """An environment searching ``template_dirs`` first, then the built-in templates.

    User-supplied directories run in Jinja's sandbox; the built-ins need no sandbox.
    """
    search = [*template_dirs, builtin_template_dir()]
    env_cls = jinja2.sandbox.SandboxedEnvironment if template_dirs else jinja2.Environment
    env = env_cls(
        loader=jinja2.FileSystemLoader([str(p) for p in search], encoding="utf-8"),
        bytecode_cache=_bytecode_cache(),
        undefined=jinja2.StrictUndefined,
        autoescape=_autoescape,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = markdown_escape.inline
    env.filters["md_line"] = markdown_escape.line
    env.filters["official_date"] = _official_date
    return env


def _template_location(exc: BaseException, name: str) -> SourceLocation:
    """Where in which template file the error happened.

    Jinja rewrites tracebacks so that frames of template code carry the template's file name
    and line; the innermost such frame is where the error is.
    """
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return SourceLocation(exc.filename or name, exc.lineno, 1)
    found = SourceLocation(name)
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            found = SourceLocation(filename, tb.tb_lineno, 1)
        tb = tb.tb_next
    return found


def render(
    template_name: str, context: dict[str, Any], template_dirs: tuple[Path, ...] = ()
) -> str:
    """Render one template; any template problem becomes a ``TemplateError`` with its location."""
    env = make_env(template_dirs)
    try:
        template = env.get_template(template_name)
        return template.render(context)
    except jinja2.TemplateNotFound as exc:
        searched = ", ".join(str(p) for p in (*template_dirs, builtin_template_dir()))
        message = f"template '{exc.name}' not found (searched: {searched})"
        raise TemplateError(
            [Diagnostic(SourceLocation(template_name), Severity.ERROR, "LG301", message)]
        ) from None
    except jinja2.exceptions.SecurityError as exc:
        location = _template_location(exc, template_name)
        raise TemplateError(
            [
                Diagnostic(
                    location, Severity.ERROR, "LG303", f"refused by the template sandbox: {exc}"
                )
            ]
        ) from None
    except jinja2.TemplateError as exc:
        location = _template_location(exc, template_name)
        raise TemplateError(
            [Diagnostic(location, Severity.ERROR, "LG302", exc.message or str(exc))]
        ) from None
