"""Word's file format: reading packages from outside, writing our own deterministically.

Owns: the zip package of a .docx (``package``: read, and write with fixed order and times)
and opening a Word file for the commands that read one (``reading``). Shared by the DOCX
writer, the importers, ``textconv`` and the provenance check. May import only ``errors``.
"""
