"""Usage errors told in the reader's language, from the exception's data.

Why: the Click that Typer vendors builds its messages from English words ("No such option",
"Missing argument", "Got unexpected extra argument(s)"). ``LawgovGroup`` hands every usage
error to ``localized``, which says the same in the reader's language: from the exception's
attributes where it has them, from Click's few fixed sentences where it has not (a test
checks each of them, so a Typer upgrade that rewords one fails loudly).
"""

import re
import sys
from typing import Any

from typer._click import exceptions as click_exceptions
from typer.core import TyperOption

from ..i18n import _
from .help import choices, param_name


class LocalizedUsageError(click_exceptions.UsageError):
    """A usage error (exit 2) whose message is already in the reader's language."""

    def show(self, file: Any = None) -> None:
        """Usage line, where to find help, then the error."""
        lines = []
        if self.ctx is not None:
            lines.append(self.ctx.get_usage())
            lines.append(
                _("Try '{command} --help' for help.").format(command=self.ctx.command_path)
            )
            lines.append("")
        lines.append(_("Error: {message}").format(message=self.format_message()))
        print("\n".join(lines), file=file or sys.stderr)


_EXTRA_ARGS = re.compile(r"^Got unexpected extra argument(?:\(s\)|s)? \((.*)\)$", re.S)
_NO_COMMAND = re.compile(r"^No such command '(.*?)'\.(?: Did you mean (.*)\?)?$", re.S)
_OPTION_NEEDS = re.compile(r"requires (?:an argument|\d+ arguments)\.$")
_OPTION_NO_VALUE = re.compile(r"does not take a value\.$")
_QUOTED = re.compile(r"'([^']*)'")


def _coercion_problem(exc: click_exceptions.BadParameter) -> str | None:
    """Typer's own check of a value failed: say what the parameter takes, and what was given."""
    param = exc.param
    cause = exc.__cause__
    if param is None or cause is None:
        return None
    errors = getattr(cause, "errors", None)
    given = errors()[0].get("input") if callable(errors) and errors() else None
    allowed = choices(param)
    low, high = getattr(param, "min", None), getattr(param, "max", None)
    if allowed:
        expected = _("one of {choices}").format(choices=_(", ").join(allowed))
    elif low is not None and high is not None:
        expected = _("a whole number from {low} to {high}").format(low=low, high=high)
    elif low is not None:
        expected = _("a whole number of at least {low}").format(low=low)
    elif getattr(getattr(param, "type_descriptor", None), "annotation", None) is int:
        expected = _("a whole number")
    else:
        return None
    if given is None:
        return _("expected {expected}").format(expected=expected)
    return _("expected {expected}, got '{value}'").format(expected=expected, value=given)


def _message(exc: click_exceptions.UsageError) -> str:
    """The error in the reader's language, from the exception's data where it has any."""
    if isinstance(exc, click_exceptions.NoSuchOption):
        message = _("No such option: {option}").format(option=exc.option_name)
        if exc.possibilities:
            message += _(" (did you mean {options}?)").format(
                options=_(", ").join(sorted(exc.possibilities))
            )
        return message
    if isinstance(exc, click_exceptions.MissingParameter):
        if exc.param is None:
            return _("A required value is missing.")
        name = param_name(exc.param)
        if isinstance(exc.param, TyperOption):
            return _("Missing option {name}.").format(name=name)
        return _("Missing argument {name}.").format(name=name)
    if isinstance(exc, click_exceptions.BadParameter):
        problem = _coercion_problem(exc) or exc.message
        if exc.param_hint is not None:
            hint = _("'{value}'").format(
                value=exc.param_hint
                if isinstance(exc.param_hint, str)
                else " / ".join(exc.param_hint)
            )
        elif exc.param is not None:
            hint = param_name(exc.param)
        else:
            return _("Invalid value: {problem}").format(problem=problem)
        return _("Invalid value for {name}: {problem}").format(name=hint, problem=problem)
    if isinstance(exc, click_exceptions.BadOptionUsage):
        if _OPTION_NEEDS.search(exc.message):
            return _("Option {option} needs a value.").format(option=exc.option_name)
        if _OPTION_NO_VALUE.search(exc.message):
            return _("Option {option} does not take a value.").format(option=exc.option_name)
        return exc.message
    return _ctx_failure(exc.message)


def _ctx_failure(message: str) -> str:
    """Messages Click builds with ``ctx.fail`` from English words: recognise and re-tell them."""
    match = _EXTRA_ARGS.match(message)
    if match:
        return _("Unexpected extra argument: {arguments}").format(arguments=match.group(1))
    match = _NO_COMMAND.match(message)
    if match:
        text = _("No such command: {name}").format(name=match.group(1))
        if match.group(2):
            names = _QUOTED.findall(match.group(2))
            text += _(" (did you mean {commands}?)").format(commands=_(", ").join(names))
        return text
    if message == "Missing command.":
        return _("Missing command.")
    return message


def localized(exc: click_exceptions.UsageError) -> click_exceptions.UsageError:
    """The same usage error, told in the reader's language (help requests pass unchanged)."""
    if isinstance(exc, LocalizedUsageError | click_exceptions.NoArgsIsHelpError):
        return exc
    return LocalizedUsageError(_message(exc), exc.ctx)
