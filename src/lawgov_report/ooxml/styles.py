"""A Word file's styles, resolved along their ``basedOn`` chains, for the commands that read one.

Why a module: what a paragraph *is* in a clerk's Word file is often said by its style — Word's
built-in headings (saved as ``heading 1`` whatever the interface language, with IDs such as
``1`` or ``2`` in Chinese Word and WPS), a style someone named ``标题 2``, an outline level set in
a style, a list attached to a heading style, the 黑体 of a style. Each of these may be inherited
from the style a style is based on, so every lookup walks the chain — and a chain is data from
outside: a style based on itself, or a loop of two, must end the walk, never hang it. Each
style is resolved once, with a guard on the chain, and the result is cached.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_NAME = re.compile(r"(?:heading|标题)\s?([1-9])")
_TITLE_NAMES = ("title", "标题")
MAX_CHAIN = 64  # no real file nests styles this deep; a longer chain is treated as a loop


class RunLook(NamedTuple):
    """How text looks: the East Asian font, bold, colour (hex), size (half-points), hidden.

    ``hidden`` is Word's 隐藏文字 (``w:vanish``): text Word neither shows nor prints.
    """

    font: str = ""
    bold: bool | None = None
    color: str = ""
    size: int = 0
    hidden: bool | None = None

    def under(self, base: RunLook) -> RunLook:
        """This look with what it leaves unset taken from ``base``."""
        return RunLook(
            self.font or base.font,
            self.bold if self.bold is not None else base.bold,
            self.color or base.color,
            self.size or base.size,
            self.hidden if self.hidden is not None else base.hidden,
        )


class StyleInfo(NamedTuple):
    """One style, resolved: its own name and what it inherits from the styles it is based on.

    ``heading`` is 1–9 for a heading (by name, or by outline level), 0 for the title style,
    -1 otherwise; ``num_id``/``ilvl`` name the list the style attaches (``""`` for none).
    """

    name: str
    heading: int = -1
    num_id: str = ""
    ilvl: int = -1
    look: RunLook = RunLook()


def val(element: etree._Element | None, child: str, attribute: str = "val") -> str | None:
    """The ``w:val`` (or other) attribute of ``element``'s child ``w:<child>``, if present."""
    if element is None:
        return None
    found = element.find(W + child)
    if found is None:
        return None
    value: str | None = found.get(W + attribute)
    return value


def on(element: etree._Element | None, child: str) -> bool | None:
    """A toggle property such as ``w:b``: True, False, or None when not set."""
    if element is None:
        return None
    found = element.find(W + child)
    if found is None:
        return None
    return found.get(W + "val", "true").lower() not in ("0", "false", "off")


def run_look(rpr: etree._Element | None) -> RunLook:
    """The look a ``w:rPr`` sets itself (theme fonts are not resolved: they are never 公文 fonts)."""
    if rpr is None:
        return RunLook()
    fonts = rpr.find(W + "rFonts")
    font = ""
    if fonts is not None:
        font = fonts.get(W + "eastAsia") or fonts.get(W + "ascii") or fonts.get(W + "hAnsi") or ""
    size = val(rpr, "sz") or val(rpr, "szCs") or ""
    color = val(rpr, "color") or ""
    return RunLook(
        font,
        on(rpr, "b"),
        "" if color.lower() == "auto" else color.upper(),
        int(size) if size.isdigit() else 0,
        on(rpr, "vanish"),
    )


class _Raw(NamedTuple):
    name: str
    kind: str
    based_on: str
    outline: int  # -1 when not set
    num_id: str | None
    ilvl: int
    look: RunLook


class Styles:
    """The styles of one document: resolved lazily, each once, every chain guarded."""

    def __init__(self, root: etree._Element | None) -> None:
        self._raw: dict[str, _Raw] = {}
        self._resolved: dict[str, StyleInfo] = {}
        self.default_paragraph = ""
        self.defaults = RunLook()
        if root is None:
            return
        defaults = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
        self.defaults = run_look(defaults)
        for style in root.iter(W + "style"):
            style_id = style.get(W + "styleId") or ""
            kind = style.get(W + "type") or "paragraph"
            ppr = style.find(W + "pPr")
            num_pr = ppr.find(W + "numPr") if ppr is not None else None
            outline = val(ppr, "outlineLvl")
            ilvl = val(num_pr, "ilvl")
            self._raw[style_id] = _Raw(
                (val(style, "name") or style_id).strip().lower(),
                kind,
                val(style, "basedOn") or "",
                int(outline) if outline and outline.isdigit() else -1,
                val(num_pr, "numId") if num_pr is not None else None,
                int(ilvl) if ilvl and ilvl.isdigit() else -1,
                run_look(style.find(W + "rPr")),
            )
            if kind == "paragraph" and on(style, "default") and not self.default_paragraph:
                self.default_paragraph = style_id

    def get(self, style_id: str | None) -> StyleInfo:
        """The resolved style (the document's default paragraph style for ``None``)."""
        key = style_id if style_id is not None else self.default_paragraph
        cached = self._resolved.get(key)
        if cached is None:
            cached = self._resolve(key)
            self._resolved[key] = cached
        return cached

    def chain(self, style_id: str) -> list[_Raw]:
        """The style and the styles it is based on, nearest first; a loop ends the chain."""
        seen: set[str] = set()
        found: list[_Raw] = []
        current = style_id
        while current and current not in seen and len(found) < MAX_CHAIN:
            seen.add(current)
            raw = self._raw.get(current)
            if raw is None:
                break
            found.append(raw)
            current = raw.based_on
        return found

    def _resolve(self, style_id: str) -> StyleInfo:
        chain = self.chain(style_id)
        if not chain:
            return StyleInfo("", look=self.defaults)
        heading, num_id, ilvl, look = -1, "", -1, RunLook()
        for raw in chain:
            if heading == -1:
                match = _HEADING_NAME.fullmatch(raw.name)
                if match:
                    heading = int(match.group(1))
                elif raw.name in _TITLE_NAMES:
                    heading = 0
                elif 0 <= raw.outline <= 8:
                    heading = raw.outline + 1
            if raw.num_id is not None and not num_id:
                num_id = raw.num_id if raw.num_id != "0" else "-"
                ilvl = raw.ilvl
            look = look.under(raw.look)
        return StyleInfo(
            chain[0].name, heading, "" if num_id == "-" else num_id, ilvl, look.under(self.defaults)
        )

    def character_look(self, style_id: str) -> tuple[str, RunLook]:
        """A character style's name and the look it gives, resolved along its chain."""
        chain = self.chain(style_id)
        look = RunLook()
        for raw in chain:
            look = look.under(raw.look)
        return (chain[0].name if chain else ""), look
