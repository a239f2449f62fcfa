"""The catalogue of figures: stable keys, Chinese labels, units, definitions, prose cues.

Why a module of its own: it is data — what each number a reviewer compares must mean
(出庭应诉率 over the cases a 负责人 had to attend, not over all cases; 纠错 includes what
直接纠错 leaves out) — and it is documented from here: the README's catalogue table is
``catalogue_markdown()``, kept current by a test. Keys never change once published:
``lawgov status`` and ``compile`` add them up across units and years.
"""

from __future__ import annotations

import enum
from typing import NamedTuple


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
#: Rates where fewer is better when units are ranked (the unit's decisions were corrected,
#: or it lost in court); every other figure ranks the largest first.
LOWER_IS_BETTER = frozenset({"复议纠错率", "复议直接纠错率", "诉讼败诉率"})


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
