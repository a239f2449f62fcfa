"""Help screens and usage errors in the reader's language, laid out for Chinese text.

Why a module of its own: Typer 0.29 vendors Click (``typer._click``) with its words hard-coded
("Usage: ", "Show this message and exit.", "No such option") and prints metavars as programmer
notation (``{files}...``, ``<list[Path]>``, ``<int range>``). Typer's documented extension point
is the command and group class (``cls=``) with its context and formatter classes; through them
this module writes every help screen itself — translated paragraphs, readable metavars (文件,
目录, 数量), ``-h`` beside ``--help``, lines wrapped by display width (a Chinese character
takes two columns) — and its group hands usage errors to ``usage`` to be re-told. It reads a
few Typer internals (``type_descriptor``, the exception classes of ``typer._click``), so the
Typer version is pinned in ``pyproject.toml`` and ``tests/test_cli_help.py`` fails loudly when
an upgrade changes them. Every command is made through ``LawgovTyper``, which uses these classes.

Help texts stay in the docstrings and ``help=`` arguments in English; each paragraph is a
message id, collected by ``scripts/update_catalogue.py`` from the app itself (``help_ids``).
"""

import inspect
import re
from collections.abc import Callable, Iterator, Sequence
from enum import Enum
from pathlib import Path
from typing import Any

import typer
from typer import _click
from typer._click import exceptions as click_exceptions
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption
from typer.models import CommandFunctionType

from ..i18n import _
from .console import display_width, wrap

VERBATIM = "\b"  # a paragraph starting with a line "\b" is printed as written (commands)
_VERBATIM_LINES = ("\b", "\\b")  # Click's backspace, or a literal backslash-b in a raw docstring
_EXAMPLE = "Example: "
HELP_OPTION_NAMES = ["-h", "--help"]


class LawgovFormatter(_click.HelpFormatter):
    """Click's help formatter with translated headings and display-width wrapping."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        """``Usage: lawgov build [OPTIONS] FILE...`` in the reader's language."""
        label = prefix or _("Usage: ")
        head = f"{' ' * self.current_indent}{label}{prog} "
        width = max(self.width, display_width(head) + 20)
        lines = wrap(args, width, head, " " * display_width(head))
        self.write("\n".join(lines) + "\n")

    def write_heading(self, heading: str) -> None:
        """``Options:`` → ``选项：``."""
        text = _("{heading}:").format(heading=heading)
        self.write(f"{' ' * self.current_indent}{text}\n")

    def write_text(self, text: str) -> None:
        """Paragraphs separated by blank lines; a verbatim paragraph as written."""
        indent = " " * self.current_indent
        blocks = []
        for paragraph in text.split("\n\n"):
            if paragraph.startswith(VERBATIM):
                blocks.append("\n".join(indent + ln for ln in paragraph.splitlines()[1:]))
            else:
                blocks.append("\n".join(wrap(paragraph, self.width, indent, indent)))
        self.write("\n\n".join(blocks) + "\n")

    def write_dl(
        self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        """Two columns (option, help); the help wraps in its own column."""
        rows = list(rows)
        if not rows:
            return
        first_col = min(max(display_width(r[0]) for r in rows), col_max) + col_spacing
        indent = " " * self.current_indent
        hang = " " * (first_col + self.current_indent)
        text_width = max(self.width - first_col - self.current_indent, 20)
        for first, second in rows:
            self.write(f"{indent}{first}")
            if not second:
                self.write("\n")
                continue
            if display_width(first) <= first_col - col_spacing:
                self.write(" " * (first_col - display_width(first)))
            else:
                self.write("\n" + hang)
            lines = wrap(second, text_width + len(hang), hang, hang)
            self.write(lines[0][len(hang) :] + "\n")
            for line in lines[1:]:
                self.write(line + "\n")


class LawgovContext(_click.Context):
    """A context whose help pages use ``LawgovFormatter``."""

    formatter_class = LawgovFormatter


# ------------------------------------------------------------------ help texts


def help_paragraphs(text: str | None) -> list[str]:
    """The paragraphs of a help text, each normalised to one line (its message id).

    A paragraph whose first line is Click's no-rewrap marker (commands to copy) keeps its
    lines, and is returned starting with ``VERBATIM``.
    """
    if not text:
        return []
    body = inspect.cleandoc(text).partition("\f")[0]
    paragraphs = []
    for block in re.split(r"\n\s*\n", body):
        first, _sep, rest = block.partition("\n")
        if first.strip() in _VERBATIM_LINES:
            paragraphs.append(VERBATIM + "\n" + rest)
        elif block.strip():
            paragraphs.append(" ".join(block.split()))
    return paragraphs


def translate_paragraph(paragraph: str) -> str:
    """One help paragraph in the reader's language (examples keep their command)."""
    if paragraph.startswith(VERBATIM):
        return paragraph
    if paragraph.startswith(_EXAMPLE):
        return _("Example: {command}").format(command=paragraph.removeprefix(_EXAMPLE))
    return _(paragraph)


def translate_help(text: str | None) -> str:
    """A whole help text in the reader's language, paragraphs separated by blank lines."""
    return "\n\n".join(translate_paragraph(p) for p in help_paragraphs(text))


def help_ids(command: _click.Command) -> Iterator[tuple[str, str]]:
    """(message id, where) for every help paragraph and metavar of ``command`` and below.

    ``scripts/update_catalogue.py`` adds these to the catalogue: help texts live in docstrings,
    which Babel's extractor does not see.
    """
    callback = inspect.unwrap(command.callback) if command.callback is not None else None
    where = (
        f"{inspect.getsourcefile(callback)}:{inspect.getsourcelines(callback)[1]}"
        if callback is not None
        else f"{__file__}:1"
    )
    for paragraph in help_paragraphs(command.help):
        if not paragraph.startswith((VERBATIM, _EXAMPLE)):
            yield paragraph, where
    for param in command.params:
        for paragraph in help_paragraphs(getattr(param, "help", None)):
            yield paragraph, where
        if param.metavar:
            yield param.metavar, where
    for sub in getattr(command, "commands", {}).values():
        yield from help_ids(sub)


# ------------------------------------------------------------------ parameters


def choices(param: _click.Parameter) -> list[str] | None:
    """The values a parameter takes when they are a fixed set (an enum), as typed."""
    descriptor = getattr(param, "type_descriptor", None)
    allowed = descriptor.choices if descriptor is not None else None
    if not allowed:
        return None
    return [str(c.value) if isinstance(c, Enum) else str(c) for c in allowed]


def metavar(param: _click.Parameter) -> str:
    """The readable word for a parameter's value: its metavar translated, or one from its type."""
    if param.metavar:
        return _(param.metavar)
    allowed = choices(param)
    if allowed:
        return "|".join(allowed)
    descriptor = getattr(param, "type_descriptor", None)
    annotation = descriptor.annotation if descriptor is not None else str
    if descriptor is not None and descriptor.is_list:
        annotation = (getattr(annotation, "__args__", None) or (str,))[0]
    if (descriptor is not None and descriptor.is_path) or annotation is Path:
        return _("PATH")
    if annotation is int:
        return _("N")
    if annotation is float:
        return _("NUMBER")
    return _("TEXT")


def _is_list_argument(param: _click.Parameter) -> bool:
    return isinstance(param, TyperArgument) and param.nargs != 1


def param_name(param: _click.Parameter) -> str:
    """How an error message names a parameter: ``--jobs / -j``, or the argument's word."""
    name = " / ".join(param.opts) if isinstance(param, TyperOption) else metavar(param)
    return _("'{value}'").format(value=name)


def _extras(param: _click.Parameter, ctx: _click.Context) -> list[str]:
    extras = []
    show_default = getattr(param, "show_default", False)
    default = param.get_default(ctx, call=False)
    is_flag = bool(getattr(param, "is_flag", False))
    if show_default and not is_flag and default not in (None, "", [], ()) and not callable(default):
        values = default if isinstance(default, list | tuple) else [default]
        shown = ", ".join(str(v.value) if isinstance(v, Enum) else str(v) for v in values)
        extras.append(_("default: {value}").format(value=shown))
    low, high = getattr(param, "min", None), getattr(param, "max", None)
    if low is not None and high is not None:
        extras.append(_("{low} to {high}").format(low=low, high=high))
    elif low is not None:
        extras.append(_("at least {low}").format(low=low))
    elif high is not None:
        extras.append(_("at most {high}").format(high=high))
    if param.required:
        extras.append(_("required"))
    return extras


def _option_names(opts: list[str]) -> str:
    """``-o, --output-dir``: the short form first."""
    return ", ".join(sorted(opts, key=lambda o: (o.startswith("--"), o)))


def _help_record(
    command: _click.Command, param: _click.Parameter, ctx: _click.Context
) -> tuple[str, str] | None:
    if getattr(param, "hidden", False):
        return None
    if param is command.get_help_option(ctx):
        return _option_names(param.opts), _("Show this help and exit.")
    if isinstance(param, TyperOption):
        names = _option_names(param.opts)
        if param.secondary_opts:
            names += " / " + ", ".join(param.secondary_opts)
        if not param.is_flag:
            names += f" {metavar(param)}"
    else:
        names = metavar(param) + ("..." if _is_list_argument(param) else "")
    text = translate_help(getattr(param, "help", None))
    extras = _extras(param, ctx)
    if extras:
        joined = _("; ").join(extras)
        text = (
            _("{help}  [{extras}]").format(help=text, extras=joined)
            if text
            else _("[{extras}]").format(extras=joined)
        )
    return names, text


def _format_params(command: _click.Command, ctx: _click.Context, formatter: Any) -> None:
    arguments: list[tuple[str, str]] = []
    options: list[tuple[str, str]] = []
    for param in command.get_params(ctx):
        record = _help_record(command, param, ctx)
        if record is None:
            continue
        (options if isinstance(param, TyperOption) else arguments).append(record)
    if arguments:
        with formatter.section(_("Arguments")):
            formatter.write_dl(arguments)
    if options:
        with formatter.section(_("Options")):
            formatter.write_dl(options)


def _usage_pieces(command: _click.Command, ctx: _click.Context) -> list[str]:
    pieces = [_("[OPTIONS]")] if command.options_metavar else []
    for param in command.get_params(ctx):
        if isinstance(param, TyperArgument):
            word = metavar(param) + ("..." if _is_list_argument(param) else "")
            pieces.append(word if param.required else f"[{word}]")
    return pieces


def _format_help_text(command: _click.Command, formatter: _click.HelpFormatter) -> None:
    text = translate_help(command.help)
    if text:
        formatter.write_paragraph()
        with formatter.indentation():
            formatter.write_text(text)


def _short_help(command: _click.Command) -> str:
    paragraphs = help_paragraphs(command.short_help or command.help)
    return translate_paragraph(paragraphs[0]) if paragraphs else ""


class LawgovCommand(TyperCommand):
    """A Typer command whose help and usage line are translated and readable."""

    context_class = LawgovContext

    def collect_usage_pieces(self, ctx: _click.Context) -> list[str]:
        """``[选项] 文件...`` instead of ``[OPTIONS] {files}...``."""
        return _usage_pieces(self, ctx)

    def format_help_text(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        """The docstring, paragraph by paragraph, in the reader's language."""
        _format_help_text(self, formatter)

    def format_options(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        """Arguments and options with readable metavars and translated help."""
        _format_params(self, ctx, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        """The first paragraph of the help, translated (the command list shows it whole)."""
        return _short_help(self)


class LawgovGroup(TyperGroup):
    """A Typer group with translated help, and usage errors re-told in the reader's language."""

    context_class = LawgovContext

    def collect_usage_pieces(self, ctx: _click.Context) -> list[str]:
        """``[选项] 命令 [参数]...``."""
        return [*_usage_pieces(self, ctx), _("COMMAND [ARGS]...")]

    def format_help_text(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        """The group's help in the reader's language."""
        _format_help_text(self, formatter)

    def format_options(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        """Options, then the commands with the first paragraph of their help."""
        _format_params(self, ctx, formatter)
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, _short_help(command)))
        if rows:
            with formatter.section(_("Commands")):
                formatter.write_dl(rows)

    def get_short_help_str(self, limit: int = 45) -> str:
        """The first paragraph of the group's help, translated."""
        return _short_help(self)

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: _click.Context | None = None,
        **extra: Any,
    ) -> _click.Context:
        """Parse the group's own options; a usage error is re-told."""
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click_exceptions.UsageError as exc:
            from .usage import localized

            raise localized(exc) from None

    def invoke(self, ctx: _click.Context) -> Any:
        """Run the subcommand; a usage error anywhere below is re-told.

        Ctrl-C (SIGTERM) in a command that does not handle it: one line, exit 130 (143), where
        Typer would exit 130 without a word, for SIGTERM too.
        """
        try:
            return super().invoke(ctx)
        except click_exceptions.UsageError as exc:
            from .usage import localized

            raise localized(exc) from None
        except KeyboardInterrupt as interrupt:
            from .entry import stopped

            raise typer.Exit(stopped(interrupt)) from None


class LawgovTyper(typer.Typer):
    """``typer.Typer`` whose commands and groups are ``LawgovCommand`` and ``LawgovGroup``.

    Every command of lawgov is registered through one of these (a test checks it), so every
    help screen and usage error is translated; ``-h`` works like ``--help`` everywhere.
    """

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("cls", LawgovGroup)
        kwargs.setdefault("add_completion", False)
        kwargs.setdefault("pretty_exceptions_enable", False)
        kwargs.setdefault("rich_markup_mode", None)
        kwargs.setdefault("context_settings", {"help_option_names": HELP_OPTION_NAMES})
        super().__init__(**kwargs)

    def command(
        self, name: str | None = None, **kwargs: Any
    ) -> Callable[[CommandFunctionType], CommandFunctionType]:
        """Register a command as a ``LawgovCommand``."""
        kwargs.setdefault("cls", LawgovCommand)
        return super().command(name, **kwargs)
