"""Typesetting outside Python: the fonts a 公文 names, LibreOffice, and reproducible PDF bytes.

Owns: which installed face each 公文 font name gets, chosen through fontconfig, and whether it
may be embedded (``fonts``); finding LibreOffice and converting many .docx files to PDF/A in
one process with its own profile (``libreoffice``); turning LibreOffice's PDF into the same
bytes on every run, with the report's metadata (``normalise``). May import ``errors`` and
``i18n``; pikepdf and fontTools (the ``pdf`` extra) are imported only inside the functions
that need them, so nothing here costs start-up time.

Why apart from ``writers``: ``lawgov doctor`` asks the same questions (fonts, LibreOffice)
without writing anything, and the PDF writer stays a short list of steps.
"""
