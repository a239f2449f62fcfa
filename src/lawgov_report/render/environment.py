"""The Jinja environment: template search path, strict undefined, filters, located errors.

Why one place: both writers render through Jinja, and both need the same guarantees — a
misspelled variable fails loudly (``StrictUndefined``), XML templates autoescape so user text is
never markup, user template directories come before the built-in ones, and every template error
names the template file and line. Environments are cached so a batch compiles each template once.
"""

from __future__ import annotations

import contextlib
import functools
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache
import jinja2.exceptions

from ..errors import Diagnostic, Severity, SourceLocation, TemplateError, os_error_text
from ..i18n import _
from . import markdown_escape, numbering
from .sandbox import LimitExceeded, Limits


def builtin_template_dir() -> Path:
    """The templates shipped in the wheel, or the repository's ``templates/`` in a checkout."""
    package = Path(__file__).resolve().parents[1]
    packaged = package / "templates"
    if packaged.is_dir():
        return packaged
    return package.parents[1] / "templates"


class _OptionalBytecodeCache(jinja2.FileSystemBytecodeCache):
    """Jinja's file cache, except that a cache it cannot read or write is simply not used.

    Why: the cache only saves time. A directory left unwritable by a ``sudo`` run, a full disk or
    a damaged cache file must never fail a build.
    """

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # unreadable or damaged (cut short: pickle and marshal errors)
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def cache_directory(kind: str) -> Path | None:
    """A usable directory for lawgov's cache of ``kind``, or None: then nothing is cached.

    ``LAWGOV_CACHE_DIR`` sets the directory (empty: no cache); else ``$XDG_CACHE_HOME/lawgov``
    or ``~/.cache/lawgov``. Usable means: a directory we can create or that exists, and that we
    may write to. Anything else (no home directory, a file in the way, no permission) means no
    cache, silently: the cache is an optimisation, never a requirement.
    """
    configured = os.environ.get("LAWGOV_CACHE_DIR")
    if configured == "":
        return None
    try:
        if configured:
            base = Path(configured)
        else:
            xdg = os.environ.get("XDG_CACHE_HOME", "")
            root = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".cache"
            base = root / "lawgov"
        directory = base / kind
        directory.mkdir(parents=True, exist_ok=True)
        if not (directory.is_dir() and os.access(directory, os.W_OK | os.X_OK)):
            return None
    except (OSError, RuntimeError):  # RuntimeError: Path.home() without a home directory
        return None
    return directory


def _bytecode_cache(kind: str) -> jinja2.BytecodeCache | None:
    """Compiled templates kept between runs (keyed by the template source's checksum).

    Compiling the two built-in templates is most of a cold build's own time; Jinja's bytecode
    cache is safe because a changed template has another checksum. User templates are compiled
    with the sandbox's guards, so their code lives in a directory of its own.
    """
    directory = cache_directory(f"jinja-{jinja2.__version__}{kind}")
    return None if directory is None else _OptionalBytecodeCache(str(directory))


def _autoescape(name: str | None) -> bool:
    """XML and HTML templates escape every value: user text is text, never markup."""
    return bool(name) and str(name).endswith((".xml.j2", ".xml", ".html.j2", ".html"))


def _official_date(value: Any) -> str:
    return numbering.official_date(value.year, value.month, value.day)


def _text_filter(function: Callable[[str], str]) -> Callable[[Any], str]:
    """A text filter that also takes numbers, and fails as Jinja does on an undefined value.

    ``str()`` of a ``StrictUndefined`` raises Jinja's located "'x' is undefined" error, so a
    misspelled variable behind ``| md`` reads like one anywhere else.
    """

    @functools.wraps(function)
    def filtered(value: Any) -> str:
        return function(value if isinstance(value, str) else str(value))

    return filtered


class _ConfinedLoader(jinja2.FileSystemLoader):
    """A search path whose files must really be inside their directory.

    Why: a template that is a symbolic link to ``~/.ssh/id_rsa`` or ``/etc/passwd`` would put
    that file into the report. Jinja already refuses ``..`` in template names; this refuses
    links (and link directories) that lead out of the template directory.
    """

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        for directory in self.searchpath:
            candidate = Path(directory, *template.split("/"))
            if not candidate.is_file():
                continue
            inside = Path(directory).resolve()
            target = candidate.resolve()
            if not target.is_relative_to(inside):
                raise OutsideTemplateDirectory(str(candidate), str(target))
            try:
                return super().get_source(environment, template)
            except UnicodeDecodeError as exc:
                line = exc.object[: exc.start].count(b"\n") + 1
                message = _(
                    "the template is not UTF-8 text (byte 0x{byte:02x} cannot be read); "
                    "save it as UTF-8"
                ).format(byte=exc.object[exc.start])
                raise UnreadableTemplate(message, line, template, str(candidate)) from None
            except OSError as exc:
                message = _("cannot read the template: {reason}").format(reason=os_error_text(exc))
                raise UnreadableTemplate(message, 0, template, str(candidate)) from None
        return super().get_source(environment, template)


class UnreadableTemplate(jinja2.TemplateSyntaxError):
    """A template file that cannot be read as UTF-8 text (located like a syntax error)."""


class OutsideTemplateDirectory(jinja2.TemplateError):
    """A template file that resolves to a file outside its template directory."""

    def __init__(self, path: str, target: str) -> None:
        super().__init__(path)
        self.path = path
        self.target = target


@functools.lru_cache(maxsize=8)
def make_env(template_dirs: tuple[Path, ...] = ()) -> jinja2.Environment:
    """An environment searching ``template_dirs`` first, then the built-in templates.

    User-supplied directories run in the guarded sandbox (``sandbox.Limits``) with a loader
    confined to each directory; the built-ins need neither.
    """
    search = [str(p) for p in (*template_dirs, builtin_template_dir())]
    options: dict[str, Any] = {
        "undefined": jinja2.StrictUndefined,
        "autoescape": _autoescape,
        "keep_trailing_newline": True,
        "trim_blocks": True,
        "lstrip_blocks": True,
    }
    filters: dict[str, Callable[..., Any]] = {
        "md": _text_filter(markdown_escape.inline),
        "md_line": _text_filter(markdown_escape.line),
        "official_date": _official_date,
    }
    env: jinja2.Environment
    if template_dirs:
        from .sandbox import GuardedEnvironment

        guarded = GuardedEnvironment(
            loader=_ConfinedLoader(search, encoding="utf-8"),
            bytecode_cache=_bytecode_cache("-guarded"),
            **options,
        )
        for name, function in filters.items():
            guarded.add_filter(name, function)
        return guarded
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(search, encoding="utf-8"),
        bytecode_cache=_bytecode_cache(""),
        **options,
    )
    env.filters.update(filters)
    return env


def _template_location(exc: BaseException, name: str) -> SourceLocation:
    """Where in which template file the error happened.

    Jinja rewrites tracebacks so that frames of template code carry the template's file name
    and line (their globals hold ``__jinja_exception__``); the innermost such frame is where
    the error is. Jinja knows lines, not columns: the column stays 0 (unknown), never a guess.
    """
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return SourceLocation(exc.filename or name, exc.lineno, 0)
    found = SourceLocation(name)
    tb = exc.__traceback__
    while tb is not None:
        frame = tb.tb_frame
        if "__jinja_exception__" in frame.f_globals or frame.f_code.co_filename.endswith(".j2"):
            found = SourceLocation(frame.f_code.co_filename, tb.tb_lineno, 0)
        tb = tb.tb_next
    return found


def _explained(
    detail: str, names: list[str], filters: list[str] | None = None
) -> tuple[str, str] | None:
    """Jinja's words for an undefined name or filter, a missing field or a refusal, told plainly."""
    from .template_errors import explain  # only when a template has failed

    return explain(detail, names, filters or [])


def _error(exc: BaseException, name: str, code: str, message: str, hint: str = "") -> TemplateError:
    location = _template_location(exc, name)
    return TemplateError([Diagnostic(location, Severity.ERROR, code, message, hint=hint)])


def render(
    template_name: str,
    context: dict[str, Any],
    template_dirs: tuple[Path, ...] = (),
    limits: Limits | None = None,
) -> str:
    """Render one template; any template problem becomes a ``TemplateError`` with its location.

    User templates (from ``template_dirs``) run within ``limits`` (default ``Limits()``), and
    whatever goes wrong in them — a limit, endless recursion, a Python error in an expression —
    is the template's problem, reported at its file and line. In the built-in templates only
    Jinja's own errors are expected; anything else is a bug in lawgov and keeps its traceback.
    """
    env = make_env(template_dirs)
    try:
        template = env.get_template(template_name)
        if not template_dirs:
            return template.render(context)
        from .sandbox import render_within

        return render_within(template, context, limits or Limits())
    except jinja2.TemplateNotFound as exc:
        searched = ", ".join(str(p) for p in (*template_dirs, builtin_template_dir()))
        message = _("template '{name}' not found (searched: {searched})").format(
            name=exc.name, searched=searched
        )
        # An include or import of a missing file is located at that line of the template.
        raise _error(exc, template_name, "LG301", message) from None
    except OutsideTemplateDirectory as exc:
        message = _("the template file {path} leads outside its directory, to {target}; refused")
        hint = _("copy the file into the template directory instead of linking to it")
        raise _error(
            exc, exc.path, "LG303", message.format(path=exc.path, target=exc.target), hint
        ) from None
    except jinja2.exceptions.SecurityError as exc:
        message, hint = _explained(str(exc), [*context, *env.globals]) or (
            _("refused by the template sandbox: {reason}").format(reason=exc),
            "",
        )
        raise _error(exc, template_name, "LG303", message, hint) from None
    except UnreadableTemplate as exc:
        raise _error(exc, template_name, "LG302", exc.message or str(exc)) from None
    except jinja2.TemplateSyntaxError as exc:
        detail = exc.message or str(exc)
        message, hint = _explained(detail, [], list(env.filters)) or (
            _("template syntax error: {detail}").format(detail=detail),
            "",
        )
        raise _error(exc, template_name, "LG302", message, hint) from None
    except jinja2.TemplateError as exc:
        detail = exc.message or str(exc)
        message, hint = _explained(detail, [*context, *env.globals]) or (detail, "")
        raise _error(exc, template_name, "LG302", message, hint) from None
    except LimitExceeded as exc:
        raise _error(exc, template_name, "LG308", str(exc), exc.hint) from None
    except RecursionError as exc:
        message = _("the template calls itself without end")
        hint = _("look for a macro or include that calls itself with no condition to stop")
        raise _error(exc, template_name, "LG308", message, hint) from None
    except MemoryError as exc:
        message = _("the template needs more memory than there is")
        raise _error(exc, template_name, "LG308", message) from None
    except Exception as exc:
        if not template_dirs:
            raise
        message = _(
            "an expression on this line of the template cannot be computed; check the values "
            "and operations it uses (detail: {reason})"
        ).format(reason=f"{type(exc).__name__}: {exc}")
        raise _error(exc, template_name, "LG302", message) from None


def output_origins(
    template_name: str, context: dict[str, Any], template_dirs: tuple[Path, ...] = ()
) -> list[tuple[int, SourceLocation]]:
    """Where each piece of a template's output comes from: (its first byte, template file:line).

    Why: when the output of a user's template is not well-formed XML, the parser knows a place
    in the output; a clerk needs the line of the template. Jinja renders piece by piece from a
    generator compiled with a map from its code lines to template lines (``debug_info``); the
    innermost generator after each piece (an include's, inside the template's) is where that
    piece was written. Only called after a render succeeded, to explain its output.
    """
    template = make_env(template_dirs).get_template(template_name)
    pieces = template.generate(context)
    origins: list[tuple[int, SourceLocation]] = []
    sources: dict[str, list[str]] = {}
    offset = 0
    for piece in pieces:
        generator: Any = pieces
        while getattr(generator, "gi_yieldfrom", None) is not None:
            generator = generator.gi_yieldfrom
        frame = generator.gi_frame
        where = SourceLocation(template.filename or template_name)
        if frame is not None and "debug_info" in frame.f_globals:
            pairs = [
                tuple(int(n) for n in pair.split("="))
                for pair in str(frame.f_globals["debug_info"]).split("&")
                if "=" in pair
            ]
            line = next((t for t, code in reversed(pairs) if code <= frame.f_lineno), 1)
            path = frame.f_code.co_filename
            if all(code != frame.f_lineno for _t, code in pairs):  # literal text, not {{ … }}
                line = _literal_line(sources, path, piece, line)
            where = SourceLocation(path, line, 0)
        origins.append((offset, where))
        offset += len(piece.encode("utf-8"))
    return origins


def _literal_line(sources: dict[str, list[str]], path: str, piece: str, line: int) -> int:
    """The line of literal text ``piece`` at or just after ``line`` (Jinja maps only expressions).

    Jinja's map places the literal text before an expression at the previous expression's
    line; finding the text itself in the next few lines of the file gives its own line.
    """
    text = next((part.strip() for part in piece.split("\n") if part.strip()), "")
    if not text:
        return line
    if path not in sources:
        try:
            sources[path] = Path(path).read_text(encoding="utf-8").split("\n")
        except (OSError, UnicodeDecodeError):
            sources[path] = []
    lines = sources[path]
    for number in range(line, min(line + 10, len(lines)) + 1):
        if text in lines[number - 1]:
            return number
    return line


def origin_of(origins: list[tuple[int, SourceLocation]], offset: int) -> SourceLocation | None:
    """The template line that wrote the output byte at ``offset`` (see ``output_origins``)."""
    found = None
    for start, where in origins:
        if start > offset:
            break
        found = where
    return found
