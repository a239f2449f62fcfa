"""Messages in Chinese or English: the catalogue is complete and compiled, the language chosen well."""

from __future__ import annotations

import importlib.util
import io
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from lawgov_report.i18n import LOCALE_DIR, choose_language

from helpers import ROOT

PO = LOCALE_DIR / "zh_CN" / "LC_MESSAGES" / "lawgov.po"


def _script() -> object:
    spec = importlib.util.spec_from_file_location(
        "update_catalogue", ROOT / "scripts" / "update_catalogue.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["update_catalogue"] = module
    spec.loader.exec_module(module)
    return module


def test_every_message_id_in_the_code_is_translated() -> None:
    script = _script()
    catalog = read_po(io.BytesIO(PO.read_bytes()), locale="zh_CN")
    ids = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id}
    code_ids = {m if isinstance(m, str) else m[0] for m, _ in script.extracted()}  # type: ignore[attr-defined]
    missing = sorted(code_ids - ids)
    assert not missing, "run python scripts/update_catalogue.py and translate:\n" + "\n".join(
        missing
    )
    assert not script.untranslated(catalog), "untranslated or fuzzy entries in lawgov.po"  # type: ignore[attr-defined]


def test_the_compiled_catalogue_is_current() -> None:
    script = _script()
    compiled = script.compiled(PO.read_bytes())  # type: ignore[attr-defined]
    assert compiled == PO.with_suffix(".mo").read_bytes(), "run python scripts/update_catalogue.py"


@pytest.mark.parametrize(
    ("environ", "platform", "expected"),
    [
        ({"LANG": "zh_CN.UTF-8"}, "linux", "zh"),
        ({"LANG": "zh_TW.UTF-8"}, "linux", "zh"),
        ({"LANG": "C"}, "linux", "en"),
        ({"LANG": "en_US.UTF-8", "LC_ALL": "zh_CN.GB18030"}, "linux", "zh"),
        ({"LC_ALL": "C", "LANG": "zh_CN.UTF-8"}, "linux", "en"),
        ({"LC_MESSAGES": "zh_CN.UTF-8", "LANG": "en_US"}, "linux", "zh"),
        ({"LANG": "Chinese (Simplified)_China.936"}, "linux", "zh"),
        ({"LANG": "zh_CN.UTF-8", "LAWGOV_LANG": "en"}, "linux", "en"),
        ({"LANG": "C", "LAWGOV_LANG": "zh"}, "linux", "zh"),
        ({"LANG": "en_US.UTF-8", "LANGUAGE": "zh_CN:en"}, "linux", "zh"),
        ({"LANG": "zh_CN.UTF-8", "LANGUAGE": "en_GB:en"}, "linux", "en"),
        ({"LC_ALL": "C.UTF-8", "LANGUAGE": "zh_CN"}, "linux", "en"),
        ({"LANG": "C.UTF-8"}, "linux", "en"),
        ({}, "linux", "en"),
    ],
)
def test_language_follows_lawgov_lang_then_the_locale(
    environ: dict[str, str], platform: str, expected: str
) -> None:
    assert choose_language(environ, platform) == expected


def test_the_catalogue_ships_inside_the_package() -> None:
    assert PO.with_suffix(".mo").is_file()
    assert Path(LOCALE_DIR).is_relative_to(ROOT / "src" / "lawgov_report")


def test_switching_language_in_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    from lawgov_report import i18n

    monkeypatch.setenv("LAWGOV_LANG", "zh")
    i18n.reload()
    assert (i18n.language(), i18n._("file not found")) == ("zh", "找不到文件")
    assert i18n.ngettext("{errors} error", "{errors} errors", 2) == "{errors} 个错误"
    monkeypatch.setenv("LAWGOV_LANG", "en")
    i18n.reload()
    assert (i18n.language(), i18n._("file not found")) == ("en", "file not found")
