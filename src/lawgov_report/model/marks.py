"""The marks ``lawgov new`` leaves in next year's file, which ``lawgov check`` reports (LG150).

Why in the model package: the scaffold writes them and a lint rule reads them; both depend on
this one definition rather than on each other.
"""

from __future__ import annotations

STALE = "【去年】"
PLANNED = "【去年计划】"
TODO = "【待填写】"
MARKERS = (STALE, PLANNED, TODO)
