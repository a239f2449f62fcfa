"""The fonts a 公文 names, and the installed face each one gets, chosen through fontconfig.

Why: a .docx names 仿宋_GB2312, 楷体_GB2312, 黑体, 宋体 and 方正小标宋简体 (GB/T 9704), which
Windows PCs of government offices have and a Linux server usually does not. Left to itself,
fontconfig answers every unknown Chinese name with its default face — a sans (黑体-like) one —
so the PDF's body would silently change style. Here each name gets the face itself when it is
installed, otherwise the best installed face of the same style (serif for 仿宋/宋体/小标宋, kai
for 楷体, sans for 黑体), written as a fontconfig alias file that LibreOffice reads through
``FONTCONFIG_FILE``. A serif role that can only get a sans face is reported, never silent.
Where there is no fontconfig (Windows), LibreOffice uses the system's own fonts unchanged.
"""

from __future__ import annotations

import enum
import os
import shutil
import struct
import subprocess
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple
from xml.sax.saxutils import escape, quoteattr

from ..i18n import _


class Style(enum.StrEnum):
    """The style of Chinese typeface a 公文 font name asks for."""

    FANGSONG = "fangsong"
    SONG = "song"
    XIAOBIAOSONG = "xiaobiaosong"
    KAI = "kai"
    HEI = "hei"


# Faces of each style, best first: the fonts Windows and WPS install, then free faces Debian
# packages (fonts-noto-cjk, fonts-arphic-uming/ukai, fonts-lxgw-wenkai, fonts-wqy-zenhei).
CANDIDATES: dict[Style, tuple[str, ...]] = {
    Style.FANGSONG: (
        "仿宋_GB2312",
        "仿宋",
        "FangSong",
        "FangSong_GB2312",
        "方正仿宋_GBK",
        "方正仿宋简体",
        "STFangsong",
        "华文仿宋",
    ),
    Style.SONG: (
        "宋体",
        "SimSun",
        "NSimSun",
        "STSong",
        "华文宋体",
        "Source Han Serif SC",
        "Source Han Serif CN",
        "思源宋体",
        "Noto Serif CJK SC",
        "Noto Serif SC",
        "AR PL UMing CN",
        "AR PL SungtiL GB",
    ),
    Style.XIAOBIAOSONG: (
        "方正小标宋简体",
        "方正小标宋_GBK",
        "FZXiaoBiaoSong-B05S",
        "华文中宋",
        "STZhongsong",
    ),
    Style.KAI: (
        "楷体_GB2312",
        "楷体",
        "KaiTi",
        "KaiTi_GB2312",
        "方正楷体_GBK",
        "STKaiti",
        "华文楷体",
        "LXGW WenKai",
        "霞鹜文楷",
        "AR PL UKai CN",
        "AR PL KaitiM GB",
    ),
    Style.HEI: (
        "黑体",
        "SimHei",
        "方正黑体_GBK",
        "STHeiti",
        "华文黑体",
        "Source Han Sans SC",
        "Source Han Sans CN",
        "思源黑体",
        "Noto Sans CJK SC",
        "Noto Sans SC",
        "WenQuanYi Zen Hei",
        "WenQuanYi Micro Hei",
    ),
}

# Where a style has no face installed, the next best styles: a serif role never falls to sans.
_FALLBACK: dict[Style, tuple[Style, ...]] = {
    Style.FANGSONG: (Style.FANGSONG, Style.SONG, Style.KAI),
    Style.SONG: (Style.SONG, Style.FANGSONG, Style.KAI),
    Style.XIAOBIAOSONG: (Style.XIAOBIAOSONG, Style.SONG, Style.FANGSONG),
    Style.KAI: (Style.KAI, Style.SONG, Style.FANGSONG),
    Style.HEI: (Style.HEI,),
}

_KEYWORDS: tuple[tuple[tuple[str, ...], Style], ...] = (
    (("小标宋", "xiaobiaosong", "中宋", "zhongsong"), Style.XIAOBIAOSONG),
    (("仿宋", "fangsong"), Style.FANGSONG),
    (("楷", "kai"), Style.KAI),
    (("黑", "雅黑", "hei", "sans", "gothic"), Style.HEI),
    (("宋", "song", "ming", "明", "serif"), Style.SONG),
)

# The font names the built-in reference document uses, with their style (GBT9704.md §3), and
# the substitutes its font table names for PCs without the GB2312 and 方正 fonts.
DOCUMENT_FONTS: tuple[tuple[str, Style], ...] = (
    ("仿宋_GB2312", Style.FANGSONG),
    ("仿宋", Style.FANGSONG),
    ("方正小标宋简体", Style.XIAOBIAOSONG),
    ("黑体", Style.HEI),
    ("SimHei", Style.HEI),
    ("楷体_GB2312", Style.KAI),
    ("楷体", Style.KAI),
    ("宋体", Style.SONG),
    ("SimSun", Style.SONG),
)


class Role(NamedTuple):
    """A part of the document with its own font (the keys of ``output.fonts`` in the YAML)."""

    key: str
    default: str
    style: Style


ROLES: tuple[Role, ...] = (
    Role("body", "仿宋_GB2312", Style.FANGSONG),
    Role("title", "方正小标宋简体", Style.XIAOBIAOSONG),
    Role("heading1", "黑体", Style.HEI),
    Role("heading2", "楷体_GB2312", Style.KAI),
    Role("page_number", "宋体", Style.SONG),
)


def role_label(key: str) -> str:
    """The role in the reader's language (``doctor`` prints it)."""
    labels = {
        "body": _("body text"),
        "title": _("title"),
        "heading1": _("level-1 headings"),
        "heading2": _("level-2 headings"),
        "page_number": _("page numbers"),
    }
    return labels.get(key, key)


def style_of(name: str, role_style: Style) -> Style:
    """The style a font name asks for: known names and words in it, else the role's style."""
    for style, names in CANDIDATES.items():
        if name in names:
            return style
    lowered = name.lower()
    for words, style in _KEYWORDS:
        if any(word in lowered for word in words):
            return style
    return role_style


def is_sans(family: str) -> bool:
    """Whether a family is a sans (黑体-like) face."""
    return style_of(family, Style.SONG) is Style.HEI


class Face(NamedTuple):
    """One installed face as fontconfig reports it."""

    family: str
    style: str
    file: str
    number: int  # the face within a .ttc collection


class Choice(NamedTuple):
    """The family a font name gets: itself (``exact``), a substitute, or none (``family`` "")."""

    name: str
    style: Style
    family: str
    exact: bool

    @property
    def falls_to_sans(self) -> bool:
        """A serif name that can only get fontconfig's default (sans) face or a sans one."""
        return self.style is not Style.HEI and (not self.family or is_sans(self.family))


def _run(args: list[str], env: dict[str, str] | None = None) -> str | None:
    """The output of a fontconfig tool, or None where it is missing or fails."""
    if shutil.which(args[0]) is None:
        return None
    try:
        result = subprocess.run(
            args, capture_output=True, text=True, encoding="utf-8", env=env, timeout=60
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


def installed_families() -> set[str] | None:
    """Every family name of the installed faces that cover Chinese; None without fontconfig."""
    listed = _run(["fc-list", "--format", "%{family}\n", ":lang=zh"])
    if listed is None:
        return None
    return {name.strip() for line in listed.splitlines() for name in line.split(",") if name}


def choose(name: str, style: Style, families: set[str]) -> Choice:
    """The face ``name`` itself when installed, else the first installed face of its style."""
    if name in families:
        return Choice(name, style, name, True)
    for fallback in _FALLBACK[style]:
        for candidate in CANDIDATES[fallback]:
            if candidate in families:
                return Choice(name, style, candidate, False)
    return Choice(name, style, "", False)


def system_config() -> Path | None:
    """The fontconfig file in force (``FONTCONFIG_FILE``, else the usual one), if it exists."""
    configured = os.environ.get("FONTCONFIG_FILE", "")
    path = Path(configured) if configured else Path("/etc/fonts/fonts.conf")
    return path if path.is_absolute() and path.is_file() else None


def alias_config(choices: Iterable[Choice], base: Path) -> str:
    """A fontconfig file: the system's configuration, then one alias per substituted name."""
    aliases = "".join(
        f'  <alias binding="same"><family>{escape(c.name)}</family>'
        f"<prefer><family>{escape(c.family)}</family></prefer></alias>\n"
        for c in choices
        if c.family and not c.exact
    )
    return (
        '<?xml version="1.0"?>\n'
        '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        "<!-- written by lawgov: the 公文 fonts mapped to installed faces of the same style -->\n"
        "<fontconfig>\n"
        f"  <include ignore_missing={quoteattr('yes')}>{escape(str(base))}</include>\n"
        f"{aliases}</fontconfig>\n"
    )


class FontPlan(NamedTuple):
    """The choice for every font name of a document, and the alias file that applies them."""

    choices: tuple[Choice, ...]
    config: str | None  # None: no fontconfig here, LibreOffice uses the system's fonts


def plan(names: Iterable[tuple[str, Style]]) -> FontPlan:
    """Choose a face for each (name, style); the alias file when fontconfig is in use."""
    families = installed_families()
    base = system_config()
    if families is None or base is None:
        return FontPlan((), None)
    unique = dict.fromkeys(names)
    choices = tuple(choose(name, style, families) for name, style in unique)
    return FontPlan(choices, alias_config(choices, base))


def resolve(name: str, config: Path | None) -> Face | None:
    """The face fontconfig gives ``name`` for Chinese text under ``config`` (what LibreOffice gets)."""
    env = dict(os.environ)
    if config is not None:
        env["FONTCONFIG_FILE"] = str(config)
    found = _run(
        ["fc-match", "--format", "%{family}\t%{style}\t%{file}\t%{index}", f"{name}:lang=zh-cn"],
        env,
    )
    if not found or found.count("\t") != 3:
        return None
    family, style, file, index = found.split("\t")
    return Face(family.split(",")[0], style.split(",")[0], file, int(index or 0))


class Embedding(NamedTuple):
    """Whether a face's licence lets a PDF embed it (OpenType OS/2 ``fsType``)."""

    allowed: bool
    fs_type: int


def embedding(face: Face) -> Embedding | None:
    """The face's embedding permission, or None when fontTools is missing or cannot read it.

    fsType bit 1 (0x0002) is "restricted licence": no embedding; bit 9 (0x0200) allows only
    bitmaps, which a PDF/A cannot use for text. Preview & print (0x0004), editable (0x0008) and
    installable (0) all allow it.
    """
    try:
        from fontTools.ttLib import TTFont, TTLibError
    except ImportError:
        return None
    try:
        with Path(face.file).open("rb") as handle:
            font = TTFont(handle, fontNumber=face.number, lazy=True)
            fs_type = int(font["OS/2"].fsType) if "OS/2" in font else 0
    except (OSError, TTLibError, KeyError, AssertionError, struct.error):
        return None
    usage = fs_type & 0x000F
    return Embedding(usage != 0x0002 and not fs_type & 0x0200, fs_type)
