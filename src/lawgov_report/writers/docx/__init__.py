"""The DOCX writer: the Jinja body spliced into the reference document, zipped deterministically.

Owns: the report → Word rendering (``writer``), where things go on the page (``placement``:
signature block, 版记, title lines), adapting the reference package to the report's settings
and to a user's own reference document (``layout``), and checking such a document
(``reference``, which alone imports lxml, only for a user's file). Zip handling is in
``ooxml``. May import ``render``, ``model``, ``ooxml``, ``provenance`` and ``errors``;
a build with the built-in reference imports neither python-docx nor lxml.
"""
