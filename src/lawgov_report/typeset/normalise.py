"""LibreOffice's PDF → the same bytes on every run, with the report's metadata and language.

Why each step (two conversions of the same .docx differ in exactly these places):
- the Info dictionary and XMP carry the time of conversion: both are rewritten from the
  report (title, issuing body, the 成文日期 or ``SOURCE_DATE_EPOCH``), consistently, as PDF/A
  requires, with the PDF/A-2b identification kept;
- the sRGB output intent's ICC profile has its creation time in its header;
- the trailer's ``/DocChecksum`` and ``/ID`` are derived from the above; ``/ID`` is computed
  again from the content (qpdf's deterministic ID);
- a LibreOffice process numbers the Type 1 fonts it embeds (``/UniqueID``) across every file
  it converts, so a report's PDF would depend on its place in a batch: the numbers are
  renumbered per document, in the cleartext and in the eexec-encrypted private dictionary;
- ``/Lang`` is set to zh-CN, whatever language the .docx declared for Latin text.
Streams LibreOffice compressed are copied as they are; only the few changed ones are
compressed again. A placeholder for the generation record (``provenance``) is left in the
Info dictionary, to be filled with the SHA-256 of the finished file.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
import struct
import zlib
from typing import TYPE_CHECKING, Any, NamedTuple
from xml.sax.saxutils import escape

if TYPE_CHECKING:
    import pikepdf

LANGUAGE = "zh-CN"
CREATOR = "lawgov"
STAMP_KEY = "/LawgovSHA256"
STAMP_PLACEHOLDER = "0" * 64
_UNIQUE_ID = re.compile(rb"/UniqueID (\d+) def")
_EEXEC_KEY = 55665


class Metadata(NamedTuple):
    """What the PDF says about itself: the report's title, issuing body and date."""

    title: str
    author: str
    moment: dt.datetime  # aware, UTC


def _pdf_date(moment: dt.datetime) -> str:
    return moment.strftime("D:%Y%m%d%H%M%SZ")


def _xmp_date(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def xmp_packet(meta: Metadata, producer: str) -> bytes:
    """The XMP metadata: PDF/A-2b identification and the same facts as the Info dictionary."""
    when = _xmp_date(meta.moment)
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '  <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">\n'
        "   <pdfaid:part>2</pdfaid:part>\n"
        "   <pdfaid:conformance>B</pdfaid:conformance>\n"
        "  </rdf:Description>\n"
        '  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">\n'
        "   <dc:format>application/pdf</dc:format>\n"
        f'   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(meta.title)}</rdf:li>'
        "</rdf:Alt></dc:title>\n"
        f"   <dc:creator><rdf:Seq><rdf:li>{escape(meta.author)}</rdf:li></rdf:Seq></dc:creator>\n"
        f"   <dc:language><rdf:Bag><rdf:li>{LANGUAGE}</rdf:li></rdf:Bag></dc:language>\n"
        "  </rdf:Description>\n"
        '  <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">\n'
        f"   <pdf:Producer>{escape(producer)}</pdf:Producer>\n"
        "  </rdf:Description>\n"
        '  <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">\n'
        f"   <xmp:CreatorTool>{CREATOR}</xmp:CreatorTool>\n"
        f"   <xmp:CreateDate>{when}</xmp:CreateDate>\n"
        f"   <xmp:ModifyDate>{when}</xmp:ModifyDate>\n"
        f"   <xmp:MetadataDate>{when}</xmp:MetadataDate>\n"
        "  </rdf:Description>\n"
        " </rdf:RDF>\n"
        "</x:xmpmeta>\n"
        '<?xpacket end="w"?>'
    ).encode()


@functools.cache
def _next_keys() -> list[int]:
    """The eexec key after each (cipher byte + key) sum: a table is thrice as fast as the sums."""
    return [(total * 52845 + 22719) & 0xFFFF for total in range(0x10000 + 0x100)]


def _eexec(data: bytes, decrypt: bool) -> bytes:
    """Type 1 eexec encryption (Adobe Type 1 Font Format, 7.2), in either direction.

    ``fontTools.misc.eexec`` does the same about twenty times slower (0.8 s against 0.04 s
    for a report's three embedded fonts), which a batch of a hundred reports would feel.
    """
    key, following = _EEXEC_KEY, _next_keys()
    out = bytearray(len(data))
    if decrypt:
        for i, cipher in enumerate(data):
            out[i] = cipher ^ (key >> 8)
            key = following[cipher + key]
    else:
        for i, plain in enumerate(data):
            cipher = plain ^ (key >> 8)
            out[i] = cipher
            key = following[cipher + key]
    return bytes(out)


def _type1_programs(pdf: pikepdf.Pdf) -> list[pikepdf.Stream]:
    import pikepdf

    programs = []
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Stream) and "/Length1" in obj and "/Length2" in obj:
            programs.append(obj)
    return programs


def _renumber_type1_fonts(pdf: pikepdf.Pdf) -> None:
    """Number the embedded Type 1 fonts 4100001, 4100002, … in this document alone."""
    import pikepdf

    programs = []
    for stream in _type1_programs(pdf):
        data = stream.read_bytes()
        clear = int(stream.Length1)
        found = _UNIQUE_ID.search(data, 0, clear)
        if found:
            programs.append((stream, data, clear, int(found.group(1))))
    numbers = sorted({number for *_unused, number in programs})
    canonical = {number: 4100001 + rank for rank, number in enumerate(numbers)}
    for stream, data, clear, number in programs:
        program = data
        if canonical[number] != number:
            new_id = b"/UniqueID %d def" % canonical[number]
            private_length = int(stream.Length2)
            head = _UNIQUE_ID.sub(new_id, data[:clear], count=1)
            private = _eexec(data[clear : clear + private_length], decrypt=True)
            private = _eexec(_UNIQUE_ID.sub(new_id, private, count=1), decrypt=False)
            program = head + private + data[clear + private_length :]
            stream.Length1 = len(head)
            stream.Length2 = len(private)
        # Compressed again even when unchanged: the first file of a batch must come out the
        # same as the others, whose programs had to be compressed again.
        stream.write(zlib.compress(program), filter=pikepdf.Name.FlateDecode)


def _fix_icc_dates(pdf: pikepdf.Pdf, moment: dt.datetime) -> None:
    """The ICC profile header's creation time (bytes 24–35) → the document's date."""
    import pikepdf

    for intent in pdf.Root.get("/OutputIntents", []):
        profile = intent.get("/DestOutputProfile")
        if profile is None:
            continue
        data = bytearray(profile.read_bytes())
        if len(data) < 128:
            continue
        stamp = struct.pack(
            ">6H",
            moment.year,
            moment.month,
            moment.day,
            moment.hour,
            moment.minute,
            moment.second,
        )
        if data[24:36] != stamp:
            data[24:36] = stamp
            profile.write(zlib.compress(bytes(data)), filter=pikepdf.Name.FlateDecode)


def normalise(data: bytes, meta: Metadata) -> bytes:
    """The PDF's bytes with fixed metadata, language, dates and IDs (see the module's notes)."""
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        producer = str(pdf.docinfo.get("/Producer", "LibreOffice"))
        for key in ("/DocChecksum", "/ID"):
            if key in pdf.trailer:
                del pdf.trailer[key]
        pdf.Root.Lang = pikepdf.String(LANGUAGE)
        info: dict[str, Any] = {
            "/Title": pikepdf.String(meta.title),
            "/Author": pikepdf.String(meta.author),
            "/Creator": pikepdf.String(CREATOR),
            "/Producer": pikepdf.String(producer),
            "/CreationDate": pikepdf.String(_pdf_date(meta.moment)),
            "/ModDate": pikepdf.String(_pdf_date(meta.moment)),
            STAMP_KEY: pikepdf.String(STAMP_PLACEHOLDER),
        }
        pdf.trailer.Info = pdf.make_indirect(pikepdf.Dictionary(info))
        metadata = pikepdf.Stream(pdf, xmp_packet(meta, producer))
        metadata.Type = pikepdf.Name.Metadata
        metadata.Subtype = pikepdf.Name.XML
        pdf.Root.Metadata = pdf.make_indirect(metadata)
        _fix_icc_dates(pdf, meta.moment)
        _renumber_type1_fonts(pdf)
        out = io.BytesIO()
        pdf.save(
            out,
            deterministic_id=True,
            compress_streams=False,
            stream_decode_level=pikepdf.StreamDecodeLevel.none,
            object_stream_mode=pikepdf.ObjectStreamMode.disable,
            fix_metadata_version=False,
        )
    return out.getvalue()
