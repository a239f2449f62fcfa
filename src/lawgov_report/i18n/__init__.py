"""Messages in the reader's language: gettext catalogues and the choice of language.

Owns: ``_`` and ``ngettext`` (every string a person reads goes through one of them, with an
English message id), the choice of language (``LAWGOV_LANG=zh|en`` first, then the locale:
``LC_ALL``, ``LC_MESSAGES``, ``LANG``, and on Windows the user's UI language) and the
catalogues under ``locale/`` (``lawgov.po`` reviewed in git, ``lawgov.mo`` compiled from it
and kept current by a test). Imports nothing of lawgov: every package may import it.

Why gettext from the standard library: the catalogue is one small file read once per process,
so choosing the language costs nothing measurable at start-up; Babel is needed only to extract
and compile catalogues, never at run time.
"""

from __future__ import annotations

import gettext as _gettext
import os
import sys
from pathlib import Path

DOMAIN = "lawgov"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
_ENV_ORDER = ("LC_ALL", "LC_MESSAGES", "LANG")


def _windows_ui_is_chinese() -> bool:  # pragma: no cover - Windows only
    """Chinese Windows: the user's UI language (LANGID 0x04 is Chinese), else its locale name."""
    try:
        import ctypes

        langid: int = ctypes.windll.kernel32.GetUserDefaultUILanguage()  # type: ignore[attr-defined]
        if langid & 0x3FF == 0x04:
            return True
    except (AttributeError, OSError):
        pass
    import locale

    name = locale.setlocale(locale.LC_CTYPE, None) or ""
    return name.lower().startswith(("chinese", "zh"))


def choose_language(environ: dict[str, str] | None = None, platform: str | None = None) -> str:
    """``"zh"`` or ``"en"``: ``LAWGOV_LANG`` wins, then the POSIX locale variables, then Windows.

    Locale values look like ``zh_CN.UTF-8``, ``zh_TW``, ``C`` or, on Windows,
    ``Chinese (Simplified)_China.936``; the first one set decides, as the C library does.
    """
    env = os.environ if environ is None else environ
    forced = env.get("LAWGOV_LANG", "").strip().lower()
    if forced in ("zh", "zh_cn", "zh-cn", "cn"):
        return "zh"
    if forced in ("en", "c"):
        return "en"
    for name in _ENV_ORDER:
        value = env.get(name, "").strip()
        if value:
            return "zh" if value.lower().startswith(("zh", "chinese")) else "en"
    if (platform or sys.platform) == "win32" and _windows_ui_is_chinese():  # pragma: no cover
        return "zh"
    return "en"


def _load() -> _gettext.NullTranslations:
    if choose_language() != "zh":
        return _gettext.NullTranslations()
    try:
        with (LOCALE_DIR / "zh_CN" / "LC_MESSAGES" / f"{DOMAIN}.mo").open("rb") as handle:
            return _gettext.GNUTranslations(handle)
    except OSError:  # pragma: no cover - a broken installation: fall back to English
        return _gettext.NullTranslations()


_translations = _load()


def _(message: str) -> str:
    """The message in the reader's language (the English id when there is no translation)."""
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for ``n`` in the reader's language."""
    return _translations.ngettext(singular, plural, n)


def language() -> str:
    """The language messages are printed in for this process: ``"zh"`` or ``"en"``."""
    return (
        "en"
        if isinstance(_translations, _gettext.NullTranslations)
        and not isinstance(_translations, _gettext.GNUTranslations)
        else "zh"
    )


def reload() -> None:
    """Choose the language again from the environment (tests switch between languages)."""
    global _translations
    _translations = _load()
