"""Word and web-copy fixtures that reproduce what clerks' real files contain, with their truth.

Why generated: the files people import are made in Word 2016 and WPS from their office's 红头
templates, and each habit of those programs and people is one switch here — the 版头 in text
boxes (saved twice, in ``mc:Choice`` and ``mc:Fallback``, or once as VML the way WPS does),
automatic numbering (``numbering.xml`` formats ``chineseCounting``, ``ideographDigital``,
``decimalEnclosedFullstop``, ``decimalEnclosedParen``), headings on ``heading N``/``标题 N``
styles with the IDs Chinese Word and WPS give them, outline levels, tracked changes and
comments, manual line breaks, empty spacing paragraphs, typed indents, the signature and date
in a two-cell table, the 版记 in a table, a table of figures in the body, placeholder and
ASCII-bracket 发文字号, a date in Chinese numerals, a website's information panel. The
document is built with python-docx (package, styles, comments) plus raw WordprocessingML where
python-docx has no API (text boxes, numbering definitions, tracked changes, fields).

Every fixture comes with its truth — the paragraphs, headings and metadata a careful person
reads in it — computed from the same description the file is rendered from, never from what
the importer returns. ``tests/test_import_word.py`` measures the importer against it.
"""

from __future__ import annotations

import functools
import io
import zipfile
from dataclasses import dataclass, field, replace
from typing import Any
from xml.sax.saxutils import escape

import docx
from docx.oxml.ns import qn
from lxml import etree

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "v": "urn:schemas-microsoft-com:vml",
    "o": "urn:schemas-microsoft-com:office:office",
}
NSDECL = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in NS.items())
W = "{{{}}}".format(NS["w"])
CN = "一二三四五六七八九十"
DATE_ATTRS = 'w:author="张三" w:date="2022-01-05T09:00:00Z"'

# ---------------------------------------------------------------------------- the content


@dataclass
class Item:
    """A heading below a part: its title (without number), run-in or not, and its text."""

    title: str
    paragraphs: list[str]
    run_in: bool = False
    items: list[Item] = field(default_factory=list)


@dataclass
class Part:
    title: str
    paragraphs: list[str]
    items: list[Item] = field(default_factory=list)


@dataclass
class Report:
    """What a report says, before any program lays it out."""

    organization: str
    year: int
    date: str
    title: list[str]
    recipients: str | None
    opening: list[str]
    parts: list[Part]
    closing: str | None = "特此报告。"
    doc_number: str | None = None
    signer: str | None = None
    copy_to: list[str] = field(default_factory=list)
    printed_by: str | None = None
    printed_date: str | None = None


def seed_report() -> Report:
    """A county bureau's report with four heading levels, run-in items and 一是/二是."""
    return Report(
        organization="某县司法局",
        year=2021,
        date="2022年1月10日",
        title=["某县司法局2021年度", "法治政府建设工作报告"],
        recipients="中共某县委、某县人民政府：",
        opening=[
            "2021年，我局坚持以习近平法治思想为指导，全面落实法治政府建设各项任务。"
            "现将有关情况报告如下："
        ],
        parts=[
            Part(
                "法治政府建设的主要举措和成效",
                [],
                [
                    Item(
                        "强化组织领导。",
                        [
                            "局党组书记切实履行推进法治建设第一责任人职责，一是召开党组会专题研究法治工作4次；"
                            "二是制定年度法治工作要点，明确责任分工。",
                            "年内将法治建设纳入全局绩效考核，考核结果与评先树优挂钩。",
                        ],
                        run_in=True,
                    ),
                    Item(
                        "规范行政执法",
                        [
                            "全面推行行政执法公示制度、执法全过程记录制度和重大执法决定法制审核制度。"
                        ],
                        items=[
                            Item(
                                "落实三项制度。",
                                ["全年公示执法信息216条，音像记录执法过程87次。"],
                                run_in=True,
                            ),
                            Item(
                                "开展案卷评查",
                                ["抽查行政执法案卷45卷，发现问题12个，均已整改。"],
                                items=[
                                    Item(
                                        "评查结果运用。",
                                        ["评查结果纳入年度执法考核。"],
                                        run_in=True,
                                    )
                                ],
                            ),
                        ],
                    ),
                    Item(
                        "推进普法宣传。",
                        ["全年开展“法律进机关”“法律进乡村”活动32场，受众1.2万人次。"],
                        run_in=True,
                    ),
                ],
            ),
            Part(
                "存在的不足和原因",
                [
                    "一是基层执法人员法治素养仍需提高；二是行政复议应诉工作力量较为薄弱。",
                    "究其原因，主要是培训的针对性不强，人员配备不足。",
                ],
            ),
            Part(
                "2022年工作安排",
                ["下一步，我局将重点做好以下工作。"],
                [
                    Item(
                        "加强执法队伍建设。", ["组织全员轮训，全年培训不少于40学时。"], run_in=True
                    ),
                    Item("深化法治宣传教育。", ["推进“八五”普法规划落实。"], run_in=True),
                ],
            ),
        ],
        doc_number="某司发〔2022〕3号",
        signer="王五",
        copy_to=["县委办公室", "县人大常委会办公室", "县委依法治县办"],
        printed_by="某县司法局办公室",
        printed_date="2022年1月10日",
    )


def district_report() -> Report:
    """A district office's report: five parts, standalone and run-in items, no sub-items."""
    return Report(
        organization="某区市场监督管理局",
        year=2022,
        date="2023年2月8日",
        title=["某区市场监督管理局关于2022年度法治政府建设情况的报告"],
        recipients="某区人民政府：",
        opening=[
            "2022年，区市场监管局在区委、区政府的坚强领导下，扎实推进法治政府建设，"
            "各项工作取得新成效。",
            "现将有关情况报告如下：",
        ],
        parts=[
            Part(
                "主要举措和成效",
                ["一年来，我局紧扣年度目标，重点抓好四个方面工作。"],
                [
                    Item("健全依法决策机制", ["制定重大行政决策事项目录，全年作出重大决策3项。"]),
                    Item(
                        "深化“放管服”改革。",
                        ["企业开办时间压缩至0.5个工作日，全年新增市场主体8,412户。"],
                        run_in=True,
                    ),
                    Item("严格规范执法", ["全年立案查处各类违法案件326件，罚没款412万元。"]),
                ],
            ),
            Part(
                "党政主要负责人履行推进法治建设第一责任人职责情况",
                ["局主要负责同志带头学法讲法，主持召开法治专题会议6次。"],
            ),
            Part("存在的问题", ["执法办案信息化水平不高，部分执法人员证据意识不强。"]),
            Part(
                "下一步工作打算",
                [],
                [
                    Item("提升执法规范化水平。", ["开展执法案卷评查和以案释法活动。"], run_in=True),
                    Item("加强智慧监管。", ["推进“互联网+监管”平台应用。"], run_in=True),
                ],
            ),
        ],
        closing="特此报告。",
        doc_number="某区市监发〔2023〕12号",
        signer="赵六",
        copy_to=["区委办公室", "区人大常委会办公室"],
        printed_by="某区市场监督管理局办公室",
        printed_date="2023年2月8日",
    )


# ---------------------------------------------------------------------------- the habits


@dataclass
class Habits:
    """How a program and its user laid the report out (each field one habit)."""

    letterhead: str = ""  # "" none, "drawing" (mc:Choice + mc:Fallback), "vml" (WPS), "body",
    # or "table" (发文字号 and 签发人 in the two cells of a borderless table)
    docnumber: str = "real"  # "real", "ascii" ([2022]), "placeholder" (XX〔20XX〕X号), "none"
    numbering: str = ""  # "" typed, "direct" (w:numPr), "style" (numbering on heading styles)
    formats: tuple[str, str, str, str] = (
        "chineseCounting",
        "chineseCounting",
        "decimal",
        "decimal",
    )
    styles: str = (
        ""  # "" none, "word-cn" (IDs 1,2…), "wps" (标题 N), "outline" (custom + outlineLvl)
    )
    title_on_heading: bool = False  # the title on heading 1, parts on heading 2…
    typed_numbers: bool = True
    title_style: str = "plain"  # "plain" (centred, big), "Title", or "br" (one paragraph, w:br)
    fonts: bool = False  # 黑体 / 楷体 runs for headings
    signature_table: bool = False
    signature_break: bool = False  # 署名 and 成文日期 in one paragraph, split by w:br
    imprint: str = ""  # "" none, "table", "split" (“抄送：” in a cell of its own), "paragraphs"
    letterhead_suffix: str = "文件"  # "" for a 信函 letterhead (the body's name alone)
    tracked: bool = False
    comments: bool = False
    spacing: bool = False  # empty paragraphs between blocks
    indent: str = ""  # "", "u3000", "spaces"
    soft_breaks: bool = False  # w:br inside body paragraphs (mid-sentence, and between sentences)
    figures_table: bool = False
    cn_date: bool = False  # 成文日期 in Chinese numerals
    style_loop: bool = False  # two styles based on each other (must not hang)
    controls: bool = False  # content controls: one still showing its prompt, one filled in


# ---------------------------------------------------------------------------- XML pieces


def _t(text: str) -> str:
    return f'<w:t xml:space="preserve">{escape(text)}</w:t>'


def run(
    text: str,
    font: str = "",
    color: str = "",
    size: int = 0,
    bold: bool = False,
    wps: bool = False,
) -> str:
    props = ""
    if font:
        props += f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}"/>'
    elif wps:
        props += '<w:rFonts w:hint="eastAsia"/>'
    if bold:
        props += "<w:b/>"
    if color:
        props += f'<w:color w:val="{color}"/>'
    if size:
        props += f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'
    if wps:
        props += '<w:kern w:val="0"/>'
    parts = text.split("\n")
    inner = "<w:br/>".join(_t(part) for part in parts)
    return f"<w:r>{'<w:rPr>' + props + '</w:rPr>' if props else ''}{inner}</w:r>"


def para(
    runs: str,
    style: str = "",
    jc: str = "",
    num: tuple[int, int] | None = None,
    outline: int | None = None,
    mark: str = "",
) -> str:
    props = ""
    if style:
        props += f'<w:pStyle w:val="{style}"/>'
    if num is not None:
        props += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    if outline is not None:
        props += f'<w:outlineLvl w:val="{outline}"/>'
    if jc:
        props += f'<w:jc w:val="{jc}"/>'
    if mark:
        props += f"<w:rPr>{mark}</w:rPr>"
    return f"<w:p>{'<w:pPr>' + props + '</w:pPr>' if props else ''}{runs}</w:p>"


def textbox(content: str, mode: str, number: int) -> str:
    """A floating text box holding ``content`` (paragraphs), as Word 2016 or as WPS saves it."""
    vml = (
        f'<w:pict><v:shape id="_x0000_s10{number}" type="#_x0000_t202" '
        'style="position:absolute;margin-left:0;margin-top:0;width:442pt;height:60pt;'
        'z-index:251659264" filled="f" stroked="f"><v:textbox>'
        f"<w:txbxContent>{content}</w:txbxContent></v:textbox></v:shape></w:pict>"
    )
    if mode == "vml":
        return f"<w:r>{vml}</w:r>"
    drawing = (
        '<w:drawing><wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" '
        'relativeHeight="251659264" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="margin"><wp:posOffset>0'
        '</wp:posOffset></wp:positionH><wp:positionV relativeFrom="margin"><wp:posOffset>0'
        '</wp:posOffset></wp:positionV><wp:extent cx="5615940" cy="762000"/>'
        '<wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapTopAndBottom/>'
        f'<wp:docPr id="{number}" name="文本框 {number}"/><wp:cNvGraphicFramePr/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/'
        'wordprocessingShape"><wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" '
        'y="0"/><a:ext cx="5615940" cy="762000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/>'
        f"</a:prstGeom><a:noFill/></wps:spPr><wps:txbx><w:txbxContent>{content}"
        "</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic>"
        "</wp:anchor></w:drawing>"
    )
    return (
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps">'
        f"{drawing}</mc:Choice><mc:Fallback>{vml}</mc:Fallback></mc:AlternateContent></w:r>"
    )


def table(rows: list[list[str]], borders: bool = False) -> str:
    """A table whose cells hold the given paragraph XML."""
    columns = max(len(row) for row in rows)
    width = 8844 // columns
    border = (
        '<w:tblBorders><w:top w:val="single" w:sz="4"/><w:bottom w:val="single" w:sz="4"/>'
        '<w:insideH w:val="single" w:sz="4"/><w:insideV w:val="single" w:sz="4"/></w:tblBorders>'
        if borders
        else ""
    )
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for _ in range(columns))
    body = "".join(
        "<w:tr>"
        + "".join(
            f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{cell or "<w:p/>"}</w:tc>'
            for cell in row
        )
        + "</w:tr>"
        for row in rows
    )
    return (
        f'<w:tbl><w:tblPr><w:tblW w:w="8844" w:type="dxa"/>{border}</w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>{body}</w:tbl>"
    )


# ---------------------------------------------------------------------------- numbering


def numbering_xml(formats: tuple[str, str, str, str], styles: list[str] | None) -> tuple[str, str]:
    """One four-level list: 一、 （一） 1. （1） in the given level formats."""
    texts = ("%1、", "（%2）", "%3." if formats[2] == "decimal" else "%3", "（%4）")
    if formats[3] == "decimalEnclosedParen":
        texts = (*texts[:3], "%4")
    levels = ""
    for ilvl, (fmt, text) in enumerate(zip(formats, texts, strict=True)):
        style = f'<w:pStyle w:val="{styles[ilvl]}"/>' if styles else ""
        levels += (
            f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>{style}'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            '<w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr></w:lvl>'
        )
    return (
        f'<w:abstractNum {NSDECL} w:abstractNumId="90"><w:multiLevelType w:val="multilevel"/>'
        f"{levels}</w:abstractNum>",
        f'<w:num {NSDECL} w:numId="90"><w:abstractNumId w:val="90"/></w:num>',
    )


# ---------------------------------------------------------------------------- truth


@dataclass
class Truth:
    """What a careful reader finds in a fixture."""

    paragraphs: list[str]
    headings: list[tuple[str, int]]  # (title without number, level 1–4)
    metadata: dict[str, Any]


def _truth(report: Report, habits: Habits) -> Truth:
    paragraphs = list(report.opening)
    headings: list[tuple[str, int]] = []

    def walk(item: Item, level: int) -> None:
        headings.append((item.title, level))
        paragraphs.extend(item.paragraphs)
        for child in item.items:
            walk(child, level + 1)

    for part in report.parts:
        headings.append((part.title, 1))
        paragraphs.extend(part.paragraphs)
        for item in part.items:
            walk(item, 2)
    if report.closing:
        paragraphs.append(report.closing)
    metadata: dict[str, Any] = {
        "organization": report.organization,
        "year": report.year,
        "date": report.date,
        "recipients": report.recipients,
    }
    if habits.docnumber in ("real", "ascii"):
        metadata["doc_number"] = report.doc_number
    if habits.letterhead:
        metadata["signer"] = report.signer
    if habits.imprint:
        metadata["copy_to"] = report.copy_to
    return Truth(paragraphs, headings, {k: v for k, v in metadata.items() if v is not None})


# ---------------------------------------------------------------------------- rendering


class _Renderer:
    """Lays one report out in WordprocessingML with the given habits."""

    def __init__(self, report: Report, habits: Habits) -> None:
        self.report = report
        self.h = habits
        self.body: list[str] = []
        self.boxes = 0
        self.change = 100
        self.comment_targets: list[str] = []

    # -- helpers

    def indent(self, text: str) -> str:
        if self.h.indent == "u3000":
            return "\u3000\u3000" + text
        if self.h.indent == "spaces":
            return "    " + text
        return text

    def spacing(self) -> None:
        if self.h.spacing:
            self.body.append(para(""))

    def body_font(self) -> str:
        return "仿宋_GB2312" if self.h.fonts else ""

    def heading_style(self, level: int) -> str:
        """The style of a level-``level`` heading (0: the title) under the habits' styles."""
        shift = 1 if self.h.title_on_heading else 0
        if self.h.numbering == "style":
            return f"H{level}"
        if self.h.styles == "word-cn":
            return str(level + shift)
        if self.h.styles == "wps":
            return str(level + shift + 1)
        if self.h.styles == "outline":
            return f"Level{level}" if level <= 3 else ""
        return ""

    def change_id(self) -> int:
        self.change += 1
        return self.change

    def text_runs(self, text: str) -> str:
        """Body text, with the tracked changes and soft breaks the habits ask for."""
        font = self.body_font()
        if self.h.soft_breaks and "，" in text and len(text) > 24:
            cut = text.index("，") + 1
            text = text[:cut] + "\n" + text[cut:]
        if self.h.tracked and len(text) > 12:
            cut = len(text) // 2
            return (
                run(self.indent(text[:cut]), font)
                + f'<w:del w:id="{self.change_id()}" {DATE_ATTRS}><w:r><w:delText>原稿删去的字句'
                "</w:delText></w:r></w:del>"
                + f'<w:ins w:id="{self.change_id()}" {DATE_ATTRS}>{run(text[cut:], font)}</w:ins>'
            )
        return run(self.indent(text), font)

    def body_paragraph(self, text: str) -> None:
        if self.h.tracked and len(text) > 30 and "，" in text:
            cut = text.index("，") + 1  # split by Enter, then the paragraph mark deleted
            mark = f'<w:del w:id="{self.change_id()}" {DATE_ATTRS}/>'
            self.body.append(para(run(self.indent(text[:cut]), self.body_font()), mark=mark))
            self.body.append(para(run(text[cut:], self.body_font())))
            return
        self.body.append(para(self.text_runs(text)))

    # -- elements

    def letterhead(self) -> None:
        r, h = self.report, self.h
        name = run(f"{r.organization}{h.letterhead_suffix}", "方正小标宋简体", "FF0000", 72)
        number = self.doc_number_text()
        number_line = run(f"{number}\t\t签发人：") + run(r.signer or "", "楷体_GB2312")
        if h.letterhead == "body":
            self.body.append(para(name, jc="center"))
            self.body.append(para(""))
            self.body.append(para(number_line))
            return
        if h.letterhead == "table":
            signer = run("签发人：") + run(r.signer or "", "楷体_GB2312")
            self.body.append(para(name, jc="center"))
            self.body.append(table([[para(run(number)), para(signer, jc="right")]]))
            return
        self.boxes += 1
        first = textbox(para(name, jc="center"), h.letterhead, self.boxes)
        self.boxes += 1
        second = textbox(para(number_line), h.letterhead, self.boxes)
        self.body.append(para(first + second))

    def doc_number_text(self) -> str:
        number = self.report.doc_number or ""
        if self.h.docnumber == "ascii":
            return number.replace("〔", "[").replace("〕", "]")
        if self.h.docnumber == "placeholder":
            return "X司发〔20XX〕X号"
        return number

    def title(self) -> None:
        lines = self.report.title
        font = "方正小标宋简体"
        if self.h.title_on_heading:
            style = self.heading_style(0)
            self.body.append(para(run("\n".join(lines), font, size=44), style=style, jc="center"))
        elif self.h.title_style == "Title":
            self.body.append(para(run("\n".join(lines), font, size=44), style="Title"))
        elif self.h.title_style == "br":
            self.body.append(para(run("\n".join(lines), font, size=44), jc="center"))
        else:
            for line in lines:
                self.body.append(para(run(line, font, size=44), jc="center"))

    def heading(self, level: int, number: int, item: Item | Part) -> None:
        """A heading paragraph (and, run-in, its first paragraph of text)."""
        h = self.h
        marker = {
            1: f"{CN[number - 1]}、",
            2: f"（{CN[number - 1]}）",
            3: f"{number}.",
            4: f"（{number}）",
        }[level]
        typed = marker if h.typed_numbers and not h.numbering else ""
        font = {1: "黑体", 2: "楷体_GB2312"}.get(level, "仿宋_GB2312") if h.fonts else ""
        style = self.heading_style(level)
        num = (90, level - 1) if h.numbering == "direct" else None
        outline = None
        if h.styles == "outline" and level == 4:
            style, outline = "", 3  # a direct outline level on a plain paragraph
        run_in = isinstance(item, Item) and item.run_in
        if not item.title:  # the body of a report without parts: its paragraphs only
            for text in item.paragraphs:
                self.body_paragraph(text)
        elif run_in and isinstance(item, Item):
            first, rest = item.paragraphs[0], item.paragraphs[1:]
            body_font = self.body_font()
            content = run(self.indent(typed + item.title), font) + run(first, body_font)
            keeps_style = h.numbering == "style" or h.styles == "outline"
            self.body.append(
                para(content, style=style if keeps_style else "", num=num, outline=outline)
            )
            self.comment_targets.append(item.title)
            for text in rest:
                self.body_paragraph(text)
        else:
            self.body.append(
                para(
                    run(self.indent(typed + item.title), font),
                    style=style,
                    num=num,
                    outline=outline,
                )
            )
            for text in item.paragraphs:
                self.body_paragraph(text)
        for n, child in enumerate(item.items, start=1):
            self.heading(level + 1, n, child)

    def signature(self) -> None:
        r, h = self.report, self.h
        date = _cn_date(r.date) if h.cn_date else r.date
        if h.signature_table:
            self.body.append(
                table(
                    [
                        [para(""), para(run(r.organization), jc="center")],
                        [para(""), para(run(date), jc="center")],
                    ]
                )
            )
        elif h.signature_break:
            self.body.append(para(run(f"{r.organization}\n{date}"), jc="right"))
        else:
            self.body.append(para(run(r.organization), jc="right"))
            self.body.append(para(run(date), jc="right"))

    def imprint(self) -> None:
        r = self.report
        copy_to = para(run("抄送：" + "，".join(r.copy_to) + "。", size=28))
        printed = f"{r.printed_date}印发"
        if self.h.imprint == "split":
            names = para(run("，".join(r.copy_to) + "。", size=28))
            self.body.append(
                table(
                    [
                        [para(run("抄送：", size=28)), names],
                        [para(run(r.printed_by or "", size=28)), para(run(printed, size=28))],
                    ],
                    borders=True,
                )
            )
        elif self.h.imprint == "table":
            self.body.append(
                table(
                    [
                        [copy_to],
                        [
                            para(run(r.printed_by or "", size=28)),
                            para(run(printed, size=28), jc="right"),
                        ],
                    ],
                    borders=True,
                )
            )
        else:
            self.body.append(copy_to)
            self.body.append(para(run(f"{r.printed_by}\t\t{printed}", size=28)))

    def figures(self) -> None:
        rows = [
            ["指标", "2020年", "2021年"],
            ["行政复议案件", "23", "31"],
            ["行政诉讼案件", "12", "9"],
        ]
        self.body.append(table([[para(run(cell)) for cell in row] for row in rows], borders=True))

    def render(self) -> list[str]:
        r, h = self.report, self.h
        if h.letterhead:
            self.letterhead()
            self.spacing()
        elif h.docnumber != "none" and r.doc_number:
            self.body.append(para(run(self.doc_number_text()), jc="center"))
            self.spacing()
        self.title()
        self.spacing()
        if r.recipients and self.h.controls:
            prompt = (
                "<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>"
                + para(run("单击或点击此处输入文字。"))
                + "</w:sdtContent></w:sdt>"
            )
            filled = (
                '<w:p><w:sdt><w:sdtPr><w:alias w:val="主送机关"/></w:sdtPr><w:sdtContent>'
                + run(r.recipients, self.body_font())
                + "</w:sdtContent></w:sdt></w:p>"
            )
            self.body.append(prompt + filled)
        elif r.recipients:
            self.body.append(para(run(r.recipients, self.body_font())))
        for text in r.opening:
            self.body_paragraph(text)
        for n, part in enumerate(r.parts, start=1):
            self.heading(1, n, part)
            if n == 1 and h.figures_table:
                self.figures()
        if r.closing:
            self.body_paragraph(r.closing)
        self.spacing()
        self.spacing()
        self.signature()
        if h.imprint:
            self.spacing()
            self.imprint()
        return self.body


def _cn_date(date: str) -> str:
    digits = "〇一二三四五六七八九"
    year, rest = date.split("年")
    month, day = rest.rstrip("日").split("月")

    def number(n: int) -> str:
        if n < 10:
            return digits[n]
        return ("" if n < 20 else digits[n // 10]) + "十" + (digits[n % 10] if n % 10 else "")

    return "".join(digits[int(d)] for d in year) + f"年{number(int(month))}月{number(int(day))}日"


def _styles(document: Any, habits: Habits) -> None:
    """Heading styles named and numbered as Chinese Word, WPS, or a template's custom styles."""
    styles = document.styles.element
    if habits.styles in ("word-cn", "wps"):
        for level in range(1, 10):
            style = document.styles[f"Heading {level}"].element
            new_id = str(level + (1 if habits.styles == "wps" else 0))
            style.set(qn("w:styleId"), new_id)
            if habits.styles == "wps":
                style.find(qn("w:name")).set(qn("w:val"), f"标题 {level}")
        for style in styles.iter(qn("w:style")):
            based = style.find(qn("w:basedOn"))
            if based is not None and based.get(qn("w:val")).startswith("Heading"):
                based.set(
                    qn("w:val"),
                    str(int(based.get(qn("w:val"))[7:]) + (1 if habits.styles == "wps" else 0)),
                )
    if habits.styles == "outline":
        # a template's own styles: 一级标题 has an outline level; 二级/三级 inherit theirs
        for level in (1, 2, 3):
            base = (
                f'<w:style {NSDECL} w:type="paragraph" w:customStyle="1" w:styleId="Base{level}">'
                f'<w:name w:val="标题基{level}"/><w:basedOn w:val="Normal"/>'
                f'<w:pPr><w:outlineLvl w:val="{level - 1}"/></w:pPr></w:style>'
            )
            own = (
                f'<w:style {NSDECL} w:type="paragraph" w:customStyle="1" w:styleId="Level{level}">'
                f'<w:name w:val="{CN[level - 1]}级标题"/><w:basedOn w:val="Base{level}"/></w:style>'
            )
            styles.append(etree.fromstring(base))
            styles.append(etree.fromstring(own))
    if habits.numbering == "style":
        for level in range(1, 5):
            styles.append(
                etree.fromstring(
                    f'<w:style {NSDECL} w:type="paragraph" w:customStyle="1" w:styleId="H{level}">'
                    f'<w:name w:val="公文{CN[level - 1]}级标题"/><w:basedOn w:val="Normal"/>'
                    f'<w:pPr><w:numPr><w:numId w:val="90"/></w:numPr>'
                    f'<w:outlineLvl w:val="{level - 1}"/></w:pPr></w:style>'
                )
            )
    if habits.style_loop:
        for first, second in (("LoopA", "LoopB"), ("LoopB", "LoopA")):
            styles.append(
                etree.fromstring(
                    f'<w:style {NSDECL} w:type="paragraph" w:styleId="{first}">'
                    f'<w:name w:val="{first}"/><w:basedOn w:val="{second}"/></w:style>'
                )
            )


def render(report: Report, habits: Habits) -> bytes:
    """The .docx bytes of ``report`` laid out with ``habits``."""
    document = docx.Document()
    _styles(document, habits)
    if habits.numbering:
        numbering = document.part.numbering_part.element
        abstract, num = numbering_xml(
            habits.formats, [f"H{n}" for n in range(1, 5)] if habits.numbering == "style" else None
        )
        first_num = numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(etree.fromstring(abstract))
        else:
            numbering.append(etree.fromstring(abstract))
        numbering.append(etree.fromstring(num))
    renderer = _Renderer(report, habits)
    xml = "".join(renderer.render())
    if habits.style_loop:
        xml = para(run("　"), style="LoopA") + xml
    body = document.element.body
    section = body.find(qn("w:sectPr"))
    for element in etree.fromstring(f"<w:body {NSDECL}>{xml}</w:body>"):
        section.addprevious(element)
    if habits.comments:
        from docx.text.paragraph import Paragraph

        for p in body.iter(qn("w:p")):
            paragraph = Paragraph(p, document._body)
            if paragraph.runs and paragraph.text.strip() and "第一责任人" in paragraph.text:
                document.add_comment(paragraph.runs, text="请补充具体数据。", author="李四")
                break
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def with_body(package: bytes, body_xml: str) -> bytes:
    """``package`` (a .docx) with its body replaced by ``body_xml`` (paragraphs and tables)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "word/document.xml":
                data = (
                    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NSDECL}>'
                    f"<w:body>{body_xml}<w:sectPr/></w:body></w:document>"
                ).encode()
            zout.writestr(info, data)
    return out.getvalue()


# ---------------------------------------------------------------------------- web copy


def web_copy(report: Report) -> str:
    """A web page copied as text: navigation, the information panel, the report without 署名."""
    return (
        "\n".join(
            [
                "首页 > 政务公开 > 法定主动公开内容 > 法治政府建设",
                f"索引号：11370322MB28{report.year}X/2022-00012    发布机构：{report.organization}",
                f"发文字号：{report.doc_number}",
                f"成文日期：{report.date.replace('年', '-').replace('月', '-').replace('日', '')}",
                "名称：" + "".join(report.title),
                "".join(report.title),
                *((report.recipients and [report.recipients]) or []),
                *report.opening,
                *_web_body(report),
                *((report.closing and [report.closing]) or []),
                "【打印本页】 【关闭窗口】",
            ]
        )
        + "\n"
    )


def _web_body(report: Report) -> list[str]:
    lines: list[str] = []

    def walk(item: Item, level: int, n: int) -> None:
        marker = {2: f"（{CN[n - 1]}）", 3: f"{n}.", 4: f"（{n}）"}[level]
        if item.run_in:
            lines.append(f"{marker}{item.title}{item.paragraphs[0]}")
            lines.extend(item.paragraphs[1:])
        else:
            lines.append(f"{marker}{item.title}")
            lines.extend(item.paragraphs)
        for m, child in enumerate(item.items, start=1):
            walk(child, level + 1, m)

    for n, part in enumerate(report.parts, start=1):
        lines.append(f"{CN[n - 1]}、{part.title}")
        lines.extend(part.paragraphs)
        for m, item in enumerate(part.items, start=1):
            walk(item, 2, m)
    return lines


# ---------------------------------------------------------------------------- the set


@dataclass
class Fixture:
    """One generated file: its name, its bytes and what it holds."""

    name: str
    data: bytes
    truth: Truth


def _no_parts(report: Report) -> Report:
    """The report as one run of paragraphs: no 一、 parts, no headings at all."""
    texts: list[str] = []
    for part in report.parts[:2]:
        texts.extend(part.paragraphs)
        for item in part.items:
            texts.extend(item.paragraphs)
    return replace(report, parts=[Part("", texts)])


FIXTURES: dict[str, tuple[Any, Habits]] = {
    # 上行文 from a Word 2016 红头 template: 版头 in text boxes, fonts, tables for layout
    "word2016-upward": (
        seed_report,
        Habits(
            letterhead="drawing",
            fonts=True,
            signature_table=True,
            imprint="table",
            spacing=True,
            indent="u3000",
            title_style="br",
        ),
    ),
    # automatic numbering typed nowhere: chineseCounting, on the paragraphs themselves
    "word-autonumber": (
        seed_report,
        Habits(
            numbering="direct",
            title_style="Title",
            signature_break=True,
            spacing=True,
            controls=True,
        ),
    ),
    # numbering attached to the heading styles: ideographDigital, ⒈ and ⑴
    "word-autonumber-styles": (
        seed_report,
        Habits(
            numbering="style",
            formats=(
                "ideographDigital",
                "chineseCounting",
                "decimalEnclosedFullstop",
                "decimalEnclosedParen",
            ),
            indent="spaces",
        ),
    ),
    # Chinese Word: heading styles saved with IDs 1, 2, 3; the title on 标题 1
    "word-heading-styles": (
        seed_report,
        Habits(
            styles="word-cn",
            title_on_heading=True,
            fonts=True,
            imprint="paragraphs",
            letterhead="table",
        ),
    ),
    # WPS: 标题 N style names, VML-only text boxes, 发文字号 with ASCII brackets
    "wps-upward": (
        district_report,
        Habits(
            letterhead="vml",
            styles="wps",
            docnumber="ascii",
            imprint="split",
            indent="u3000",
            spacing=True,
        ),
    ),
    # 信函式: the body's name in red without 文件, no 签发人 line; signature only in the 版头
    "word-letter-style": (
        district_report,
        Habits(letterhead="body", letterhead_suffix="", imprint="paragraphs", spacing=True),
    ),
    # a template's own heading styles with outline levels; numbers not typed; a style loop
    "word-outline-levels": (
        seed_report,
        Habits(styles="outline", typed_numbers=False, style_loop=True, soft_breaks=True),
    ),
    # tracked changes (insertions, deletions, a deleted paragraph mark) and a comment
    "word-tracked-changes": (
        district_report,
        Habits(tracked=True, comments=True, fonts=True, signature_table=True),
    ),
    # a table of figures in the body, the date in Chinese numerals, a placeholder 发文字号
    "word-figures-table": (
        district_report,
        Habits(figures_table=True, cn_date=True, docnumber="placeholder", title_style="br"),
    ),
    # numbers lost (a list pasted as text): only 黑体 and 楷体 say which paragraphs are headings
    "word-fonts-only": (district_report, Habits(typed_numbers=False, fonts=True, indent="u3000")),
    # no 一、 parts at all: one run of paragraphs
    "word-no-parts": (lambda: _no_parts(seed_report()), Habits(spacing=True, indent="u3000")),
}


@functools.cache
def fixtures() -> tuple[Fixture, ...]:
    """Every Word fixture and the web copy, with their truth (made once per test run)."""
    out = []
    for name, (make, habits) in FIXTURES.items():
        report = make()
        truth = _truth(report, habits)
        if not report.parts[0].title:  # the no-parts report: no headings to find
            truth = Truth(truth.paragraphs, [], truth.metadata)
        out.append(Fixture(f"{name}.docx", render(report, habits), truth))
    web = district_report()
    truth = _truth(web, Habits(docnumber="real"))
    out.append(Fixture("web-panel.txt", web_copy(web).encode("utf-8"), truth))
    return tuple(out)


# ---------------------------------------------------------------------------- left out, said


def _plain_document(lines: list[str]) -> Any:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    return document


def _saved(document: Any) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


SHORT_REPORT = [
    "某县水利局2022年度法治政府建设工作报告",
    "一、主要举措和成效",
    "全年开展水行政执法检查45次。",
    "二、存在的问题",
    "执法力量不足。",
    "三、下一步工作计划",
    "加强执法队伍建设。",
    "特此报告。",
    "某县水利局",
    "2023年1月6日",
]


def hidden_and_charts() -> bytes:
    """Hidden text (直接 ``w:vanish``, and a character style that hides), a chart, a SmartArt."""
    document = _plain_document(SHORT_REPORT)
    document.styles.element.append(
        etree.fromstring(
            f'<w:style {NSDECL} w:type="character" w:styleId="Note"><w:name w:val="批注文字"/>'
            "<w:rPr><w:vanish/></w:rPr></w:style>"
        )
    )
    paragraph = document.paragraphs[2]._p
    paragraph.append(
        etree.fromstring(f"<w:r {NSDECL}><w:rPr><w:vanish/></w:rPr>{_t('【此处数字待核】')}</w:r>")
    )
    paragraph.append(
        etree.fromstring(
            f'<w:r {NSDECL}><w:rPr><w:rStyle w:val="Note"/></w:rPr>{_t("（旧数据40次）")}</w:r>'
        )
    )
    graphic = (
        '<w:r {ns}><w:drawing><wp:inline><wp:extent cx="5000000" cy="3000000"/>'
        '<wp:docPr id="{n}" name="{name}"/><a:graphic><a:graphicData uri="{uri}">{data}'
        "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
    )
    chart = (
        '<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="rId90"/>'
    )
    smart = (
        '<dgm:relIds xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram" '
        'r:dm="rId91" r:lo="rId92" r:qs="rId93" r:cs="rId94"/>'
    )
    for number, (name, uri, data) in enumerate(
        [
            ("Chart 1", "http://schemas.openxmlformats.org/drawingml/2006/chart", chart),
            ("Diagram 1", "http://schemas.openxmlformats.org/drawingml/2006/diagram", smart),
        ],
        start=70,
    ):
        holder = document.add_paragraph()._p
        holder.append(
            etree.fromstring(graphic.format(ns=NSDECL, n=number, name=name, uri=uri, data=data))
        )
    return _saved(document)


def letterhead_in_header() -> bytes:
    """The 版头 typed in the first page's header (标题页不同), a running head on the others."""
    from docx.shared import Pt, RGBColor

    document = _plain_document(
        ["关于2022年度法治政府建设工作情况的报告", "县政府：", *SHORT_REPORT[1:8], "2023年1月5日"]
    )
    section = document.sections[0]
    section.different_first_page_header_footer = True
    first = section.first_page_header
    letterhead = first.paragraphs[0].add_run("某某县司法局文件")
    letterhead.font.color.rgb = RGBColor(0xFF, 0, 0)
    letterhead.font.size = Pt(36)
    first.add_paragraph("某司发〔2023〕7号")
    section.header.paragraphs[0].text = "内部资料　注意保存"
    section.footer.paragraphs[0].text = "— 1 —"
    return _saved(document)


def workbook_named_docx() -> bytes:
    """An Excel workbook (the parts any .xlsx has) saved under a .docx name."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    office = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
            'package.relationships+xml"/><Override PartName="/xl/workbook.xml" ContentType="'
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
        )
        package.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            f'2006/relationships"><Relationship Id="rId1" Type="{office}/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>',
        )
        package.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0"?><workbook xmlns="{main}" xmlns:r="{office}"><sheets>'
            '<sheet name="主要数据" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
    return out.getvalue()
