"""Word's automatic numbering: the number a reader sees before a paragraph, counted as Word does.

Why: clerks often number headings with Word's lists (开始 → 编号) rather than typing 一、 — the
number then is not in the paragraph's text but in ``numbering.xml``: a level format
(``chineseCounting`` 一, ``ideographDigital`` 一/〇, ``decimalEnclosedFullstop`` ⒈,
``decimalEnclosedParen`` ⑴ …) and a level text such as ``（%2）``, counted over the document.
A reader that ignores it loses every heading number and with it the report's structure.

Counting follows Word: instances (``w:num``) of one definition (``w:abstractNum``) share their
counters unless an instance restarts a level (``w:startOverride``); using a level restarts the
deeper ones (unless ``w:lvlRestart`` says otherwise). A definition may point to a numbering
style (``w:numStyleLink``) that points back to a definition: those links are followed with a
guard, so a loop ends the lookup instead of hanging it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from .styles import Styles, W, val

if TYPE_CHECKING:
    from lxml import etree

_DIGITS = "〇一二三四五六七八九"  # ideographDigital: one character per digit
_COUNT = "零一二三四五六七八九"
_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = [
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
]


def _counting(n: int, digits: str = _COUNT, ten: str = "十", hundred: str = "百") -> str:
    """Chinese counting numerals as Word writes them: 十一, 二十, 一百零五 (up to 9 999)."""
    if not 0 < n < 10_000:
        return str(n)
    out = ""
    thousands, rest = divmod(n, 1000)
    hundreds, rest = divmod(rest, 100)
    tens, units = divmod(rest, 10)
    if thousands:
        out += digits[thousands] + "千"
    if hundreds:
        out += digits[hundreds] + hundred
    elif thousands and (tens or units):
        out += digits[0]
    if tens:
        out += ("" if tens == 1 and not out else digits[tens]) + ten
    elif (thousands or hundreds) and units and not out.endswith(digits[0]):
        out += digits[0]
    if units:
        out += digits[units]
    return out


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = ""
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out += letters * count
    return out


def _letter(n: int) -> str:
    """A, B … Z, AA, BB …: Word repeats the letter rather than counting in base 26."""
    if n <= 0:
        return str(n)
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _enclosed(n: int, first: int, last_n: int) -> str:
    return chr(first + n - 1) if 1 <= n <= last_n else str(n)


def format_number(n: int, fmt: str) -> str:
    """The number ``n`` in Word's level format ``fmt`` (unknown formats count in decimal)."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting"):
        return _counting(n)
    if fmt in ("japaneseCounting", "taiwaneseCountingThousand", "koreanCounting"):
        return _counting(n)
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join(_DIGITS[int(d)] for d in str(n)) if n >= 0 else str(n)
    if fmt in ("chineseLegalSimplified", "ideographLegalTraditional", "japaneseLegal"):
        return _counting(n, _LEGAL, "拾", "佰")
    if fmt == "ideographTraditional":
        return _STEMS[(n - 1) % 10] if n > 0 else str(n)
    if fmt == "ideographZodiac":
        return _BRANCHES[(n - 1) % 12] if n > 0 else str(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return _enclosed(n, 0x2460, 20)
    if fmt == "decimalEnclosedFullstop":
        return _enclosed(n, 0x2488, 20)
    if fmt == "decimalEnclosedParen":
        return _enclosed(n, 0x2474, 20)
    if fmt == "ideographEnclosedCircle":
        return _enclosed(n, 0x3220, 10)
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(0xFF10 + int(d)) for d in str(n)) if n >= 0 else str(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperLetter":
        return _letter(n)
    if fmt == "lowerLetter":
        return _letter(n).lower()
    if fmt == "none":
        return ""
    return str(n)


class Level(NamedTuple):
    """One level of a list definition."""

    start: int
    fmt: str
    text: str
    restart: int | None  # w:lvlRestart: None = after any higher level, 0 = never
    legal: bool  # w:isLgl: every %N in decimal
    style: str  # w:pStyle: the paragraph style this level belongs to


class Label(NamedTuple):
    """The number Word shows before a paragraph, and the format of the paragraph's own level."""

    text: str
    fmt: str
    level: int


def _level(element: etree._Element) -> tuple[int, Level]:
    ilvl = element.get(W + "ilvl") or "0"
    start = val(element, "start")
    restart = val(element, "lvlRestart")
    legal = element.find(W + "isLgl")
    return int(ilvl) if ilvl.isdigit() else 0, Level(
        int(start) if start and start.lstrip("-").isdigit() else 0,
        val(element, "numFmt") or "decimal",
        val(element, "lvlText") or "",
        int(restart) if restart and restart.isdigit() else None,
        legal is not None and legal.get(W + "val", "true").lower() not in ("0", "false", "off"),
        val(element, "pStyle") or "",
    )


class Numbering:
    """The lists of one document and their counters, advanced in reading order."""

    def __init__(self, root: etree._Element | None, styles: Styles) -> None:
        self._styles = styles
        self._abstract: dict[str, dict[int, Level]] = {}
        self._links: dict[str, str] = {}  # abstractNumId -> numbering style it defers to
        self._nums: dict[str, tuple[str, dict[int, tuple[int | None, Level | None]]]] = {}
        self._counters: dict[str, list[int]] = {}
        self._started: dict[str, list[bool]] = {}
        self._seen: set[str] = set()
        if root is None:
            return
        for abstract in root.iter(W + "abstractNum"):
            key = abstract.get(W + "abstractNumId") or ""
            self._abstract[key] = dict(_level(lvl) for lvl in abstract.iter(W + "lvl"))
            link = val(abstract, "numStyleLink")
            if link:
                self._links[key] = link
        for num in root.iter(W + "num"):
            overrides: dict[int, tuple[int | None, Level | None]] = {}
            for override in num.iter(W + "lvlOverride"):
                ilvl = override.get(W + "ilvl") or "0"
                start = val(override, "startOverride")
                redefined = override.find(W + "lvl")
                overrides[int(ilvl) if ilvl.isdigit() else 0] = (
                    int(start) if start and start.lstrip("-").isdigit() else None,
                    _level(redefined)[1] if redefined is not None else None,
                )
            self._nums[num.get(W + "numId") or ""] = (val(num, "abstractNumId") or "", overrides)

    def _definition(self, num_id: str) -> tuple[str, dict[int, Level]] | None:
        """The abstract definition behind ``num_id``, following numbering-style links (guarded)."""
        seen: set[str] = set()
        while num_id in self._nums and num_id not in seen:
            seen.add(num_id)
            abstract_id = self._nums[num_id][0]
            link = self._links.get(abstract_id)
            if link is None:
                levels = self._abstract.get(abstract_id)
                return (abstract_id, levels) if levels is not None else None
            linked = self._styles.get(link)
            if not linked.num_id:
                levels = self._abstract.get(abstract_id)
                return (abstract_id, levels) if levels else None
            num_id = linked.num_id
        return None

    def level_for_style(self, num_id: str, style_id: str) -> int:
        """The level a list gives a paragraph style (its ``w:pStyle``), or 0."""
        definition = self._definition(num_id)
        if definition is not None:
            for ilvl, level in definition[1].items():
                if level.style == style_id:
                    return ilvl
        return 0

    def next_label(self, num_id: str, ilvl: int) -> Label | None:
        """Count one more paragraph of list ``num_id`` at level ``ilvl``; its label, if any."""
        if not num_id or num_id == "0" or num_id not in self._nums:
            return None
        definition = self._definition(num_id)
        if definition is None:
            return None
        abstract_id, levels = definition
        overrides = self._nums[num_id][1]
        ilvl = min(max(ilvl, 0), 8)

        def level_at(i: int) -> Level | None:
            redefined = overrides.get(i, (None, None))[1]
            return redefined or levels.get(i)

        level = level_at(ilvl)
        if level is None:
            return None
        counters = self._counters.setdefault(abstract_id, [0] * 9)
        started = self._started.setdefault(abstract_id, [False] * 9)
        if num_id not in self._seen:
            self._seen.add(num_id)
            for i, (start, _) in overrides.items():
                if start is not None and 0 <= i <= 8:
                    counters[i], started[i] = start - 1, True
        if not started[ilvl]:
            counters[ilvl], started[ilvl] = level.start - 1, True
        counters[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            restart = (level_at(deeper) or level).restart
            if restart is None or (restart != 0 and ilvl < restart):
                started[deeper] = False
        if level.fmt == "bullet":
            return Label(level.text, "bullet", ilvl)
        text = level.text
        for i in range(9):
            marker = f"%{i + 1}"
            if marker in text:
                shown = level_at(i) or level
                count = counters[i] if started[i] else shown.start
                fmt = "decimal" if level.legal and shown.fmt != "none" else shown.fmt
                text = text.replace(marker, format_number(count, fmt))
        return Label(text, level.fmt, ilvl)
