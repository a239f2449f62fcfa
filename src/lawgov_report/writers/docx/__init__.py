"""The DOCX writer: the Jinja body spliced into the reference document, zipped deterministically.

Owns: the report → Word rendering (``writer``) and adapting the reference package to the
report's settings and to a user's own reference document (``layout``). Zip handling is in
``ooxml``. May import ``render``, ``model``, ``ooxml``, ``provenance`` and ``errors``;
imports neither python-docx nor lxml.
"""
