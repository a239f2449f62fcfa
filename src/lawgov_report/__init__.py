"""lawgov: YAML → 法治政府建设年度报告 as a GB/T 9704-2012 .docx and git-friendly Markdown."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
