"""A report to lint when the real one does not validate: every problem in one run.

Why: a file fresh from ``lawgov new`` has its date still 【待填写】; validation fails on the
date, and without a model no lint rule would run, hiding the twenty other 【去年】 marks until
the date is fixed. Here each invalid value is replaced by a neutral placeholder of its type (an
optional value is dropped, so its default applies) until the data validates; the caller lints
the result with the rules that look at one text at a time, and with the whole-report rules
whose values were not replaced, and drops whatever they find at the replaced places. Placeholders are chosen to make no rule fire: text ``x``, the lowest year.
"""

from __future__ import annotations

import copy
import datetime as dt
import enum
import types
import typing
from typing import Any, NamedTuple

import annotated_types
import pydantic

from ..source.loader import KeyPath
from .report import Report

_PLACEHOLDER_TEXT = "x"
_ROUNDS = 8


def _strip(annotation: Any) -> tuple[Any, list[Any]]:
    """The type inside ``Annotated``/``Optional``, and the constraints found on the way."""
    metadata: list[Any] = []
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation, *extra = typing.get_args(annotation)
            metadata.extend(extra)
        elif origin in (typing.Union, types.UnionType):
            annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
        else:
            return annotation, metadata


def _field(model: type[pydantic.BaseModel], name: str) -> tuple[Any, list[Any], bool] | None:
    info = model.model_fields.get(name)
    if info is None:
        return None
    annotation, metadata = _strip(info.annotation)
    return annotation, [*metadata, *info.metadata], info.is_required()


def placeholder(annotation: Any, metadata: list[Any] | None = None) -> Any:
    """A value of ``annotation`` that validates and that no lint rule has anything to say about."""
    annotation, extra = _strip(annotation)
    constraints = [*(metadata or []), *extra]
    if isinstance(annotation, type) and issubclass(annotation, pydantic.BaseModel):
        values = {}
        for name in annotation.model_fields:
            field = _field(annotation, name)
            if field is not None and field[2]:
                values[name] = placeholder(field[0], field[1])
        return values
    if typing.get_origin(annotation) is list:
        (item,) = typing.get_args(annotation)
        needs = any(isinstance(c, annotated_types.MinLen) and c.min_length for c in constraints)
        return [placeholder(item)] if needs else []
    if typing.get_origin(annotation) is dict:
        return {}
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return next(iter(annotation)).value
    if annotation is dt.date:
        return "2000-01-01"
    if annotation is bool:
        return "false"
    if annotation in (int, float):
        low = next((c.ge for c in constraints if isinstance(c, annotated_types.Ge)), 0)
        return str(low)
    return _PLACEHOLDER_TEXT


def _expected(path: KeyPath) -> tuple[Any, list[Any], bool] | None:
    """(type, constraints, required) of the value at ``path`` in a report."""
    current: Any = Report
    found: tuple[Any, list[Any], bool] | None = (Report, [], True)
    for part in path:
        annotation, _metadata = _strip(current)
        if isinstance(part, int):
            if typing.get_origin(annotation) is not list:
                return None
            (current,) = typing.get_args(annotation)
            found = (current, [], True)
        elif isinstance(annotation, type) and issubclass(annotation, pydantic.BaseModel):
            found = _field(annotation, part)
            if found is None:
                return None
            current = found[0]
        else:
            return None
    return found


def _parent(data: Any, path: KeyPath) -> Any:
    for part in path[:-1]:
        data = data[part]
    return data


def _exists(data: Any, path: KeyPath) -> bool:
    try:
        _parent(data, path)[path[-1]]
    except (KeyError, IndexError, TypeError):
        return False
    return True


class Mended(NamedTuple):
    """A report that validates, made from data that did not, and what was changed to get it.

    ``replaced``: the key paths whose values are placeholders now. ``pruned``: the key paths
    that lost an unknown key (a misspelled ``paragraph:`` leaves its item looking empty).
    """

    report: Report
    replaced: list[KeyPath]
    pruned: list[KeyPath]


def _patch(data: Any, error: Any, replaced: list[KeyPath], pruned: list[KeyPath]) -> bool:
    """Make the place of one error valid; False when that is not possible."""
    path: KeyPath = tuple(p for p in error["loc"] if isinstance(p, str | int))
    kind = error["type"]
    if kind == "extra_forbidden":
        del _parent(data, path)[path[-1]]
        pruned.append(path[:-1])
        return True
    if kind != "missing":
        while path and not _exists(data, path):
            path = path[:-1]
    if not path:
        return False
    expected = _expected(path)
    if expected is None:
        return False
    annotation, metadata, required = expected
    parent = _parent(data, path)
    if kind != "missing" and isinstance(parent, dict) and not required:
        del parent[path[-1]]
    else:
        parent[path[-1]] = placeholder(annotation, metadata)
    replaced.append(path)
    return True


def lintable(data: Any) -> Mended | None:
    """A report from ``data`` with its invalid values replaced and its unknown keys removed.

    ``None`` when the data cannot be mended (the caller then lints nothing).
    """
    mended = copy.deepcopy(data)
    replaced: list[KeyPath] = []
    pruned: list[KeyPath] = []
    for _round in range(_ROUNDS):
        try:
            return Mended(Report.model_validate(mended), replaced, pruned)
        except pydantic.ValidationError as exc:
            errors = exc.errors(include_url=False)
        try:
            if not all(_patch(mended, error, replaced, pruned) for error in errors):
                return None
        except (KeyError, IndexError, TypeError):
            return None
    return None


def under(key_path: str, replaced: list[str]) -> bool:
    """Whether the formatted ``key_path`` is one of ``replaced`` or inside one of them."""
    return any(
        key_path == place or key_path.startswith((f"{place}.", f"{place}[")) for place in replaced
    )


def overlaps(first: str, second: str) -> bool:
    """Whether one formatted key path is the other or lies inside it (either way round)."""
    return under(first, [second]) or under(second, [first])
