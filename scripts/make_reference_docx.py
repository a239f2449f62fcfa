"""Generate templates/reference.docx: styles, page setup and footers of every DOCX lawgov writes.

Run ``python scripts/make_reference_docx.py`` after changing a value here; a test checks that the
committed file equals what this script produces. Values and their reasons: ../shared/GBT9704.md
(§1 page, §2 portable 22 × 28 grid, §3 element table, §4 OOXML recipes).

python-docx builds the package (page setup, footers, settings, core properties); the styles are
written as XML, because python-docx has no API for East Asian fonts, ``*Chars`` indents, grid
snapping or character spacing. Every ``w:rFonts`` names an explicit ``w:eastAsia`` font and no
theme font, so Word and WPS never fall back to a Japanese or Western theme font.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Twips

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from lawgov_report.ooxml.package import read_package, write_package  # noqa: E402
from lawgov_report.writers.docx.placement import (  # noqa: E402
    LETTERHEAD_BEFORE,
    LETTERHEAD_LINE,
    RED_RULE_SIZE,
    RED_RULE_SPACE,
)
from lawgov_report.writers.docx.writer import APP_PROPERTIES  # noqa: E402

OUTPUT = ROOT / "templates" / "reference.docx"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# Fonts (GBT9704.md §3). Latin text and digits use Times New Roman, as most local rules ask.
FANGSONG = "仿宋_GB2312"
KAITI = "楷体_GB2312"
HEITI = "黑体"
XIAOBIAOSONG = "方正小标宋简体"
SONG = "宋体"
LATIN = "Times New Roman"

LINE = 579  # 28.95 pt exact: 22 lines fill the 225 mm text area (GBT9704.md §2)
TEXT_WIDTH = 11906 - 1588 - 1474  # 版心 width in twips
RED = "FF0000"
RED_RULE = (  # 1.5 pt, 4 pt below the 发文字号 line
    f'<w:bottom w:val="single" w:sz="{RED_RULE_SIZE}" w:space="{RED_RULE_SPACE}" w:color="{RED}"/>'
)
SZ_XIAOCHU = 72  # 小初 36 pt
ONE_SIHAO = 280  # one 四号 character in twips
SZ_SANHAO, SZ_ERHAO, SZ_SIHAO = 32, 44, 28
CHAR_SPACING = -5  # −0.25 pt: 28 三号 characters fit the 156 mm line in every renderer


def fonts(east: str, latin: str = LATIN) -> str:
    return (
        f'<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{east}" '
        f'w:cs="{latin}" w:hint="eastAsia"/>'
    )


def run_props(
    east: str,
    size: int | None = SZ_SANHAO,
    latin: str = LATIN,
    spacing: int = CHAR_SPACING,
    bold: bool = False,
    color: str = "000000",
    scale: int = 100,
) -> str:
    bold_xml = "<w:b/><w:bCs/>" if bold else '<w:b w:val="0"/><w:bCs w:val="0"/>'
    spacing_xml = f'<w:spacing w:val="{spacing}"/>' if spacing else ""
    scale_xml = f'<w:w w:val="{scale}"/>' if scale != 100 else ""
    size_xml = f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>' if size else ""
    return (
        f'<w:rPr>{fonts(east, latin)}{bold_xml}<w:color w:val="{color}"/>{spacing_xml}{scale_xml}'
        f"{size_xml}</w:rPr>"
    )


def para_props(
    *,
    jc: str = "both",
    indent: bool = True,
    keep_next: bool = False,
    snap: bool = True,
    outline: int | None = None,
    line: int = LINE,
    line_rule: str = "exact",
    auto_space: bool = True,
    border: str = "",
    tabs: str = "",
    before: int = 0,
    ind: str = "",
) -> str:
    parts = ["<w:pPr>"]
    if keep_next:
        parts.append("<w:keepNext/>")
    parts.append('<w:widowControl w:val="0"/>')
    if border:
        parts.append(f"<w:pBdr>{border}</w:pBdr>")
    if tabs:
        parts.append(f"<w:tabs>{tabs}</w:tabs>")
    if not auto_space:
        # No extra gap between Chinese and digits, so the date's width is what 7.3.5.2 measures.
        parts.append('<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>')
    if not snap:
        parts.append('<w:snapToGrid w:val="0"/>')
    parts.append(
        f'<w:spacing w:before="{before}" w:after="0" w:line="{line}" w:lineRule="{line_rule}"/>'
    )
    # 左空二字 (firstLineChars wins in Word/WPS; firstLine is the fallback for other readers).
    chars, twips = (200, 640) if indent else (0, 0)
    parts.append(ind or f'<w:ind w:firstLineChars="{chars}" w:firstLine="{twips}"/>')
    parts.append(f'<w:jc w:val="{jc}"/>')
    if outline is not None:
        parts.append(f'<w:outlineLvl w:val="{outline}"/>')
    parts.append("</w:pPr>")
    return "".join(parts)


def style(
    kind: str,
    style_id: str,
    name: str,
    ppr: str = "",
    rpr: str = "",
    *,
    based_on: str = "",
    default: bool = False,
    link: str = "",
    ui_priority: int | None = None,
) -> str:
    attrs = f'w:type="{kind}" w:styleId="{style_id}"' + (' w:default="1"' if default else "")
    body = f'<w:name w:val="{name}"/>'
    if based_on:
        body += f'<w:basedOn w:val="{based_on}"/>'
    if kind == "paragraph" and style_id != "Normal":
        body += '<w:next w:val="Normal"/>'
    if link:
        body += f'<w:link w:val="{link}"/>'
    if ui_priority is not None:
        body += f'<w:uiPriority w:val="{ui_priority}"/>'
    body += "<w:qFormat/>" if kind in ("paragraph", "character") else ""
    return f'<w:style xmlns:w="{W_NS}" {attrs}>{body}{ppr}{rpr}</w:style>'


STYLES = [
    style("paragraph", "Normal", "Normal", para_props(), run_props(FANGSONG), default=True),
    style(
        "character", "DefaultParagraphFont", "Default Paragraph Font", default=True, ui_priority=1
    ),
    style(
        "table",
        "TableNormal",
        "Normal Table",
        default=True,
        ui_priority=99,
        ppr="",
        rpr="",
    ).replace(
        "</w:style>",
        '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
        '<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
        '<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>',
    ),
    style("numbering", "NoList", "No List", default=True, ui_priority=99),
    # 标题 7.3.1: 小标宋 二号, centred, off the character grid.
    style(
        "paragraph",
        "Title",
        "Title",
        para_props(jc="center", snap=False, indent=False),
        run_props(XIAOBIAOSONG, SZ_ERHAO, spacing=0),
        based_on="Normal",
        ui_priority=10,
    ),
    # 发文字号 7.2.5: 仿宋 三号, centred.
    style(
        "paragraph",
        "GwDocNumber",
        "Gw 发文字号",
        para_props(jc="center", indent=False),
        run_props(FANGSONG),
        based_on="Normal",
    ),
    # 主送机关 7.3.2: flush left, continuation lines flush left.
    style(
        "paragraph",
        "GwRecipients",
        "Gw 主送机关",
        para_props(jc="left", indent=False),
        run_props(FANGSONG),
        based_on="Normal",
    ),
    # 一级–四级标题 7.3.3 on Word's built-in names, so the navigation pane and TOC see them.
    style(
        "paragraph",
        "Heading1",
        "heading 1",
        para_props(keep_next=True, outline=0),
        run_props(HEITI),
        based_on="Normal",
        ui_priority=9,
    ),
    style(
        "paragraph",
        "Heading2",
        "heading 2",
        para_props(keep_next=True, outline=1),
        run_props(KAITI),
        based_on="Normal",
        ui_priority=9,
    ),
    style(
        "paragraph",
        "Heading3",
        "heading 3",
        para_props(keep_next=True, outline=2),
        run_props(FANGSONG),
        based_on="Normal",
        ui_priority=9,
    ),
    style(
        "paragraph",
        "Heading4",
        "heading 4",
        para_props(keep_next=True, outline=3),
        run_props(FANGSONG),
        based_on="Normal",
        ui_priority=9,
    ),
    # Run-in headings (heading sentence and body in one paragraph): the heading run's fonts, and
    # no size, so the run has the size of the body paragraph it sits in.
    style(
        "character",
        "GwHeading2Run",
        "Gw 二级标题（段内）",
        rpr=run_props(KAITI, size=None, spacing=0),
        based_on="DefaultParagraphFont",
    ),
    style(
        "character",
        "GwHeading3Run",
        "Gw 三级标题（段内）",
        rpr=run_props(FANGSONG, size=None, spacing=0),
        based_on="DefaultParagraphFont",
    ),
    style(
        "character",
        "GwHeading4Run",
        "Gw 四级标题（段内）",
        rpr=run_props(FANGSONG, size=None, spacing=0),
        based_on="DefaultParagraphFont",
    ),
    # 附件说明 7.3.4: indents are set per paragraph (they depend on the attachment number).
    style(
        "paragraph",
        "GwAttachment",
        "Gw 附件说明",
        para_props(),
        run_props(FANGSONG),
        based_on="Normal",
    ),
    # 发文机关署名 and 成文日期 7.3.5.2: right-aligned; right indents are computed per report.
    style(
        "paragraph",
        "GwSignature",
        "Gw 发文机关署名",
        para_props(jc="right", indent=False, auto_space=False),
        run_props(FANGSONG),
        based_on="Normal",
    ),
    style(
        "paragraph",
        "GwDate",
        "Gw 成文日期",
        para_props(jc="right", indent=False, auto_space=False),
        run_props(FANGSONG),
        based_on="Normal",
    ),
    # ---- 版头 and 版记 of the paper version (variant: print), GB/T 9704 7.2 and 7.4.
    # 发文机关标志 7.2.4: red 小标宋, 小初 (36 pt) narrowed to 75 %, its top 35 mm below the
    # text area's top (space before), on its own exact line so the glyphs are not clipped.
    style(
        "paragraph",
        "GwLetterhead",
        "Gw 发文机关标志",
        para_props(
            jc="center", indent=False, snap=False, line=LETTERHEAD_LINE, before=LETTERHEAD_BEFORE
        ),
        run_props(XIAOBIAOSONG, SZ_XIAOCHU, spacing=0, color=RED, scale=75),
        based_on="Normal",
    ),
    # 发文字号 on the paper version 7.2.5/7.2.7: the red 版头分隔线 is this paragraph's bottom border.
    style(
        "paragraph",
        "GwDocNumberPrint",
        "Gw 发文字号（版头）",
        para_props(jc="center", indent=False, border=RED_RULE),
        run_props(FANGSONG),
        based_on="Normal",
    ),
    # 签发人's name 7.2.6 is in 楷体.
    style(
        "character",
        "GwSignerRun",
        "Gw 签发人姓名",
        rpr=run_props(KAITI),
        based_on="DefaultParagraphFont",
    ),
    # 抄送 7.4.2: 仿宋 四号, continuation lines aligned after "抄送：". The 1 字 on each side is
    # the 版记 table's cell margin (the table's borders are the rules and must span the 版心).
    # Every *Chars attribute is zeroed: Normal's firstLineChars=200 would otherwise override
    # these twips values in Word and WPS.
    style(
        "paragraph",
        "GwCopyTo",
        "Gw 抄送机关",
        para_props(
            jc="left",
            ind=f'<w:ind w:leftChars="0" w:left="{ONE_SIHAO * 3}" w:rightChars="0" w:right="0"'
            f' w:hangingChars="0" w:hanging="{ONE_SIHAO * 3}" w:firstLineChars="0"/>',
        ),
        run_props(FANGSONG, SZ_SIHAO),
        based_on="Normal",
    ),
    # 印发机关 and 印发日期 7.4.3: agency 1 字 in from the left, date 1 字 in from the right (the
    # cell margins); the date sits on a right tab at the cell's text width.
    style(
        "paragraph",
        "GwPrintedBy",
        "Gw 印发机关和印发日期",
        para_props(
            jc="left",
            ind='<w:ind w:leftChars="0" w:left="0" w:rightChars="0" w:right="0"'
            ' w:firstLineChars="0" w:firstLine="0"/>',
            tabs=f'<w:tab w:val="right" w:pos="{TEXT_WIDTH - 2 * ONE_SIHAO}"/>',
        ),
        run_props(FANGSONG, SZ_SIHAO),
        based_on="Normal",
    ),
    # The 1-pt paragraph after the 成文日期 that anchors the 版记's text box; also the paragraph a
    # text box must end with, after the 版记's table (1 pt, so the last rule stays on the edge).
    style(
        "paragraph",
        "GwImprintAnchor",
        "Gw 版记锚点",
        para_props(jc="left", indent=False, snap=False, line=20),
        run_props(FANGSONG, 2, spacing=0),
        based_on="Normal",
    ),
    # ---- The figures attachment (figures: {attachment: true}), GB/T 9704 7.3.7.
    # 附件标识: "附件" or "附件2", 黑体 三号, flush left on the first line of a new page.
    style(
        "paragraph",
        "GwAttachmentMark",
        "Gw 附件标识",
        para_props(jc="left", indent=False).replace(
            "<w:widowControl", "<w:pageBreakBefore/><w:widowControl"
        ),
        run_props(HEITI),
        based_on="Normal",
    ),
    # 附件标题: as the document's title, 小标宋 二号 centred, on the third line.
    style(
        "paragraph",
        "GwAttachmentTitle",
        "Gw 附件标题",
        para_props(jc="center", snap=False, indent=False),
        run_props(XIAOBIAOSONG, SZ_ERHAO, spacing=0),
        based_on="Normal",
    ),
    # The table: 仿宋 四号 in the cells, 黑体 四号 in the header, off the 三号 line grid; the
    # three rules (三线表) are the cells' borders, set in the body template.
    style(
        "paragraph",
        "GwTableText",
        "Gw 表格文字",
        para_props(jc="left", indent=False, snap=False, line=400, before=60),
        run_props(FANGSONG, SZ_SIHAO, spacing=0),
        based_on="Normal",
    ),
    style(
        "paragraph",
        "GwTableHeader",
        "Gw 表格表头",
        para_props(jc="center", indent=False, snap=False, line=400, before=60),
        run_props(HEITI, SZ_SIHAO, spacing=0),
        based_on="Normal",
    ),
    # 页码 7.5: 宋体 四号, half-width digits (the ascii slot is 宋体 too), single spacing.
    style(
        "paragraph",
        "Footer",
        "footer",
        para_props(jc="right", snap=False, line=240, line_rule="auto", indent=False),
        run_props(SONG, SZ_SIHAO, latin=SONG, spacing=0),
        based_on="Normal",
        ui_priority=99,
    ),
]

DOC_DEFAULTS = (
    f'<w:docDefaults xmlns:w="{W_NS}"><w:rPrDefault><w:rPr>{fonts(FANGSONG)}'
    f'<w:sz w:val="{SZ_SANHAO}"/><w:szCs w:val="{SZ_SANHAO}"/>'
    # The document's language is Chinese: LibreOffice takes the PDF's /Lang from w:val.
    '<w:lang w:val="zh-CN" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
    '<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
    "</w:pPrDefault></w:docDefaults>"
)

FONT_TABLE_ENTRIES = [
    # (name, alternative name for substitution, charset, family, pitch)
    (LATIN, "", "00", "roman", "variable"),
    (FANGSONG, "仿宋", "86", "modern", "fixed"),
    (KAITI, "楷体", "86", "modern", "fixed"),
    (HEITI, "SimHei", "86", "modern", "fixed"),
    (SONG, "SimSun", "86", "auto", "variable"),
    (XIAOBIAOSONG, "宋体", "86", "script", "fixed"),
]


def font_table() -> bytes:
    entries = "".join(
        f'<w:font w:name="{name}">'
        + (f'<w:altName w:val="{alt}"/>' if alt else "")
        + f'<w:charset w:val="{charset}"/><w:family w:val="{family}"/><w:pitch w:val="{pitch}"/></w:font>'
        for name, alt, charset, family, pitch in FONT_TABLE_ENTRIES
    )
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        f'<w:fonts xmlns:w="{W_NS}">{entries}</w:fonts>'
    ).encode()


def footer_paragraph(footer: docx.section._Footer, align: str, page_number: int) -> None:
    """``— PAGE —`` with a cached number; odd pages right, even pages left, inset one 四号 字."""
    side = "right" if align == "right" else "left"
    run = f'<w:r><w:rPr>{fonts(SONG, SONG)}<w:sz w:val="{SZ_SIHAO}"/><w:szCs w:val="{SZ_SIHAO}"/></w:rPr>'
    xml = (
        f'<w:p xmlns:w="{W_NS}"><w:pPr><w:pStyle w:val="Footer"/>'
        f'<w:ind w:{side}Chars="0" w:{side}="{SZ_SIHAO * 10}" w:firstLine="0" w:firstLineChars="0"/>'
        f'<w:jc w:val="{align}"/></w:pPr>'
        f'{run}<w:t xml:space="preserve">— </w:t></w:r>'
        f'{run}<w:fldChar w:fldCharType="begin"/></w:r>'
        f'{run}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        f'{run}<w:fldChar w:fldCharType="separate"/></w:r>'
        f"{run}<w:t>{page_number}</w:t></w:r>"
        f'{run}<w:fldChar w:fldCharType="end"/></w:r>'
        f'{run}<w:t xml:space="preserve"> —</w:t></w:r></w:p>'
    )
    body = footer._element
    for child in list(body):
        body.remove(child)
    body.append(parse_xml(xml))


SAMPLE_BODY = [
    # One paragraph per style, so a user who opens this file in Word sees (and can restyle) each.
    ("GwDocNumber", "高科字〔2022〕1号"),
    ("Title", "高青县科学技术局2021年度法治政府建设工作报告"),
    ("GwRecipients", "中共高青县委、高青县人民政府："),
    ("Normal", "正文：仿宋_GB2312 三号，首行缩进二字，行距固定值28.95磅，每行28字、每页22行。"),
    ("Heading1", "一、一级标题（黑体）"),
    ("Heading2", "（一）二级标题（楷体_GB2312）"),
    ("Heading3", "1.三级标题（仿宋_GB2312）"),
    ("Heading4", "（1）四级标题（仿宋_GB2312）"),
    ("GwAttachment", "附件：1.附件名称"),
    ("GwSignature", "高青县科学技术局"),
    ("GwDate", "2022年1月7日"),
    ("GwLetterhead", "高青县科学技术局文件"),
    ("GwDocNumberPrint", "高科字〔2022〕1号"),
    ("GwCopyTo", "抄送：县委办公室，县人大常委会办公室。"),
    ("GwPrintedBy", "高青县科学技术局办公室\t2022年1月7日印发"),
    ("GwAttachmentMark", "附件"),
    ("GwAttachmentTitle", "高青县科学技术局2021年度法治政府建设主要数据"),
    ("GwTableHeader", "项目"),
    ("GwTableText", "行政复议收案数"),
]


def build() -> bytes:
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Twips(11906), Twips(16838)
    section.top_margin, section.bottom_margin = Twips(2098), Twips(1984)
    section.left_margin, section.right_margin = Twips(1588), Twips(1474)
    section.header_distance, section.footer_distance = Twips(851), Twips(1440)
    section.gutter = Twips(0)
    sect_pr = section._sectPr
    grid = sect_pr.find(qn("w:docGrid"))
    grid.attrib.clear()
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(LINE))

    document.settings.odd_and_even_pages_header_footer = True
    footer_paragraph(section.footer, "right", 1)
    footer_paragraph(section.even_page_footer, "left", 2)

    styles = document.styles.element
    for child in list(styles):
        if child.tag in (qn("w:style"), qn("w:docDefaults")):
            styles.remove(child)
    styles.insert(0, parse_xml(DOC_DEFAULTS))
    for xml in STYLES:
        styles.append(parse_xml(xml))

    settings = document.settings.element
    lang = settings.find(qn("w:themeFontLang"))
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    for name in ("w:rsids", "w:proofState", "w:savePreviewPicture", "w:attachedTemplate"):
        for element in settings.findall(qn(name)):
            settings.remove(element)
    # Word 2013+ layout (compatibilityMode 15): Word opens the file without 兼容模式.
    for setting in settings.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")

    for style_id, text in SAMPLE_BODY:
        paragraph = document.add_paragraph(text)
        paragraph.style = document.styles.get_by_id(style_id, WD_STYLE_TYPE.PARAGRAPH)

    core = document.core_properties
    core.author, core.title, core.comments = "lawgov", "lawgov reference document", ""
    core.last_modified_by, core.revision = "lawgov", 1

    fixed = dt.datetime(2022, 1, 7, tzinfo=dt.UTC)
    core.created = core.modified = fixed

    buffer = io.BytesIO()
    document.save(buffer)
    return tidy(read_package(buffer.getvalue()))


def tidy(entries: dict[str, bytes]) -> bytes:
    """Drop parts Word does not need and that drift or leak (see the issue on stylesWithEffects)."""
    drop = {
        "word/stylesWithEffects.xml",
        "docProps/thumbnail.jpeg",
        "customXml/item1.xml",
        "customXml/itemProps1.xml",
        "customXml/_rels/item1.xml.rels",
        "word/webSettings.xml",
    }
    kept = {name: data for name, data in entries.items() if name not in drop}
    kept["word/fontTable.xml"] = font_table()
    kept["[Content_Types].xml"] = _drop_lines(
        kept["[Content_Types].xml"],
        ['<Default Extension="jpeg" ContentType="image/jpeg"/>']
        + [f'<Override PartName="/{name}"' for name in drop],
    )
    for rels in ("_rels/.rels", "word/_rels/document.xml.rels"):
        kept[rels] = _drop_lines(
            kept[rels],
            [
                "thumbnail.jpeg",
                "stylesWithEffects.xml",
                "../customXml/item1.xml",
                "webSettings.xml",
            ],
        )
    kept["docProps/app.xml"] = APP_PROPERTIES
    return write_package(kept)


def _drop_lines(xml: bytes, needles: list[str]) -> bytes:
    """Remove each XML element (``<…/>``) that contains one of ``needles``."""
    text = xml.decode("utf-8")
    for needle in needles:
        while needle in text:
            at = text.index(needle)
            start = text.rindex("<", 0, at + 1)
            end = text.index("/>", at) + 2
            text = text[:start] + text[end:]
    return text.encode("utf-8")


def main() -> None:
    OUTPUT.write_bytes(build())
    print(OUTPUT)


if __name__ == "__main__":
    main()
