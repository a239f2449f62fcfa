"""Messages in the reader's language: gettext catalogues and the choice of language.

Owns: ``_`` and ``ngettext`` (every string a person reads goes through one of them, with an
English message id), ``N_`` (marks an id whose translation happens later, where it is shown),
the choice of language (``LAWGOV_LANG=zh|en`` first, then the locale: ``LC_ALL``,
``LC_MESSAGES``, ``LANG`` and GNU ``LANGUAGE``, and on Windows the user's UI language) and the
catalogues under ``locale/`` (``lawgov.po`` reviewed in git, ``lawgov.mo`` compiled from it and
kept current by a test). Imports nothing of lawgov: every package may import it.

Why gettext from the standard library: the catalogue is one small file, read the first time a
message is translated (a clean ``check`` in English never reads it), so choosing the language
costs nothing measurable at start-up; Babel is needed only to extract and compile catalogues.
"""

from __future__ import annotations

import gettext as _gettext
import os
import sys
from pathlib import Path

DOMAIN = "lawgov"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
_ENV_ORDER = ("LC_ALL", "LC_MESSAGES", "LANG")
_CHINESE = ("zh", "chinese")
_C_LOCALES = ("c", "posix")


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
    return name.lower().startswith(_CHINESE)


def _is_chinese(value: str) -> bool:
    return value.strip().lower().startswith(_CHINESE)


def choose_language(environ: dict[str, str] | None = None, platform: str | None = None) -> str:
    """``"zh"`` or ``"en"``: ``LAWGOV_LANG`` wins, then the POSIX locale variables, then Windows.

    ``LAWGOV_LANG`` takes ``zh``/``en`` and the ways people spell them: ``zh_CN``,
    ``zh-CN``, ``zh-Hans``, ``zh_CN.UTF-8``, ``en_US``, ``C``.

    Locale values look like ``zh_CN.UTF-8``, ``zh_TW``, ``C`` or, on Windows,
    ``Chinese (Simplified)_China.936``; the first one set decides, as the C library does. GNU
    ``LANGUAGE`` (``zh_CN:en``) is a list of preferences that counts, as in GNU gettext,
    unless the locale is ``C``/``POSIX``.
    """
    env = os.environ if environ is None else environ
    forced = env.get("LAWGOV_LANG", "").strip().lower()
    if forced == "cn" or _is_chinese(forced):  # zh, zh_CN, zh-CN, zh-Hans, zh_CN.UTF-8
        return "zh"
    if forced.startswith("en") or forced.split(".")[0] in ("c", "posix", "english"):
        return "en"
    locale_name = next((env[n].strip() for n in _ENV_ORDER if env.get(n, "").strip()), "")
    if locale_name.lower().split(".")[0] in _C_LOCALES:
        return "en"
    preferred = env.get("LANGUAGE", "").strip()
    if preferred:
        return "zh" if _is_chinese(preferred.split(":")[0]) else "en"
    if locale_name:
        return "zh" if _is_chinese(locale_name) else "en"
    if (platform or sys.platform) == "win32" and _windows_ui_is_chinese():  # pragma: no cover
        return "zh"
    return "en"


def _load(language: str) -> _gettext.NullTranslations:
    if language != "zh":
        return _gettext.NullTranslations()
    try:
        with (LOCALE_DIR / "zh_CN" / "LC_MESSAGES" / f"{DOMAIN}.mo").open("rb") as handle:
            return _gettext.GNUTranslations(handle)
    except OSError:  # pragma: no cover - a broken installation: fall back to English
        return _gettext.NullTranslations()


_language: str | None = None
_translations: _gettext.NullTranslations | None = None


def _catalogue() -> _gettext.NullTranslations:
    global _translations
    if _translations is None:
        _translations = _load(language())
    return _translations


def _(message: str) -> str:
    """The message in the reader's language (the English id when there is no translation)."""
    return _catalogue().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for ``n`` in the reader's language."""
    return _catalogue().ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue without translating it now (``_`` runs where it shows).

    For ids kept in tables or defaults that are built before the language matters.
    """
    return message


def language() -> str:
    """The language messages are printed in for this process: ``"zh"`` or ``"en"``."""
    global _language
    if _language is None:
        _language = choose_language()
    return _language


def reload() -> None:
    """Choose the language again from the environment (tests switch between languages)."""
    global _language, _translations
    _language = None
    _translations = None
