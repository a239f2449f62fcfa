"""Parsing the XML parts of a package from outside, safely and with located errors.

Why a module: a Word file is untrusted input. Its XML may declare a DTD whose entities expand
a few bytes into gigabytes ("billion laughs"), point at external files, be cut off, or be in
UTF-16. Every reader (import, textconv, reference documents) parses through here: no DTD is
accepted, no entity is resolved, nothing is fetched, and a syntax error names the file, the
part and the line.
"""

from __future__ import annotations

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
            _("part {part} is not well-formed XML (line {line}): {reason}").format(
                part=part, line=line, reason=exc.msg
            ),
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
