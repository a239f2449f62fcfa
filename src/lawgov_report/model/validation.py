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

from ..errors import Diagnostic, ReportError, Severity, SourceLocation
from ..i18n import _
from ..source.loader import KeyPath, LoadedData
from ..source.syntax import mistyped_key
from .marks import TODO
from .report import NO_SUCH_DAY, NULL_ERROR, Report
from .roster import LEVEL_LABELS

# Enum values a clerk writes in Chinese (the YAML accepts both): messages list the Chinese.
_SPOKEN: dict[str, str] = {level.value: label for level, label in LEVEL_LABELS.items()}

_QUOTED = re.compile(r"'([^']*)'")
_DATE_YEAR = re.compile(r"^(\d{4})(?:-\d{1,2}-\d{1,2}|年\d{1,2}月\d{1,2}日)$")

M = TypeVar("M", bound=pydantic.BaseModel)


def format_key_path(key_path: KeyPath) -> str:
    """``('parts', 0, 'title')`` → ``parts[0].title``."""
    text = ""
    for part in key_path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _describe(value: Any) -> str:
    if value is None:
        return _("nothing (an empty value)")
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dict):
        return _("a mapping of keys")
    return _("'{value}'").format(value=value)


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
    return _("did you mean '{word}'?").format(word=close[0]) if close else ""


def report_year(data: Any) -> int | None:
    """The report year as written, when it is a plausible year (hints are derived from it).

    Without one, the year before the 成文日期, when that is written out.
    """
    if not isinstance(data, dict):
        return None
    text = str(data.get("year") or "").strip()
    if text.isdigit() and 1990 <= int(text) <= 2100:
        return int(text)
    date = _DATE_YEAR.match(str(data.get("date") or "").strip())
    return int(date.group(1)) - 1 if date else None


def _date_example(year: int | None) -> tuple[str, str]:
    """A 成文日期 that fits the report year (early in the next year), in both forms."""
    if year is None:
        return "2022-01-07", "2022年1月7日"
    return f"{year + 1}-01-10", f"{year + 1}年1月10日"


def _example(key: str, year: int | None) -> str | None:
    """A line for a required key with a value that fits this report, where one is obvious."""
    examples = {
        "organization": "organization: 高青县科学技术局",
        "year": f"year: {year if year is not None else 2021}",
        "date": f"date: {_date_example(year)[0]}",
        "kind": "kind: measures",
    }
    return examples.get(key)


def _missing_hint(key: str, year: int | None) -> str:
    """The line to add for a required key, with an example value that fits this report."""
    example = _example(key, year)
    if example is not None:
        return _("add the line '{line}'").format(line=example)
    if key == "parts":
        return _("add 'parts:' with the parts below it, each starting with '- kind:'")
    if key == "title":
        return _("add 'title:' with the heading text (without its number)")
    return _("add '{key}:' with its value").format(key=key)


def _translate(error: ErrorDetails, year: int | None) -> tuple[str, str]:
    """(message, hint) for one pydantic error."""
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx", {})
    found = _describe(value)
    if kind == "missing":
        key = str(error["loc"][-1])
        return _("required key '{key}' is missing").format(key=key), _missing_hint(key, year)
    if kind == NULL_ERROR or (value is None and kind not in ("too_short", "value_error")):
        return (
            _("has no value (nothing after the colon, or ~ or null, means no value in YAML)"),
            _("write the value, or delete the line"),
        )
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return _("expected a whole number, got {found}").format(found=found), ""
    if kind in ("date_parsing", "date_from_datetime_parsing", "date_type"):
        iso, chinese = _date_example(year)
        if TODO in str(value):
            return (
                _("the date is not filled in yet ({mark})").format(mark=TODO),
                _("write the 成文日期, e.g. {date}").format(date=iso),
            )
        return (
            _("expected a date, got {found}").format(found=found),
            _("write it as {iso} or {chinese}").format(iso=iso, chinese=chinese),
        )
    if kind == NO_SUCH_DAY:
        iso, chinese = _date_example(year)
        return error["msg"], _("write it as {iso} or {chinese}").format(iso=iso, chinese=chinese)
    if kind in ("bool_parsing", "bool_type"):
        return _("expected true or false, got {found}").format(found=found), ""
    if kind == "list_type":
        return (
            _("expected a list, got {found}").format(found=found),
            _("start each entry on its own line with '- '"),
        )
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return _("expected a mapping of keys, got {found}").format(found=found), ""
    if kind == "string_type":
        return _("expected text, got {found}").format(found=found), ""
    if kind == "enum":
        choices = _QUOTED.findall(str(ctx.get("expected", "")))
        if choices and all(c in _SPOKEN for c in choices):
            choices = [_SPOKEN[c] for c in choices]
        hint = _suggest(str(value), choices)
        if not hint and set(choices) == {str(s) for s in Severity}:
            hint = _(
                "error stops check and build; warning is printed (and fails with --strict);"
                " info is only printed"
            )
        return (
            _("expected one of {choices}; got {found}").format(
                choices=_(", ").join(choices), found=found
            ),
            hint,
        )
    if kind == "too_short":
        return _("needs at least one entry"), ""
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        low, high = ctx.get("ge", ctx.get("gt")), ctx.get("le", ctx.get("lt"))
        limit = (
            _("at least {low}").format(low=low)
            if low is not None
            else _("at most {high}").format(high=high)
        )
        return _("{found} is out of range ({limit})").format(found=found, limit=limit), ""
    if kind == "value_error":
        return str(ctx.get("error", error["msg"])), ""
    return _("{problem} (got {found})").format(problem=error["msg"], found=found), ""


def _colon_location(loaded: LoadedData, key_path: KeyPath, key: str) -> SourceLocation:
    """Where the ``: `` after a key is: just after the key, which is plain text on one line."""
    start = loaded.source_map.key_at(key_path)
    return start._replace(column=start.column + len(key))


def _sentence_with_colon(loaded: LoadedData, key_path: KeyPath, key: str) -> Diagnostic:
    """``- 主要做法: 全年组织学法…`` read as a key: the sentence has ``: `` in it."""
    return Diagnostic(
        _colon_location(loaded, key_path, key),
        Severity.ERROR,
        "LG011",
        _(
            "this sentence contains ': ' (a colon and a space), so YAML read '{key}' as a key"
        ).format(key=key),
        format_key_path(key_path[:-1]),
        _("use the full-width colon '：', or put the whole sentence in quotes"),
    )


def _diagnostic(
    error: ErrorDetails,
    loaded: LoadedData,
    year: int | None,
    root: type[pydantic.BaseModel] = Report,
) -> Diagnostic:
    key_path: KeyPath = tuple(p for p in error["loc"] if isinstance(p, str | int))
    if error["type"] not in ("missing", "extra_forbidden"):
        # pydantic's loc can reach below what the YAML spelled out (a paragraph written as
        # plain text is reported at its 'text'): name the part of the path the user wrote.
        while key_path and key_path not in loaded.source_map.values:
            key_path = key_path[:-1]
    source_map = loaded.source_map
    value = error.get("input")
    if error["type"] == "extra_forbidden":
        key = str(key_path[-1])
        if not key.isascii():
            return _sentence_with_colon(loaded, key_path, key)
        model = _model_at(key_path[:-1], root)
        hint = _suggest(key, list(model.model_fields)) if model else ""
        if not hint and model:
            hint = _("allowed keys here: {keys}").format(keys=_(", ").join(model.model_fields))
        return Diagnostic(
            source_map.key_at(key_path),
            Severity.ERROR,
            "LG011",
            _("unknown key '{key}'").format(key=key),
            format_key_path(key_path),
            hint,
        )
    if isinstance(value, dict) and len(value) == 1 and not str(next(iter(value))).isascii():
        key = str(next(iter(value)))
        return _sentence_with_colon(loaded, (*key_path, key), key)
    if isinstance(value, str) and error["type"] in ("model_type", "dict_type"):
        at = source_map.value_at(key_path)
        mistyped = mistyped_key(at.path, [value], 0, 0)
        if mistyped is not None:  # ``key：value`` or ``key:value``, read as text
            column = at.column + mistyped.location.column - 1
            return mistyped._replace(
                location=at._replace(column=column), key_path=format_key_path(key_path)
            )
    message, hint = _translate(error, year)
    if value is None and key_path and isinstance(key_path[-1], str):
        model = _model_at(key_path[:-1], root)
        field = model.model_fields.get(key_path[-1]) if model else None
        if field is not None and field.is_required():
            example = _example(key_path[-1], year)
            hint = (
                _("write the value, e.g. '{line}'").format(line=example)
                if example
                else _("write the value")
            )
    if error["type"] == "missing":
        location = source_map.value_at(key_path[:-1])
        code = "LG010"
    else:
        location = source_map.value_at(key_path)
        code = "LG012"
    return Diagnostic(location, Severity.ERROR, code, message, format_key_path(key_path), hint)


class NotAReport(ReportError):
    """The file is something else lawgov reads (the supervising office's roster), not a report."""


def validate(loaded: LoadedData) -> Report:
    """Build the model; on failure raise ``ReportError`` with every problem found.

    A roster (``units:``, no ``parts:``) given where a report belongs raises ``NotAReport``
    with one diagnostic naming the commands that read it, rather than a dozen missing and
    unknown keys that would send a clerk to rewrite the wrong file.
    """
    if is_roster_data(loaded.data):
        name = loaded.source_map.path
        diagnostic = Diagnostic(
            loaded.source_map.key_at(("units",)),
            Severity.ERROR,
            "LG009",
            _("this is a supervising office's roster (units:), not a report"),
            hint=_(
                "lawgov check and build read reports; for a roster use lawgov status {file} "
                "or lawgov compile {file} -o volume.docx"
            ).format(file=name),
        )
        raise NotAReport([diagnostic])
    return validate_as(Report, loaded)


def is_roster_data(data: object) -> bool:
    """A roster's top level: ``units:`` and none of a report's own keys."""
    return (
        isinstance(data, dict)
        and "units" in data
        and not {"parts", "organization", "opening"} & data.keys()
    )


def validate_as(model: type[M], loaded: LoadedData) -> M:
    """Build any of lawgov's file models (the report, the roster) with located diagnostics."""
    try:
        return model.model_validate(loaded.data)
    except pydantic.ValidationError as exc:
        year = report_year(loaded.data) if model is Report else None
        diagnostics = [_diagnostic(e, loaded, year, model) for e in exc.errors(include_url=False)]
        raise ReportError(diagnostics) from None
