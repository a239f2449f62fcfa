"""Word's file format: reading packages from outside, writing our own deterministically.

Owns: the zip package of a .docx (``package``: read through caps, and write with fixed order
and times), parsing its XML safely (``xml``), and a Word file's text in reading order for the
commands that read one (``reading``, with ``styles`` resolved along their chains and list
``numbering`` counted as Word does). Shared by the DOCX writer, the importers, ``textconv``
and the provenance check. May import only ``errors`` and ``i18n``.
"""
