"""Figures: the report's key numbers as data — a catalogue, the ``figures:`` section, references.

Why: reviewers compare a handful of numbers across units and years (行政复议 纠错率, 败诉率,
出庭应诉率 …), and the errors hide in the arithmetic and in the definitions (出庭应诉率 over the
cases a 负责人 had to attend, not over all cases; 直接纠错 is not 纠错). So the numbers live in
the YAML as data: counts and amounts as typed, every rate computed from its numerator and
denominator, never typed; prose cites a figure as ``{复议收案}`` and the writers print the same
number everywhere. The catalogue's keys are stable (``lawgov status`` and ``compile`` add them up
across units); its labels and definitions are Chinese data, documented in the README from here.

Owns: the catalogue, the section's model, the computed figures and their formatting, the
references in prose and their substitution before rendering. No I/O.
"""

from __future__ import annotations

import difflib
import enum
import re
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from ..errors import Diagnostic, Severity
from ..i18n import _
from ..source.loader import KeyPath, SourceMap
from .marks import TODO

if TYPE_CHECKING:
    from .report import Report


class Kind(enum.StrEnum):
    """What a figure is: a whole count, an amount (decimals allowed) or a computed rate."""

    COUNT = "count"
    AMOUNT = "amount"
    RATE = "rate"


class Entry(NamedTuple):
    """One figure of the catalogue.

    ``units`` are the units accepted for it (the first is the one printed; 宗 is what
    Guangdong writes for 件). ``cues`` are regular expressions of how prose names it, used to
    find the number written next to it; ``context`` must then appear in the same sentence
    (纠错 alone could be anything; in a sentence about 行政复议 it is the 复议 纠错).
    A rate names the two counts it is computed from. ``within`` names a count this one is
    part of, so it can never exceed it (直接纠错 is part of 纠错).
    """

    key: str
    label: str
    kind: Kind
    units: tuple[str, ...]
    definition: str
    cues: tuple[str, ...] = ()
    context: str = ""
    numerator: str = ""
    denominator: str = ""
    within: str = ""

    @property
    def unit(self) -> str:
        """The unit printed in tables ("%" for a rate)."""
        return self.units[0] if self.units else "%"


_CASES = ("件", "宗", "个")
_FILES = ("件", "份", "个")
_MATTERS = ("项", "件", "个")
_PEOPLE = ("人", "名")
_FUYI = "行政复议|复议"
_SUSONG = "行政诉讼|诉讼|应诉|一审"

CATALOGUE: tuple[Entry, ...] = (
    # ---------------------------------------------------------------- 行政复议
    Entry(
        "复议申请",
        "收到行政复议申请数",
        Kind.COUNT,
        _CASES,
        "本年度收到的行政复议申请件数，含不予受理和告知向其他机关提出的申请；不含上年结转。",
        (r"(?:收到|接收|收)(?:各类)?行政复议申请", r"行政复议申请(?:数|件数)?"),
    ),
    Entry(
        "复议收案",
        "行政复议收案数",
        Kind.COUNT,
        _CASES,
        "本年度依法受理（立案）的行政复议案件数，不含上年结转；收到后不予受理的申请不计入。",
        (
            r"(?:受理|新收|收案)(?:了)?(?:各类)?行政复议(?:案件|申请)?",
            r"行政复议(?:案件)?(?:收案|受理)(?:数|量)?",
        ),
    ),
    Entry(
        "复议审结",
        "行政复议审结数",
        Kind.COUNT,
        _CASES,
        "本年度审理终结（作出复议决定或终止审理）的行政复议案件数，含上年结转的案件。",
        (
            r"(?:审结|办结)(?:了)?(?:各类)?行政复议(?:案件)?",
            r"行政复议(?:案件)?(?:审结|办结)(?:数|量)?",
        ),
    ),
    Entry(
        "复议纠错",
        "行政复议纠错数",
        Kind.COUNT,
        _CASES,
        "综合纠错：直接纠错的案件，加上经调解、和解或被申请人自行纠正后申请人撤回申请而结案的案件。",
        (r"(?<!直接)纠错(?:案件)?(?!率)",),
        _FUYI,
    ),
    Entry(
        "复议直接纠错",
        "行政复议直接纠错数",
        Kind.COUNT,
        _CASES,
        "复议决定撤销、变更、确认违法或无效、责令履行的案件数；调解、和解结案的不计入。",
        (r"直接纠错(?:案件)?(?!率)",),
        _FUYI,
        within="复议纠错",
    ),
    Entry(
        "复议纠错率",
        "行政复议纠错率",
        Kind.RATE,
        (),
        "分母是审结数，不是收案数。",
        (r"(?<!直接)纠错率",),
        _FUYI,
        "复议纠错",
        "复议审结",
    ),
    Entry(
        "复议直接纠错率",
        "行政复议直接纠错率",
        Kind.RATE,
        (),
        "只计直接纠错；分母与纠错率相同，是审结数。",
        (r"直接纠错率",),
        _FUYI,
        "复议直接纠错",
        "复议审结",
    ),
    # ---------------------------------------------------------------- 行政诉讼
    Entry(
        "诉讼收案",
        "一审行政诉讼收案数",
        Kind.COUNT,
        _CASES,
        "以本机关为被告、人民法院本年度新收的一审行政诉讼案件数；不含二审、再审和非诉执行案件。",
        (
            r"(?:一审)?行政(?:诉讼|应诉)案件",
            r"(?:新收|收到|发生)(?:一审)?行政诉讼",
            r"行政诉讼(?:案件)?(?:收案|新收)(?:数|量)?",
        ),
    ),
    Entry(
        "诉讼审结",
        "一审行政诉讼审结数",
        Kind.COUNT,
        _CASES,
        "人民法院本年度审结（判决、裁定驳回起诉、准予撤诉等）的一审行政诉讼案件数。",
        (
            r"(?:审结|办结)(?:了)?(?:一审)?行政诉讼(?:案件)?",
            r"行政诉讼(?:案件)?(?:审结|结案)(?:数|量)?",
        ),
    ),
    Entry(
        "诉讼败诉",
        "一审行政诉讼败诉数",
        Kind.COUNT,
        _CASES,
        "一审判决撤销、变更、确认违法或无效、责令履行或给付的案件数。",
        (r"败诉(?:案件)?(?!率)",),
        _SUSONG,
    ),
    Entry(
        "诉讼败诉率",
        "一审行政诉讼败诉率",
        Kind.RATE,
        (),
        "分母是审结数，不是收案数。",
        (r"败诉率",),
        _SUSONG,
        "诉讼败诉",
        "诉讼审结",
    ),
    Entry(
        "应出庭",
        "负责人应出庭应诉案件数",
        Kind.COUNT,
        _CASES,
        "人民法院开庭审理或通知负责人出庭的本机关被诉案件数，是出庭应诉率的分母；不是全部诉讼案件。",
        (r"应(?:当)?出庭(?:应诉)?(?:的)?(?:案件)?",),
    ),
    Entry(
        "负责人出庭",
        "负责人出庭应诉案件数",
        Kind.COUNT,
        _CASES,
        "行政机关负责人（正职、副职或其他分管负责人）出庭应诉的案件数；只委托工作人员出庭的不计入。",
        (r"负责人(?:亲自)?出庭(?:应诉)?(?:案件)?(?!率)",),
    ),
    Entry(
        "出庭应诉率",
        "行政机关负责人出庭应诉率",
        Kind.RATE,
        (),
        "出庭数 / 应出庭数；分母是应当出庭的案件，不是全部诉讼案件。",
        (r"出庭(?:应诉)?率",),
        "",
        "负责人出庭",
        "应出庭",
    ),
    # ---------------------------------------------------------------- 规范性文件
    Entry(
        "规范性文件制定",
        "行政规范性文件制定数",
        Kind.COUNT,
        _FILES,
        "本年度制定并公布（印发）的行政规范性文件件数。",
        (
            r"(?:制定|印发|出台|发布)(?:了)?(?:区政府|县政府|市政府|本级政府|部门)?(?:行政)?规范性文件",
            r"规范性文件(?:制定|印发)(?:数|量)?",
        ),
    ),
    Entry(
        "规范性文件报备",
        "行政规范性文件报送备案数",
        Kind.COUNT,
        _FILES,
        "本年度制定的行政规范性文件中，报送备案的件数。",
        (
            r"(?<![及按])(?:报备|报送备案)(?:了)?(?:行政)?规范性文件",
            r"规范性文件(?<![及按])(?:报备|报送备案)(?:数)?(?!率)",
        ),
    ),
    Entry(
        "规范性文件及时报备",
        "行政规范性文件按时报备数",
        Kind.COUNT,
        _FILES,
        "在规定时限内（一般为公布之日起30日内，以当地规定为准）报送备案的件数。",
        (r"(?:及时|按时)(?:报备|报送备案)(?:了)?(?:行政)?(?:规范性文件)?(?!率)",),
        within="规范性文件报备",
    ),
    Entry(
        "规范性文件备案率",
        "行政规范性文件报备率",
        Kind.RATE,
        (),
        "分母是本年度制定的件数（应当报备的件数）。",
        (r"(?<![及按时])(?:备案率|报备率)",),
        "规范性文件",
        "规范性文件报备",
        "规范性文件制定",
    ),
    Entry(
        "规范性文件及时报备率",
        "行政规范性文件及时报备率",
        Kind.RATE,
        (),
        "分母是报送备案的件数。",
        (r"(?:及时|按时)报备率|报备及时率",),
        "",
        "规范性文件及时报备",
        "规范性文件报备",
    ),
    Entry(
        "规范性文件清理",
        "清理的行政规范性文件数",
        Kind.COUNT,
        _FILES,
        "本年度清理（逐件评估后决定保留、修改或废止）的规范性文件总数，不只是废止的件数。",
        (r"清理(?:了)?(?:现行)?(?:行政)?规范性文件", r"规范性文件清理(?:数)?"),
    ),
    # ---------------------------------------------------------------- 重大行政决策
    Entry(
        "重大决策",
        "重大行政决策事项数",
        Kind.COUNT,
        _MATTERS,
        "本年度作出的重大行政决策事项数（列入年度目录并已作出决策的事项）。",
        (r"重大(?:行政)?决策(?:事项)?(?![听合程目])",),
    ),
    Entry(
        "重大决策听证",
        "举行听证的重大行政决策数",
        Kind.COUNT,
        _MATTERS,
        "重大行政决策中举行听证会的事项数。",
        (r"听证(?:事项|会)?",),
        "决策",
        within="重大决策",
    ),
    Entry(
        "重大决策合法性审查",
        "经合法性审查的重大行政决策数",
        Kind.COUNT,
        _MATTERS,
        "提交决策机关讨论前经过合法性审查的重大行政决策事项数。",
        (r"合法性审查(?:事项)?(?!率)",),
        "决策",
    ),
    Entry(
        "重大决策合法性审查率",
        "重大行政决策合法性审查率",
        Kind.RATE,
        (),
        "应为100%：重大行政决策未经合法性审查不得提交讨论。",
        (r"合法性审查率",),
        "决策",
        "重大决策合法性审查",
        "重大决策",
    ),
    # ---------------------------------------------------------------- 行政执法
    Entry(
        "案卷评查",
        "评查的行政执法案卷数",
        Kind.COUNT,
        ("件", "卷", "宗", "份", "个"),
        "本年度组织评查（抽查）的行政执法案卷数。",
        (r"(?:评查|抽查)(?:了)?(?:行政)?执法(?:案卷|案件)", r"案卷评查(?:数)?"),
    ),
    Entry(
        "执法人员",
        "行政执法人员数",
        Kind.COUNT,
        _PEOPLE,
        "本单位在编在岗、从事行政执法工作的人员数，是持证率的分母。",
        (r"(?:行政)?执法人员(?!持证)",),
    ),
    Entry(
        "执法证持证",
        "持有行政执法证件人数",
        Kind.COUNT,
        _PEOPLE,
        "本单位执法人员中持有有效行政执法证件的人数。",
        (r"持(?:有)?(?:行政)?执法证(?:件)?(?:的)?(?:人员|人数)?(?!率)",),
    ),
    Entry(
        "执法证持证率",
        "行政执法证件持证率",
        Kind.RATE,
        (),
        "分母是全部行政执法人员。",
        (r"持证率",),
        "",
        "执法证持证",
        "执法人员",
    ),
    # ---------------------------------------------------------------- 学法、培训、法律顾问
    Entry(
        "学法",
        "领导班子集体学法次数",
        Kind.COUNT,
        ("次", "场", "期"),
        "政府常务会议、部门党组（党委）会议或办公会议会前学法等集体学法的次数。",
        (r"(?:会前|集体|专题)学法(?:活动)?",),
    ),
    Entry(
        "培训人次",
        "法治培训人次",
        Kind.COUNT,
        ("人次",),
        "参加法治培训的人次，一人参加多次按次数计。",
        (r"(?:法治|法律知识|执法)培训(?:班)?",),
    ),
    Entry(
        "法律顾问",
        "法律顾问人数",
        Kind.COUNT,
        _PEOPLE,
        "本单位聘请的法律顾问人数（含法律顾问单位派驻的律师），不含公职律师。",
        (r"(?:聘请|聘任|选聘)(?:了)?(?:常年)?法律顾问",),
    ),
    Entry(
        "法律顾问审查",
        "法律顾问审查涉法事务数",
        Kind.COUNT,
        ("件", "项", "份", "个"),
        "法律顾问审查合同、文件、决策等涉法事务并出具意见的件数。",
        (r"法律顾问(?:室)?(?:共)?(?:审查|审核)(?:了)?(?:各类)?(?:涉法事务|合同|文件)?",),
    ),
)
BY_KEY = {entry.key: entry for entry in CATALOGUE}

# ---------------------------------------------------------------- the ``figures:`` section

_NUMBER = r"\d+(?:,\d{3})*(?:\.\d+)?|\d+(?:\.\d+)?"
_VALUE_SHORT = re.compile(rf"\s*(-?(?:{_NUMBER}))\s*([^\d\s/]\S*)?\s*")
_RATE_SHORT = re.compile(rf"\s*({_NUMBER})\s*/\s*({_NUMBER})\s*")
_KEY = re.compile(r"[^\W_]\w{0,39}")


def _number(value: Any) -> Decimal:
    """A non-negative number as typed: ``53``, ``1,234``, ``190.5``; exact (no float)."""
    text = str(value).strip()
    if TODO in text:
        raise ValueError(_("the number is not filled in yet (【待填写】)"))
    try:
        number = Decimal(text.replace(",", ""))
    except InvalidOperation:
        raise ValueError(_("expected a number, got {value!r}").format(value=text)) from None
    if not number.is_finite():
        raise ValueError(_("expected a number, got {value!r}").format(value=text))
    if number < 0:
        raise ValueError(_("a figure cannot be negative ({value})").format(value=text))
    return number


Number = Annotated[Decimal, BeforeValidator(_number)]


def _short_text(value: str) -> str:
    text = value.strip()
    if not text or "\n" in text:
        raise ValueError(_("expected a short text on one line"))
    return text


Label = Annotated[str, AfterValidator(_short_text)]


def _shorthand(value: Any) -> Any:
    """``53``, ``53件``, ``190.5万元`` and ``19/19`` stand for the long forms."""
    if not isinstance(value, str):
        return value
    rate = _RATE_SHORT.fullmatch(value)
    if rate:
        return {"numerator": rate[1], "denominator": rate[2]}
    single = _VALUE_SHORT.fullmatch(value)
    if single:
        return {"value": single[1], "unit": single[2]} if single[2] else {"value": single[1]}
    if TODO in value:
        raise ValueError(_("the number is not filled in yet (【待填写】)"))
    raise ValueError(
        _(
            "expected a number (53), a number with its unit (190.5万元) or a rate as "
            "numerator/denominator (19/19); got {value!r}"
        ).format(value=value.strip())
    )


class FigureInput(BaseModel):
    """One entry of ``figures:`` as written: a value (with a unit) or a numerator/denominator."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    value: Number | None = Field(default=None, description="数值：件数、人数或金额。")
    unit: Label | None = Field(
        default=None, description="单位，如 件、人次、万元；目录中的数据单位固定，可省略。"
    )
    numerator: Number | None = Field(default=None, description="比率的分子，如出庭数。")
    denominator: Number | None = Field(default=None, description="比率的分母，如应出庭数。")
    label: Label | None = Field(
        default=None, description="自定义数据的名称（表格中显示）；省略时用键名。"
    )

    @model_validator(mode="after")
    def _one_form(self) -> FigureInput:
        is_rate = self.numerator is not None or self.denominator is not None
        if is_rate and (self.numerator is None or self.denominator is None):
            raise ValueError(_("a rate needs both numerator and denominator"))
        if is_rate and self.value is not None:
            raise ValueError(
                _("write either value or numerator and denominator (a rate is computed), not both")
            )
        if is_rate and self.unit is not None:
            raise ValueError(_("a rate has no unit: it is computed as a percentage"))
        if not is_rate and self.value is None:
            raise ValueError(_("write value (a number), or numerator and denominator (a rate)"))
        return self

    @property
    def is_rate(self) -> bool:
        """Given as numerator and denominator."""
        return self.numerator is not None


FigureValue = Annotated[FigureInput, BeforeValidator(_shorthand)]


class FigureSection(BaseModel):
    """The ``figures:`` section: catalogue keys and the report's own keys, plus table settings."""

    model_config = ConfigDict(extra="allow", frozen=True, defer_build=True)

    __pydantic_extra__: dict[str, FigureValue] = Field(init=False)

    attachment: bool = Field(
        default=False,
        description="true：在报告末尾附“主要数据”表（附件），Word、Markdown、HTML 都有；默认 false。",
    )
    attachment_title: Label | None = Field(
        default=None,
        description="附件表格的标题；省略时为“<发文机关><年度>年度法治政府建设主要数据”。",
    )
    decimals: int = Field(
        default=1, ge=0, le=4, description="比率保留的小数位数（四舍五入），默认 1，如 9.4%。"
    )

    @property
    def entries(self) -> dict[str, FigureInput]:
        """The figures as written, in file order (settings excluded)."""
        return dict(self.model_extra or {})


# ---------------------------------------------------------------- computed figures


class Figure(NamedTuple):
    """A figure ready to print or add up: catalogue or own, counts and rates alike.

    ``value`` is the count or amount, or for a rate the percentage (None when 0/0); a rate
    keeps its numerator and denominator so that sums across units recompute it.
    """

    key: str
    label: str
    kind: Kind
    unit: str
    value: Decimal | None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    catalogue: bool = True

    @property
    def is_rate(self) -> bool:
        """A percentage computed from numerator and denominator."""
        return self.kind is Kind.RATE


def percentage(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    """The rate in percent, exact enough for any rounding; None when the denominator is 0."""
    if denominator == 0:
        return None
    return numerator * 100 / denominator


def figures_of(report: Report) -> list[Figure]:
    """Every figure of the report: the catalogue's in catalogue order, then the report's own.

    A catalogue rate appears as soon as both of its counts are given.
    """
    section = report.figures
    if section is None:
        return []
    given = section.entries
    found: list[Figure] = []
    for entry in CATALOGUE:
        if entry.kind is Kind.RATE:
            num, den = given.get(entry.numerator), given.get(entry.denominator)
            if num is None or den is None or num.value is None or den.value is None:
                continue
            found.append(
                Figure(
                    entry.key,
                    entry.label,
                    Kind.RATE,
                    "%",
                    percentage(num.value, den.value),
                    num.value,
                    den.value,
                )
            )
        elif entry.key in given and not given[entry.key].is_rate:
            found.append(
                Figure(entry.key, entry.label, entry.kind, entry.unit, given[entry.key].value)
            )
    for key, item in given.items():
        if key in BY_KEY:
            continue
        label = item.label or key
        if item.numerator is not None and item.denominator is not None:
            found.append(
                Figure(
                    key,
                    label,
                    Kind.RATE,
                    "%",
                    percentage(item.numerator, item.denominator),
                    item.numerator,
                    item.denominator,
                    catalogue=False,
                )
            )
        elif item.unit and item.value is not None:
            kind = Kind.COUNT if item.value == item.value.to_integral_value() else Kind.AMOUNT
            found.append(Figure(key, label, kind, item.unit, item.value, catalogue=False))
    return found


def figure_map(report: Report) -> dict[str, Figure]:
    """The report's figures by key."""
    return {f.key: f for f in figures_of(report)}


def decimals_of(report: Report | None) -> int:
    """How many decimals rates are printed with (the section's ``decimals``, default 1)."""
    return report.figures.decimals if report is not None and report.figures else 1


def format_number(value: Decimal) -> str:
    """A count or amount as printed: as typed, without exponent or thousands separators."""
    return format(value, "f")


def round_half_up(value: Decimal, decimals: int) -> Decimal:
    """四舍五入 to ``decimals`` places (Python's round() rounds half to even)."""
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def format_percent(value: Decimal | None, decimals: int, fixed: bool = False) -> str:
    """A percentage without the sign, rounded half up; 0/0 is —.

    In prose trailing zeros are dropped (100%, 14%); a table column keeps ``decimals`` places
    (``fixed``) so that its numbers line up and read with the same precision.
    """
    if value is None:
        return "—"
    text = format(round_half_up(value, decimals), "f")
    return text.rstrip("0").rstrip(".") if "." in text and not fixed else text


def display(figure: Figure, decimals: int) -> str:
    """The figure as prose prints it: ``53``, ``190.5``, ``9.4%`` (``—`` for a 0/0 rate)."""
    if figure.is_rate:
        text = format_percent(figure.value, decimals)
        return text if figure.value is None else text + "%"
    assert figure.value is not None
    return format_number(figure.value)


class Change(NamedTuple):
    """This year against last year: the difference, its direction and the relative change."""

    difference: Decimal  # rates: percentage points
    direction: str  # "上升", "下降", "持平"
    relative: Decimal | None  # counts and amounts: percent of last year's value


def change(current: Figure, previous: Figure, decimals: int) -> Change | None:
    """How a figure moved since last year; None when either side has no value (a 0/0 rate).

    Rates are compared as printed (rounded to ``decimals``), so 持平 means "prints the same".
    """
    if current.value is None or previous.value is None:
        return None
    if current.is_rate:
        new, old = round_half_up(current.value, decimals), round_half_up(previous.value, decimals)
    else:
        new, old = current.value, previous.value
    difference = new - old
    direction = "上升" if difference > 0 else "下降" if difference < 0 else "持平"
    relative = None
    if not current.is_rate and old != 0:
        relative = difference * 100 / old
    return Change(difference, direction, relative)


def format_change(delta: Change | None, is_rate: bool, decimals: int) -> str:
    """``+7（+13.2%）``, ``−2.5个百分点``, ``持平`` for a table cell; ``—`` when not comparable."""
    if delta is None:
        return "—"
    if delta.difference == 0:
        return "持平"
    sign = "+" if delta.difference > 0 else "−"
    if is_rate:
        return f"{sign}{format_percent(abs(delta.difference), decimals, fixed=True)}个百分点"
    text = sign + format_number(abs(delta.difference))
    if delta.relative is not None:
        text += f"（{sign}{format_percent(abs(delta.relative), decimals, fixed=True)}%）"
    return text


# ---------------------------------------------------------------- references in prose

#: ``{复议收案}``, ``{出庭应诉率}``, ``{精简率.分子}``; full-width braces work too. Only a key
#: (letters, digits, Chinese) in braces is a reference: ``{{ 7*7 }}`` stays literal text.
REFERENCE = re.compile(r"[{｛]([^\W_][\w]{0,39}(?:\.[\w]{1,10})?)[}｝]")
PARTS = {"分子": "numerator", "分母": "denominator"}


def body_texts(report: Report) -> Iterator[tuple[KeyPath, str]]:
    """Every text of the body (opening, parts, closing) with its key path: where prose is."""
    from .report import Heading, Paragraph

    def paragraphs(base: KeyPath, items: list[Paragraph]) -> Iterator[tuple[KeyPath, str]]:
        for i, p in enumerate(items):
            if p.text is not None:
                yield (*base, i, "text"), p.text
            for j, point in enumerate(p.points):
                yield (*base, i, "points", j), point
            if p.after is not None:
                yield (*base, i, "after"), p.after

    def heading(base: KeyPath, node: Heading) -> Iterator[tuple[KeyPath, str]]:
        yield (*base, "title"), node.title
        yield from paragraphs((*base, "paragraphs"), node.paragraphs)
        for i, child in enumerate(getattr(node, "items", [])):
            yield from heading((*base, "items", i), child)

    yield from paragraphs(("opening",), report.opening)
    for i, part in enumerate(report.parts):
        yield ("parts", i, "title"), part.title
        yield from paragraphs(("parts", i, "paragraphs"), part.paragraphs)
        for j, item in enumerate(part.items):
            yield from heading(("parts", i, "items", j), item)
    if report.closing is not None:
        yield ("closing",), report.closing


def _resolve(name: str, known: dict[str, Figure], decimals: int) -> str | None:
    key, dot, part = name.partition(".")
    figure = known.get(key)
    if figure is None:
        return None
    if not dot:
        return display(figure, decimals)
    if part in PARTS and figure.is_rate:
        value = getattr(figure, PARTS[part])
        return format_number(value) if value is not None else None
    return None


def _reference_problem(name: str, report: Report, known: dict[str, Figure]) -> tuple[str, str]:
    """(message, hint) for a reference that does not resolve."""
    key, _dot, part = name.partition(".")
    entry = BY_KEY.get(key)
    if key in known:
        return (
            _("'{part}' is not part of figure {key}").format(part=part, key=key),
            _("write {{{key}}}; a rate also has {{{key}.分子}} and {{{key}.分母}}").format(key=key)
            if known[key].is_rate
            else _("write {{{key}}}").format(key=key),
        )
    if entry is not None and entry.kind is Kind.RATE:
        missing = [k for k in (entry.numerator, entry.denominator) if k not in known]
        return (
            _("figure {key} is computed from {counts}, which are not given under figures:").format(
                key=key, counts="、".join(missing)
            ),
            _("add {counts} under figures:").format(counts="、".join(missing)),
        )
    if entry is not None:
        return (
            _("figure {key} is cited but not given under figures:").format(key=key),
            _("add it under figures:, e.g. {key}: 12").format(key=key),
        )
    choices = list(dict.fromkeys([*known, *BY_KEY]))
    close = difflib.get_close_matches(key, choices, n=1, cutoff=0.5)
    hint = (
        _("did you mean {{{key}}}?").format(key=close[0])
        if close
        else _("cite a key of figures: (see the catalogue in the README), e.g. {{复议收案}}")
    )
    return _("unknown figure {{{name}}}").format(name=name), hint


def _entry_problems(key: str, item: FigureInput) -> list[tuple[str, str]]:
    """(message, hint) for each problem of one entry of ``figures:``."""
    entry = BY_KEY.get(key)
    if entry is None:
        if not _KEY.fullmatch(key):
            return [
                (
                    _(
                        "a figure's key is a name of letters, digits or Chinese characters: '{key}'"
                    ).format(key=key),
                    _("no spaces, dots or punctuation, at most 40 characters; e.g. 精简率"),
                )
            ]
        if not item.is_rate and item.unit is None:
            close = difflib.get_close_matches(key, list(BY_KEY), n=1, cutoff=0.5)
            value = format_number(item.value or Decimal(0))
            hint = (
                _("did you mean '{close}'? A figure of your own needs its unit: {key}: {value}件")
                if close
                else _("a figure of your own needs its unit: {key}: {value}件")
            )
            return [
                (
                    _("'{key}' is not in the catalogue of figures").format(key=key),
                    hint.format(close=close[0] if close else "", key=key, value=value),
                )
            ]
        return []
    if entry.kind is Kind.RATE:
        return [
            (
                _("{key} is computed from {numerator} and {denominator}, never typed").format(
                    key=key, numerator=entry.numerator, denominator=entry.denominator
                ),
                _("write {numerator}: … and {denominator}: … under figures: instead").format(
                    numerator=entry.numerator, denominator=entry.denominator
                ),
            )
        ]
    problems = []
    if item.is_rate:
        problems.append((_("{key} is a number, not a rate").format(key=key), ""))
    if item.label is not None:
        problems.append(
            (
                _("the label of catalogue figure {key} is fixed ({label})").format(
                    key=key, label=entry.label
                ),
                _("delete label:, or use a key of your own"),
            )
        )
    if item.unit is not None and item.unit not in entry.units:
        problems.append(
            (
                _("{key} is counted in {unit}, not {given}").format(
                    key=key, unit="/".join(entry.units), given=item.unit
                ),
                _("write the number alone: {key}: {value}").format(
                    key=key, value=format_number(item.value or Decimal(0))
                ),
            )
        )
    number = item.value
    if entry.kind is Kind.COUNT and number is not None and number != number.to_integral_value():
        problems.append(
            (
                _("{key} is a count: a whole number, got {value}").format(
                    key=key, value=format_number(number)
                ),
                "",
            )
        )
    return problems


def problems(report: Report, source_map: SourceMap) -> list[Diagnostic]:
    """Every problem of ``figures:`` and of the references in prose, located in the YAML.

    These are not lint rules: a reference that does not resolve cannot be rendered, and an
    unknown key is most likely a typo of a catalogue key, so neither can be ignored.
    """
    found: list[Diagnostic] = []
    if report.figures is not None:
        for key, item in report.figures.entries.items():
            for message, hint in _entry_problems(key, item):
                found.append(
                    Diagnostic(
                        source_map.key_at(("figures", key)),
                        Severity.ERROR,
                        "LG071",
                        message,
                        f"figures.{key}",
                        hint,
                    )
                )
    known: dict[str, Figure] | None = None
    decimals = decimals_of(report)
    for key_path, text in body_texts(report):
        if "{" not in text and "｛" not in text:
            continue
        for match in REFERENCE.finditer(text):
            if known is None:
                known = figure_map(report)
            if _resolve(match[1], known, decimals) is None:
                message, hint = _reference_problem(match[1], report, known)
                found.append(
                    Diagnostic(
                        source_map.within(key_path, text, match.start()),
                        Severity.ERROR,
                        "LG070",
                        message,
                        _path(source_map.written(key_path)),
                        hint,
                    )
                )
    return found


def _path(key_path: KeyPath) -> str:
    text = ""
    for part in key_path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def cite(text: str, known: dict[str, Figure], decimals: int) -> str:
    """``text`` with each reference replaced by the figure as printed (references checked)."""
    if "{" not in text and "｛" not in text:
        return text
    return REFERENCE.sub(lambda m: _resolve(m[1], known, decimals) or m[0], text)


def _cited(node: Any, known: dict[str, Figure], decimals: int) -> Any:
    """A model, list or text with every reference in it replaced; unchanged objects are reused."""
    if isinstance(node, str):
        return cite(node, known, decimals)
    if isinstance(node, list):
        items = [_cited(child, known, decimals) for child in node]
        return items if any(a is not b for a, b in zip(items, node, strict=True)) else node
    if isinstance(node, BaseModel):
        update = {}
        for name in type(node).model_fields:
            value = getattr(node, name)
            new = _cited(value, known, decimals)
            if new is not value:
                update[name] = new
        return node.model_copy(update=update) if update else node
    return node


_last: tuple[Report, Report] | None = None


def substitute(report: Report) -> Report:
    """The report as the writers print it: references replaced, the figures table listed.

    Every writer renders this same object, so a ``{…}`` prints the same number in every
    output; the last result is kept, as a build renders one report in several formats.
    """
    global _last
    if _last is not None and _last[0] is report:
        return _last[1]
    result = report
    if report.figures is not None:
        known = figure_map(report)
        decimals = report.figures.decimals
        update = {
            name: new
            for name in ("opening", "parts", "closing")
            if (new := _cited(getattr(report, name), known, decimals)) is not getattr(report, name)
        }
        if report.figures.attachment and known:
            update["attachments"] = [*report.attachments, table_title(report)]
        if update:
            result = report.model_copy(update=update)
    _last = (report, result)
    return result


def table_title(report: Report) -> str:
    """The title of the figures attachment."""
    section = report.figures
    if section is not None and section.attachment_title:
        return section.attachment_title
    return f"{report.organization}{report.year}年度法治政府建设主要数据"


# ---------------------------------------------------------------- JSON Schema


def widen_schema(defs: dict[str, Any]) -> None:
    """Name the catalogue's keys in the schema (completion, hover help) and accept shorthands.

    Counts are listed with their label, unit and definition; a catalogue rate is refused with
    the reason (it is computed); any other key is the report's own figure.
    """
    section, figure = defs["FigureSection"], defs["FigureInput"]
    section["description"] = (
        "主要数据。目录中的数据直接写数字（如 复议收案: 53）；自定义数据写明单位（如 "
        "减少事业单位: 45家）或写成分子/分母的比率（如 精简率: 45/94）。比率一律由分子、分母计算。"
    )
    figure["description"] = (
        "一项数据的完整写法：value（数值）+ unit（单位），或 numerator + denominator（比率）。"
    )
    defs["FigureValue"] = {
        "anyOf": [
            {"type": "number", "minimum": 0},
            {"type": "string", "pattern": rf"^\s*({_NUMBER})\s*(\S+|/\s*({_NUMBER}))?\s*$"},
            {"$ref": "#/$defs/FigureInput"},
        ]
    }
    section["additionalProperties"] = {"$ref": "#/$defs/FigureValue"}
    properties = section["properties"]
    for entry in CATALOGUE:
        if entry.kind is Kind.RATE:
            properties[entry.key] = {
                "description": (
                    f"{entry.label} = {entry.numerator} ÷ {entry.denominator}，自动计算，"
                    f"不要填写；请填写 {entry.numerator} 和 {entry.denominator}。{entry.definition}"
                ),
                "not": {},
            }
            continue
        units = "|".join(entry.units)
        properties[entry.key] = {
            "description": f"{entry.label}（{entry.unit}）：{entry.definition}",
            "anyOf": [
                {"type": "integer", "minimum": 0},
                {"type": "string", "pattern": rf"^\s*\d+(,\d{{3}})*\s*({units})?\s*$"},
            ],
        }


# ---------------------------------------------------------------- the table


def _cell(figure: Figure, decimals: int) -> str:
    if figure.is_rate:
        return format_percent(figure.value, decimals, fixed=True)
    return display(figure, decimals)


class Table(NamedTuple):
    """The figures attachment as text cells: header, rows, title and its 附件 mark."""

    mark: str  # "附件" or "附件2"
    title: str
    header: list[str]
    rows: list[list[str]]


def table(report: Report, previous: Report | None = None) -> Table | None:
    """The figures table of ``report`` (None without ``attachment: true`` or without figures).

    Columns: 项目, 单位, this year; with last year's report also last year and 增减 (a count's
    difference and percentage, a rate's difference in 百分点).
    """
    section = report.figures
    current = figures_of(report)
    if section is None or not section.attachment or not current:
        return None
    decimals = section.decimals
    before = figure_map(previous) if previous is not None else None
    header = ["项目", "单位", f"{report.year}年"]
    if before is not None:
        header += [f"{report.year - 1}年", "增减"]
    rows = []
    for figure in current:
        value = _cell(figure, decimals)
        row = [figure.label, figure.unit, value]
        if before is not None:
            old = before.get(figure.key)
            if old is None or old.is_rate != figure.is_rate:
                row += ["—", "—"]
            else:
                delta = change(figure, old, decimals)
                row += [_cell(old, decimals), format_change(delta, figure.is_rate, decimals)]
        rows.append(row)
    title = table_title(report)
    listed = report.attachments  # as substituted: the table's title is the last one
    count = len(listed) if listed and listed[-1] == title else len(listed) + 1
    mark = f"附件{count}" if count > 1 else "附件"
    return Table(mark, title, header, rows)


def catalogue_markdown() -> str:
    """The catalogue as the README's Markdown table (a test keeps the README current)."""
    lines = ["| 键 | 名称 | 单位 | 口径 |", "| --- | --- | --- | --- |"]
    for entry in CATALOGUE:
        unit = "%" if entry.kind is Kind.RATE else "、".join(entry.units[:1])
        definition = entry.definition
        if entry.kind is Kind.RATE:
            definition = f"`{entry.numerator}` ÷ `{entry.denominator}`，自动计算。{definition}"
        lines.append(f"| `{entry.key}` | {entry.label} | {unit} | {definition} |")
    return "\n".join(lines) + "\n"
