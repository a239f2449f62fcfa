"""Parsing the XML parts of a package from outside, safely and with located errors.

Why a module: a Word file is untrusted input. Its XML may declare a DTD whose entities expand
a few bytes into gigabytes ("billion laughs"), point at external files, be cut off, or be in
UTF-16. Every reader (import, textconv, reference documents) parses through here: no DTD is
accepted, no entity is resolved, nothing is fetched, and a syntax error names the file, the
part and the line.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..errors import LawgovError, ReportError
from ..i18n import _
from .package import refuse

if TYPE_CHECKING:
    from lxml import etree


def parse_xml(
    data: bytes, display: str, part: str, error: type[LawgovError] = ReportError
) -> etree._Element:
    """The root element of one part; a DTD or malformed XML is a located error."""
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line = exc.position[0] if exc.position else 0
        raise refuse(
            display,
            _(
                "the file is damaged: its part {part} is not well-formed XML (line {line}); "
                "open it in Word and save it again as .docx (detail: {reason})"
            ).format(part=part, line=line, reason=exc.msg),
            error,
        ) from None
    tree = root.getroottree()
    if tree.docinfo.internalDTD is not None or tree.docinfo.doctype:
        raise refuse(
            display,
            _("part {part} declares a DTD, which Word files never do; refused").format(part=part),
            error,
        )
    return root


_UTF8_DECLARATION = re.compile(rb"""<\?xml[^>]*?encoding\s*=\s*["'](?i:utf-?8)["']""")


def as_utf8(data: bytes, display: str, part: str, error: type[LawgovError] = ReportError) -> bytes:
    """The part as UTF-8 XML, whatever encoding Word (or another program) saved it in.

    Why: lawgov edits the parts of a reference document as text. Word may save a part in
    UTF-16 (with a byte-order mark, or declared); such a part is decoded by its declaration or
    mark and written out again in UTF-8. A part that is UTF-8 already is returned unchanged.
    """
    head = data[:200]
    if not head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00", b"<\x00")) and (
        not head.startswith(b"<?xml") or b"encoding" not in head or _UTF8_DECLARATION.match(head)
    ):
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            return data
    from lxml import etree

    root = parse_xml(data, display, part, error)
    return bytes(
        etree.tostring(root.getroottree(), encoding="UTF-8", xml_declaration=True, standalone=True)
    )
