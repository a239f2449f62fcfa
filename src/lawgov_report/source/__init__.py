"""Source files: bytes → text → YAML nodes with positions → plain data + source map; YAML writing.

Owns: reading any input file safely — regular files only, never past a size limit
(``files``) —, decoding report files, the YAML composer that keeps every scalar as typed
and the ``SourceMap`` from key paths back to lines and columns (``loader``), YAML syntax
errors told as the mistake made (``syntax``), folding long Chinese lines (``folding``), and
writing YAML for people to edit (``yaml_writer``). May import only ``errors`` (and
``i18n``): it knows nothing of the report model.
"""
