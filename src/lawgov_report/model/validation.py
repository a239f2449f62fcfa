"""Plain data → ``Report``, with pydantic's errors translated into located diagnostics.

Why a translation table: pydantic's own wording ("Input should be a valid list") means little to
a civil servant editing YAML. Each error type gets a sentence that says what was expected and what
was found, placed at the line and column the source map gives, with a hint where the fix is obvious.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from typing import Any, TypeVar

import pydantic
from pydantic_core import ErrorDetails

from ..errors import Diagnostic, ReportError, Severity
from ..source.loader import KeyPath, LoadedData
from .report import PartKind, Report

M = TypeVar("M", bound=pydantic.BaseModel)


def format_key_path(key_path: KeyPath) -> str:
    """``('parts', 0, 'title')`` → ``parts[0].title``."""
    text = ""
    for part in key_path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping of keys"
    return repr(str(value))


def _model_at(
    key_path: KeyPath, root: type[pydantic.BaseModel] = Report
) -> type[pydantic.BaseModel] | None:
    """The model class whose fields live at ``key_path`` (for did-you-mean hints)."""
    current: Any = root
    for part in key_path:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, pydantic.BaseModel)):
            return None
        info = current.model_fields.get(part)
        if info is None:
            return None
        current = _unwrap(info.annotation)
    return (
        current if isinstance(current, type) and issubclass(current, pydantic.BaseModel) else None
    )


def _unwrap(annotation: Any) -> Any:
    """Find the model inside ``list[X]``, ``X | None`` or ``Annotated[list[X], …]``."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (list, typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0]
        else:
            return annotation


def _suggest(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


def _translate(error: ErrorDetails) -> tuple[str, str]:
    """(message, hint) for one pydantic error."""
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx", {})
    found = _describe(value)
    if kind == "missing":
        return "required key is missing", ""
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"expected a whole number, got {found}", ""
    if kind in ("date_parsing", "date_from_datetime_parsing", "date_type"):
        if "待填写" in str(value):
            return (
                "the date is not filled in yet (【待填写】)",
                "write the 成文日期, e.g. 2023-01-10",
            )
        return f"expected a date, got {found}", "write it as 2022-01-07 or 2022年1月7日"
    if kind in ("bool_parsing", "bool_type"):
        return f"expected true or false, got {found}", ""
    if kind == "list_type":
        return f"expected a list, got {found}", "start each entry on its own line with '- '"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"expected a mapping of keys, got {found}", ""
    if kind == "string_type":
        return f"expected text, got {found}", ""
    if kind == "enum":
        expected = str(ctx.get("expected", ""))
        choices = re.findall(r"'([^']*)'", expected) or [k.value for k in PartKind]
        return (
            f"expected one of {', '.join(choices)}; got {found}",
            _suggest(str(value), choices),
        )
    if kind == "too_short":
        return "needs at least one entry", ""
    if kind in ("greater_than_equal", "less_than_equal"):
        return f"{found} is out of range ({error['msg'].lower()})", ""
    if kind == "value_error":
        return str(ctx.get("error", error["msg"])), ""
    return f"{error['msg']} (got {found})", ""


def _diagnostic(
    error: ErrorDetails, loaded: LoadedData, root: type[pydantic.BaseModel] = Report
) -> Diagnostic:
    key_path: KeyPath = tuple(p for p in error["loc"] if isinstance(p, str | int))
    if error["type"] not in ("missing", "extra_forbidden"):
        # pydantic's loc can reach below what the YAML spelled out (a paragraph written as
        # plain text is reported at its 'text'): name the part of the path the user wrote.
        while key_path and key_path not in loaded.source_map.values:
            key_path = key_path[:-1]
    source_map = loaded.source_map
    if error["type"] == "extra_forbidden":
        key = str(key_path[-1])
        model = _model_at(key_path[:-1], root)
        hint = _suggest(key, list(model.model_fields)) if model else ""
        if not hint and model:
            hint = f"allowed keys here: {', '.join(model.model_fields)}"
        return Diagnostic(
            source_map.key_at(key_path),
            Severity.ERROR,
            "LG011",
            f"unknown key '{key}'",
            format_key_path(key_path),
            hint,
        )
    message, hint = _translate(error)
    if error["type"] == "missing":
        location = source_map.value_at(key_path[:-1])
        code = "LG010"
    else:
        location = source_map.value_at(key_path)
        code = "LG012"
    return Diagnostic(location, Severity.ERROR, code, message, format_key_path(key_path), hint)


def validate(loaded: LoadedData) -> Report:
    """Build the model; on failure raise ``ReportError`` with every problem found."""
    return validate_as(Report, loaded)


def validate_as(model: type[M], loaded: LoadedData) -> M:
    """Build any of lawgov's file models (the report, the roster) with located diagnostics."""
    try:
        return model.model_validate(loaded.data)
    except pydantic.ValidationError as exc:
        diagnostics = [_diagnostic(e, loaded, model) for e in exc.errors(include_url=False)]
        raise ReportError(diagnostics) from None
