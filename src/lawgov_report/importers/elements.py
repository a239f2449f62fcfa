"""The 公文 elements of a report, recognised in one line of text each.

Why apart from the structure scan: what a line *is* can be told from the line alone — a heading
marker 一、（一）1.（1）, a date, 特此报告。, 附件, a title — and so can the parts of GB/T 9704
that real files carry and the report model keeps elsewhere or not at all: the 版头 (发文机关标志,
份号, 密级, 紧急程度, 发文字号 with 签发人), the 版记 (抄送, 印发机关和印发日期), 附注, a date
in Chinese numerals, and the information panel of a government website (索引号, 发文字号,
成文日期, 发布机构…). Each recogniser takes one line and says what it is; the scan
(``structure``) decides where it may occur, and the readers use the same recognisers.

Every pattern here runs in linear time: no two adjacent parts of a pattern can match the same
characters (a line of 4 000 spaces is tried once per start, not once per way to split it), and
splits that would need backtracking are done with ``str`` methods instead.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .lines import Line

_BLANKS = " \t\u3000\xa0"
_OPEN = "〔[［【(（﹝"
_CLOSE = "〕]］】)）﹞"
_PLACEHOLDER_CHARS = "XxＸｘ×＊*○Ｏ"
_O, _C, _P = re.escape(_OPEN), re.escape(_CLOSE), re.escape(_PLACEHOLDER_CHARS)
# agency code, bracketed year, number: 高科字〔2022〕1号; also [2022], (2022), XX〔20XX〕X号
_DOC_NUMBER = re.compile(
    rf"([^\s{_O}{_C}]{{1,20}})[ \u3000]?[{_O}]([\d{_P} \u3000]{{0,6}})"
    rf"[{_C}][ \u3000]?(第?)[ \u3000]?([\d{_P}]{{0,5}})[ \u3000]?号"
)
_AGENCY_END = re.compile(r"(委|委员会|政府|人大|政协|局|办|办公室|厅|部|院|会|所|中心|组|文件)$")
_SIGNER = re.compile(r"签[ \u3000]?发[ \u3000]?人[ \u3000]?[：:]")
_LETTERHEAD_END = "文件"
_COPY_TO = re.compile(r"(?:抄[ \u3000]?送|抄[ \u3000]?报)[ \u3000]?[：:]")
_PRINTED = re.compile(
    r"(\d{4})[ \u3000]?年[ \u3000]?(\d{1,2})[ \u3000]?月[ \u3000]?(\d{1,2})[ \u3000]?日[ \u3000]?印[ \u3000]?发$"
)
_SERIAL = re.compile(r"\d{6}")  # 份号: six digits, top left
_SECRET = re.compile(r"(?:绝密|机密|秘密)(?:[★☆＊*][ \u3000]?.{0,8})?")
_URGENT = re.compile(r"(?:特急|加急|特提|平急)")
_NOTE = re.compile(r"[（(](?:此件|联系人|联系电话|本件)[^）)]{0,60}[）)]")
_CN_YEAR_DIGITS = "〇零○Ｏ一二三四五六七八九"
_CN_DATE = re.compile(
    rf"([{_CN_YEAR_DIGITS}]{{4}})年([一二三四五六七八九十]{{1,3}})月([一二三四五六七八九十]{{1,3}})日"
)
_PANEL_KEYS = (
    "索引号|信息索引号|主题分类|体裁分类|组配分类|服务对象|发文机关|发布机构|发布单位|发文单位|"
    "成文日期|发文日期|发布日期|生成日期|公开日期|实施日期|发文字号|文号|文件编号|名称|标题|"
    "主题词|关键词|有效性|效力状况|信息来源|来源|公开方式|公开范围|公开时限|统一编号|登记号|"
    "废止日期|时效|所属机构|分类"
)
_PANEL_KEY = re.compile(rf"(?<![^\s{_BLANKS}|｜])({_PANEL_KEYS})[ \u3000]?[：:]")
_ISO_DATE = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?")

# Heading markers and the lines around the body (shared by every format).
_CN = "一二三四五六七八九十百零〇"
PART = re.compile(rf"^([{_CN}]+)\s*[、.．,，]\s*(.+)$")
_ITEM = re.compile(rf"^[（(]\s*([{_CN}]+)\s*[）)]\s*[、.．,，]?\s*(.+)$")
_SUB = re.compile(r"^(\d{1,3})\s*[.、．]\s*(?!\d)(.+)$")
_DETAIL = re.compile(r"^[（(]\s*(\d{1,3})\s*[）)]\s*(.+)$")
_MARKERS = ((1, PART), (2, _ITEM), (3, _SUB), (4, _DETAIL))
DATE_LINE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
CLOSING = re.compile(r"^(特此报告|专此报告|特此报告如下|以上报告|此报)[。.！!]?$")
ATTACHMENTS = re.compile(r"^附件\s*[：:]\s*(.*)$")
ATTACHMENT_NAME = re.compile(r"^(\d{1,2})\s*[.、．]\s*(.+)$")
_TERMINAL = tuple("。！？；：…”’」』）》!?;:")
# Web copies start with the site's navigation and the page's metadata, not with the report.
NAVIGATION = re.compile(
    r"https?://|www\.|首页|当前位置|您的位置|发布时间|发布日期|来源[：:]|source:|浏览次数|字号[：:]"
    r"|【打印】|分享到|扫一扫|手机打开|\s[>＞»]\s"
)
AGENCY = re.compile(r"(委|政府|人大|政协|局|办|厅|部|院|会|所|中心|组)")
OBSOLETE = ("主题词",)
_FRONT_HINTS = ("letterhead", "signer", "doc_number")


class DocNumber(NamedTuple):
    """A 发文字号 as found, as lawgov keeps it (year in 〔〕), and whether it is a placeholder."""

    found: str
    text: str
    placeholder: bool


def compact(text: str) -> str:
    """The text without the blanks people type to spread or align it."""
    return "".join(ch for ch in text if ch not in _BLANKS)


def doc_number(text: str) -> DocNumber | None:
    """A line that is a 发文字号 (the whole line), or None."""
    stripped = text.strip(_BLANKS)
    match = _DOC_NUMBER.fullmatch(stripped)
    if match is None:
        return None
    agency, year, first, number = match.groups()
    year = compact(year)
    placeholder = (
        not year
        or not number
        or any(ch in _PLACEHOLDER_CHARS for ch in agency + year + number)
        or not year.isdigit()
    )
    text_kept = f"{agency}〔{year}〕{first}{number}号"
    return DocNumber(stripped, text_kept, placeholder)


def signer(text: str) -> tuple[str, str] | None:
    """``(before, names)`` for a line with 签发人：names (the 发文字号 is often before it)."""
    match = _SIGNER.search(text)
    if match is None:
        return None
    names = " ".join(text[match.end() :].split())
    return text[: match.start()].strip(_BLANKS), names


def agency_like(text: str) -> bool:
    """A short line that names a body (ends in 局, 政府, 委员会, 办公室…), without punctuation."""
    joined = compact(text)
    return (
        2 < len(joined) <= 40
        and _AGENCY_END.search(joined) is not None
        and not any(ch in joined for ch in "，。；：:,、")
    )


def letterhead(text: str) -> str | None:
    """The issuing body of a 发文机关标志 such as “高青县科学技术局文件”, or None."""
    joined = compact(text)
    if (
        joined.endswith(_LETTERHEAD_END)
        and 2 < len(joined) <= 40
        and not any(ch in joined for ch in "，。；：:,")
    ):
        return joined[: -len(_LETTERHEAD_END)]
    return None


def copy_to(text: str) -> list[str] | None:
    """The bodies of a “抄送：A，B。” line, or None."""
    match = _COPY_TO.match(text.strip(_BLANKS))
    if match is None:
        return None
    rest = text.strip(_BLANKS)[match.end() :].strip(_BLANKS).rstrip("。.")
    separators = "，,；;" if any(ch in rest for ch in "，,；;") else "、"
    names = [rest]
    for separator in separators:
        names = [piece for name in names for piece in name.split(separator)]
    return [name.strip(_BLANKS) for name in names if name.strip(_BLANKS)]


def printed(text: str) -> tuple[str, str] | None:
    """``(印发机关, 印发日期)`` of a “某某办公室  2022年1月7日印发” line (the body may be empty)."""
    stripped = text.strip(_BLANKS)
    match = _PRINTED.search(stripped)
    if match is None:
        return None
    year, month, day = match.groups()
    return stripped[: match.start()].strip(_BLANKS), f"{year}年{int(month)}月{int(day)}日"


def header_mark(text: str) -> str | None:
    """What a 版头 line above the 发文机关标志 is: 份号, 密级 or 紧急程度, or None."""
    joined = compact(text)
    if _SERIAL.fullmatch(joined):
        return "份号"
    if _SECRET.fullmatch(joined):
        return "密级"
    if _URGENT.fullmatch(joined):
        return "紧急程度"
    return None


def note(text: str) -> bool:
    """A 附注 in brackets after the date, such as “（此件公开发布）”."""
    return _NOTE.fullmatch(text.strip(_BLANKS)) is not None


def _cn_number(text: str) -> int:
    digits = "〇一二三四五六七八九"
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + digits.index(text[1])
    if text.endswith("十"):
        return digits.index(text[0]) * 10
    if "十" in text:
        return digits.index(text[0]) * 10 + digits.index(text[2])
    return digits.index(text)


def chinese_date(text: str) -> str | None:
    """A date in Chinese numerals (二〇二二年一月七日) in Arabic figures, or None."""
    match = _CN_DATE.fullmatch(compact(text))
    if match is None:
        return None
    year_text, month_text, day_text = match.groups()
    table = str.maketrans("零○Ｏ", "〇〇〇")
    year = "".join(str("〇一二三四五六七八九".index(ch)) for ch in year_text.translate(table))
    try:
        month, day = _cn_number(month_text), _cn_number(day_text)
    except (ValueError, IndexError):
        return None
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year}年{month}月{day}日"


def panel(text: str) -> list[tuple[str, str]]:
    """The ``(key, value)`` pairs of a website's information panel in one line (may be empty).

    A copied panel puts several pairs on a line (“索引号：… 发布机构：…”), or a key on one
    line and its value on the next (the value is then empty here).
    """
    matches = list(_PANEL_KEY.finditer(text))
    if not matches or text[: matches[0].start()].strip(_BLANKS + "|｜"):
        return []
    pairs = []
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        pairs.append((match.group(1), text[match.end() : end].strip(_BLANKS + "|｜")))
    return pairs


def iso_date(text: str) -> str | None:
    """A panel date (2022-01-07, 2022/1/7, 2022年01月07日) as 2022-01-07, or None."""
    match = _ISO_DATE.fullmatch(compact(text))
    if match is None:
        return None
    year, month, day = (int(g) for g in match.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


# ---------------------------------------------------------------- lines of the body


def short(text: str, limit: int = 30) -> str:
    """A line shortened for quoting in a message."""
    return text if len(text) <= limit else text[:limit] + "……"


def ends_sentence(text: str) -> bool:
    """Whether the text ends a sentence (so a following line starts a new paragraph)."""
    return text.rstrip().endswith(_TERMINAL)


def marker(text: str) -> tuple[int, str, str] | None:
    """``(level, number, rest)`` of a typed heading marker 一、（一）1.（1） at the start."""
    for level, pattern in _MARKERS:
        match = pattern.match(text)
        if match and not (level == 3 and _looks_like_number(text)):
            return level, match.group(1), match.group(2).strip()
    return None


def _looks_like_number(text: str) -> bool:
    """“2021年…” or “3.15…” start with digits but are not 1. headings."""
    return bool(re.match(r"^\d+[.．]\d", text))


def structural(line: Line) -> bool:
    """A line the scan gives a role of its own (a heading, a date, 特此报告…), never run-on text."""
    if line.hint in ("heading", "run_in", "title", "doc_number", "recipients", "signature", "date"):
        return True
    text = line.text
    return bool(
        marker(text)
        or DATE_LINE.match(text)
        or CLOSING.match(text)
        or ATTACHMENTS.match(text)
        or doc_number(text)
    )


def front_element(line: Line) -> bool:
    """A line of the 版头 or of a website panel: never the title."""
    text = line.text
    return bool(
        line.hint in _FRONT_HINTS
        or letterhead(text) is not None
        or signer(text)
        or doc_number(text)
        or header_mark(text)
        or panel(text)
    )


def page_buttons(text: str) -> bool:
    """“【打印】 【关闭窗口】”: the buttons of a web page, copied with its text."""
    words = text.split()
    return bool(words) and all(
        len(word) <= 14 and word[0] in "【[" and word[-1] in "】]" for word in words
    )


def furniture(text: str) -> bool:
    """A line of a web page around the report: navigation, sharing, buttons."""
    return NAVIGATION.search(text) is not None or page_buttons(text)


def is_title(text: str) -> bool:
    """A line that reads like the title of a report (short, no sentence end, 报告 or 法治政府建设)."""
    return (
        len(text) <= 60
        and not ends_sentence(text)
        and ("报告" in text or "法治政府建设" in text)
        and not PART.match(text)
        and not NAVIGATION.search(text)
        and not panel(text)
    )


def title_start(lines: list[Line], end: int) -> int | None:
    """The first line of the title: a title line, or the first of two that make one together."""
    for i in range(end):
        line = lines[i]
        if front_element(line):
            continue
        text = line.text
        if is_title(text):
            return i
        following = lines[i + 1].text if i + 1 < end else ""
        if (
            following
            and len(text) <= 30
            and not ends_sentence(text)
            and not NAVIGATION.search(text)
            and not front_element(lines[i + 1])
            and is_title(text + following)
        ):
            return i
    return None
