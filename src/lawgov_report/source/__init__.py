"""Source files: bytes → text → YAML nodes with positions → plain data + source map; YAML writing.

Owns: reading and decoding report files, the YAML composer that keeps every scalar as typed,
the ``SourceMap`` from key paths back to lines and columns, and writing YAML for people to
edit. May import only ``errors`` (and ``i18n``): it knows nothing of the report model.
"""
