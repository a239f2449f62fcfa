"""The roster of the supervising office (``units.yaml``): who must report, where, and by when.

Why a model of its own: the county's 依法治县办 (or the 司法局) collects every 部门's and 乡镇's
report each year; the roster is the one file it keeps for that — each unit's name, level, where
its report is expected, its deadline and where it was published. Like the report model it forbids
unknown keys (a misspelled ``deadlin:`` would silently drop a deadline) and its descriptions are
Chinese, for ``lawgov schema --roster`` and an editor's hover help.
"""

import datetime as dt
import enum
import re
from typing import Annotated, Any

from pydantic import BeforeValidator, Field

from ..i18n import _
from .report import StrictModel, Text, _empty_list, _parse_date

_MONTH_DAY = re.compile(r"^\s*(\d{1,2})\s*(?:-|月)\s*(\d{1,2})\s*日?\s*$")


class Level(enum.StrEnum):
    """A unit's level; it decides the default deadline and the order of the volume's table."""

    DEPARTMENT = "department"
    TOWNSHIP = "township"
    GOVERNMENT = "government"


LEVEL_NAMES: dict[str, Level] = {
    "部门": Level.DEPARTMENT,
    "乡镇街道": Level.TOWNSHIP,
    "乡镇": Level.TOWNSHIP,
    "街道": Level.TOWNSHIP,
    "下级政府": Level.GOVERNMENT,
}
LEVEL_LABELS: dict[Level, str] = {
    Level.DEPARTMENT: "部门",
    Level.TOWNSHIP: "乡镇街道",
    Level.GOVERNMENT: "下级政府",
}


def _level(value: Any) -> Any:
    """Accept the Chinese names a clerk writes (部门, 乡镇街道, 下级政府) as well as the keys."""
    return LEVEL_NAMES.get(value.strip(), value) if isinstance(value, str) else value


def _month_day(value: Any) -> Any:
    """``3-1``, ``03-01`` or ``3月1日`` → ``"03-01"`` (a day in the year after the report year)."""
    if not isinstance(value, str):
        return value
    match = _MONTH_DAY.match(value)
    if not match:
        raise ValueError(
            _("{value} is not a day of the year; write it as 3-1 or 3月1日").format(
                value=value.strip()
            )
        )
    month, day = int(match.group(1)), int(match.group(2))
    try:
        dt.date(2024, month, day)  # a leap year: 2-29 is a valid deadline
    except ValueError:
        raise ValueError(
            _("{value} is not a real day of the year").format(value=value.strip())
        ) from None
    return f"{month:02d}-{day:02d}"


MonthDay = Annotated[str, BeforeValidator(_month_day)]
Date = Annotated[dt.date, BeforeValidator(_parse_date)]


def on_day(month_day: str, year: int) -> dt.date:
    """The date of ``"03-01"`` in ``year`` (29 February falls back to the 28th)."""
    month, day = (int(n) for n in month_day.split("-"))
    try:
        return dt.date(year, month, day)
    except ValueError:
        return dt.date(year, month, 28)


class Deadlines(StrictModel):
    """When each level must have submitted its report, in the year after the report year."""

    department: MonthDay = Field(
        default="03-01",
        description="部门报送截止日（报告年度的次年），默认 3月1日（《法治政府建设年度报告工作指引》）。",
    )
    township: MonthDay = Field(default="03-01", description="乡镇街道报送截止日，默认 3月1日。")
    government: MonthDay = Field(default="03-01", description="下级政府报送截止日，默认 3月1日。")

    def for_level(self, level: Level) -> str:
        """The month and day (``"03-01"``) that applies to ``level``."""
        value: str = getattr(self, level.value)
        return value


class Unit(StrictModel):
    """One reporting unit: who it is, where its report is expected, what is known about it."""

    name: Text = Field(description="单位名称，如“县农业农村局”“城关镇”，与报告的发文机关署名一致。")
    level: Annotated[Level, BeforeValidator(_level)] = Field(
        default=Level.DEPARTMENT,
        description=(
            "单位层级：department（部门）、township（乡镇街道）、government（下级政府）；"
            "也可以直接写“部门”“乡镇街道”“下级政府”。决定默认的报送截止日。"
        ),
    )
    report: Text = Field(
        description=(
            "报告所在的文件或文件夹（相对于本名册文件）。可以是 YAML，也可以是 lawgov import "
            "能读取的 Word（.docx）、文本（.txt）或 Markdown（.md）文件。"
            "写文件夹时，取文件名中含报告年度（如 2021）的文件；文件夹里只有一个文件时就取它。"
        )
    )
    previous: Text | None = Field(
        default=None,
        description=(
            "该单位上一年度的报告（相对于本名册文件），用于比较“不足和原因”是否照抄上年。"
            "省略时，在 report 所指的文件夹中找文件名含上一年度的文件。"
        ),
    )
    deadline: Date | None = Field(
        default=None,
        description="本单位的报送截止日期，如 2022-03-01；省略时按层级取 deadlines 中的日期。",
    )
    submitted: Date | None = Field(
        default=None,
        description="实际收到报告的日期；省略时以报告的成文日期计算是否逾期。",
    )
    published: Date | None = Field(
        default=None, description="报告向社会公开（在网站发布）的日期，如 2022-03-20。"
    )
    url: Text | None = Field(default=None, description="报告公开的网址。")


class Roster(StrictModel):
    """The units that must report to this office, for one report year or for several."""

    office: Text = Field(
        description="督办机关名称，如“中共高青县委全面依法治县委员会办公室”；用于汇编封面和催报通知。"
    )
    year: int | None = Field(
        default=None,
        ge=1990,
        le=2100,
        description="报告年度，如 2021；也可在命令行用 --year 指定（命令行优先）。",
    )
    title: Text | None = Field(
        default=None,
        description="汇编的标题；省略时为“<年度>年度法治政府建设年度报告汇编”。",
    )
    date: Date | None = Field(
        default=None,
        description="汇编封面的日期；省略时取各报告成文日期中最晚的一天。",
    )
    deadlines: Deadlines = Field(
        default_factory=Deadlines, description="各层级单位的报送截止日（报告年度的次年）。"
    )
    publish_by: MonthDay = Field(
        default="04-01",
        description=(
            "向社会公开的期限（报告年度的次年），默认 4月1日之前"
            "（《法治政府建设与责任落实督察工作规定》第二十四条）。"
        ),
    )
    units: list[Unit] = Field(min_length=1, description="应报送的单位，按汇编中的顺序排列。")
    notes: list[Text] = Field(default_factory=_empty_list, description="备注，不参与检查。")

    def deadline_of(self, unit: Unit, year: int) -> dt.date:
        """The unit's own deadline, or its level's in the year after ``year``."""
        if unit.deadline is not None:
            return unit.deadline
        return on_day(self.deadlines.for_level(unit.level), year + 1)

    def publish_deadline(self, year: int) -> dt.date:
        """The first day that is too late to publish (4月1日 of the following year)."""
        return on_day(self.publish_by, year + 1)


ROSTER_DESCRIPTIONS = {
    "Roster": "报送单位名册（lawgov status / lawgov compile 使用）。",
    "Unit": "一个报送单位：名称、层级、报告所在位置及报送、公开情况。",
    "Deadlines": "各层级单位的报送截止日（报告年度的次年），写作 3-1 或 3月1日。",
    "Level": "单位层级。",
}
_DATE_SCHEMA = [
    {"type": "string", "format": "date"},
    {"type": "string", "pattern": r"^\d{4}年\d{1,2}月\d{1,2}日$"},
]
_MONTH_DAY_SCHEMA = {"type": "string", "pattern": r"^\s*\d{1,2}\s*(-|月)\s*\d{1,2}\s*日?\s*$"}


def roster_schema() -> dict[str, Any]:
    """The roster's JSON Schema, accepting the short forms the loader accepts.

    Dates may be written 2022年3月1日, deadlines 3-1 or 3月1日, and levels in Chinese
    (部门, 乡镇街道, 下级政府) as well as by their keys.
    """
    schema = Roster.model_json_schema()
    defs = schema["$defs"]

    def widen(properties: dict[str, Any]) -> None:
        for name, prop in properties.items():
            text = prop.get("description", "")
            if name in ("deadline", "submitted", "published", "date"):
                properties[name] = {"description": text, "anyOf": [*_DATE_SCHEMA, {"type": "null"}]}
            elif name in ("department", "township", "government", "publish_by"):
                properties[name] = {
                    "description": text,
                    "default": prop.get("default"),
                    **_MONTH_DAY_SCHEMA,
                }

    widen(schema["properties"])
    widen(defs["Unit"]["properties"])
    widen(defs["Deadlines"]["properties"])
    level = defs["Level"]
    level["enum"] = [*level["enum"], *LEVEL_NAMES]
    schema["description"] = ROSTER_DESCRIPTIONS["Roster"]
    for name, text in ROSTER_DESCRIPTIONS.items():
        if name in defs:
            defs[name]["description"] = text
    _chinese_titles(schema, "Roster")
    for name, definition in defs.items():
        _chinese_titles(definition, name)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


# Editors show a schema's titles on hover and in completion lists beside the key: in Chinese,
# like the report schema's (``model.schema``), never pydantic's English class and field names.
ROSTER_TITLES = {
    "Roster": "法治政府建设年度报告报送名册",
    "Deadlines": "报送截止日",
    "Level": "单位层级",
    "Unit": "报送单位",
}
ROSTER_PROPERTY_TITLES = {
    ("Roster", "date"): "汇编日期",
    ("Roster", "deadlines"): "各层级报送截止日",
    ("Roster", "notes"): "备注",
    ("Roster", "office"): "督办机关",
    ("Roster", "publish_by"): "公开期限",
    ("Roster", "title"): "汇编标题",
    ("Roster", "units"): "报送单位",
    ("Roster", "year"): "报告年度",
    ("Deadlines", "department"): "部门",
    ("Deadlines", "government"): "下级政府",
    ("Deadlines", "township"): "乡镇街道",
    ("Unit", "deadline"): "报送截止日",
    ("Unit", "level"): "单位层级",
    ("Unit", "name"): "单位名称",
    ("Unit", "previous"): "上一年度报告",
    ("Unit", "published"): "公开日期",
    ("Unit", "report"): "报告文件",
    ("Unit", "submitted"): "收到日期",
    ("Unit", "url"): "公开网址",
}


def _chinese_titles(node: dict[str, Any], owner: str) -> None:
    """Replace pydantic's English titles of ``owner`` and its properties with Chinese ones."""
    node["title"] = ROSTER_TITLES[owner]
    for name, prop in node.get("properties", {}).items():
        prop["title"] = ROSTER_PROPERTY_TITLES[(owner, name)]
        for branch in prop.get("anyOf", []):
            if isinstance(branch, dict):
                branch.pop("title", None)


def roster_schema_text() -> str:
    """The roster schema as stable JSON text (committed as schema/roster.schema.json)."""
    import json

    return json.dumps(roster_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
