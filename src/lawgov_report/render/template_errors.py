"""Jinja's own error texts, told in a clerk's words with a did-you-mean where one fits.

Why: a clerk who edits ``report.md.j2`` and mistypes ``report.organizaton`` gets from Jinja
``'lawgov_report.model.report.Report object' has no attribute 'organizaton'`` — programmer
notation, in English. The three messages people meet (an undefined name, a missing field, a
refusal of the sandbox) are recognised (and a misspelled filter name) and said plainly in the reader's language, naming the
closest known name; any other Jinja message is kept, after a translated lead, so nothing of
what Jinja knows is lost.
"""

from __future__ import annotations

import difflib
import functools
import re
import typing

import pydantic

from ..i18n import _
from ..model.report import Report
from .outline import Block

_UNDEFINED = re.compile(r"^'([^']+)' is undefined$")
_NO_ATTRIBUTE = re.compile(r"^'(?:[\w.]+\.)?(\w+) object' has no attribute '([^']+)'$")
_NO_FILTER = re.compile(r"^No filter named '([^']+)'\.?")
_UNSAFE = re.compile(r"^access to attribute '([^']+)' of '(\w+)' object is unsafe\.$")


@functools.cache
def _field_names() -> tuple[str, ...]:
    """Every field a template can read: the report's models (all levels) and a block's."""
    names: dict[str, None] = dict.fromkeys(Block._fields)
    seen: set[type[pydantic.BaseModel]] = set()
    pending: list[type[pydantic.BaseModel]] = [Report]
    while pending:
        model = pending.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, info in model.model_fields.items():
            names[name] = None
            pending.extend(
                arg
                for arg in _types_in(info.annotation)
                if isinstance(arg, type) and issubclass(arg, pydantic.BaseModel)
            )
    names.update(dict.fromkeys(("title_lines", "full_title")))
    return tuple(names)


def _types_in(annotation: object) -> list[object]:
    """``list[Part] | None`` → ``[list[Part], Part, None]``: every type named inside."""
    found = [annotation]
    for arg in typing.get_args(annotation):
        found.extend(_types_in(arg))
    return found


def _did_you_mean(name: str, choices: typing.Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(choices), n=1, cutoff=0.6)
    return _("did you mean '{name}'?").format(name=close[0]) if close else ""


def explain(
    detail: str, context_names: typing.Iterable[str], filters: typing.Iterable[str] = ()
) -> tuple[str, str] | None:
    """(message, hint) for a Jinja message people meet, or None to keep Jinja's own words."""
    match = _NO_FILTER.match(detail)
    if match:
        names = sorted(filters)
        hint = _did_you_mean(match[1], names) or _(
            "the filters a template can use: {names}"
        ).format(names=", ".join(names))
        return _("the template uses the filter '{name}', which does not exist").format(
            name=match[1]
        ), hint
    match = _UNDEFINED.match(detail)
    if match:
        names = sorted(context_names)
        hint = _did_you_mean(match[1], names) or _("a template can use: {names}").format(
            names=", ".join(names)
        )
        return _("the template uses '{name}', which is not defined").format(name=match[1]), hint
    match = _NO_ATTRIBUTE.match(detail)
    if match:
        owner, name = match[1], match[2]
        message = _("'{name}' is not a field of {owner}").format(name=name, owner=owner)
        return message, _did_you_mean(name, _field_names())
    match = _UNSAFE.match(detail)
    if match:
        message = _(
            "the template sandbox does not allow '{name}' on a value of type {type}"
        ).format(name=match[1], type=match[2])
        return message, _("templates may read the report's data, not change it or reach Python")
    return None
