"""User templates are programs: each runs with limits, and every way it can go wrong is located.

Bombs run in a separate process under a 1 GB address-space limit (``helpers.run_lawgov``): if a
guard failed, the test would see a MemoryError there instead of swapping this machine.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lawgov_report.cli.app import app
from lawgov_report.errors import TemplateError
from lawgov_report.render import environment
from lawgov_report.render.sandbox import Limits

from helpers import EXAMPLE, run_lawgov, without_excerpts

ENDLESS = "  hint: look for a loop or a macro that never stops\n"
HUGE = "  hint: a report is a few hundred thousand characters; look for a huge number in the template\n"
ONE = "1 error, 0 warnings\n"


def _build_with(tmp_path: Path, template: str, name: str = "report.md.j2") -> tuple[int, str]:
    """Build the example to Markdown with ``template`` as the user's template; (exit, stderr)."""
    (tmp_path / "tpl").mkdir(exist_ok=True)
    (tmp_path / "tpl" / name).write_text(template, encoding="utf-8")
    shutil.copy(EXAMPLE, tmp_path / "r.yaml")
    result = run_lawgov(
        ["build", "r.yaml", "-f", "md", "-o", "out", "--template-dir", "tpl"], tmp_path
    )
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()
    return result.returncode, without_excerpts(result.stderr)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_misspelled_filter_gets_a_did_you_mean(tmp_path: Path, language: str) -> None:
    (tmp_path / "tpl").mkdir()
    (tmp_path / "tpl" / "report.md.j2").write_text(
        "ok\n{{ report.organization | md_lien }}\n", encoding="utf-8"
    )
    shutil.copy(EXAMPLE, tmp_path / "r.yaml")
    result = run_lawgov(
        ["build", "r.yaml", "-f", "md", "-o", "out", "--template-dir", "tpl"],
        tmp_path,
        env={"LAWGOV_LANG": language},
    )
    assert result.returncode == 3
    expected = {
        "en": "tpl/report.md.j2:2: error: the template uses the filter 'md_lien', which does "
        "not exist [LG302]\n  2 | {{ report.organization | md_lien }}\n"
        "  hint: did you mean 'md_line'?\n1 error, 0 warnings\n",
        "zh": "tpl/report.md.j2:2: 错误：模板用了过滤器“md_lien”，但没有这个过滤器 [LG302]\n"
        "  2 | {{ report.organization | md_lien }}\n"
        "  建议：是不是“md_line”？\n1 个错误，0 个警告\n",
    }
    assert result.stderr == expected[language]


def test_a_missing_include_is_located_at_its_line(tmp_path: Path) -> None:
    """Not ``report.md.j2:`` alone: the directory, the line of the include, no made-up column."""
    code, stderr = _build_with(tmp_path, "ok\n\n  {% include 'nope.j2' %}\n")
    assert code == 3
    assert stderr.startswith(
        "tpl/report.md.j2:3: error: template 'nope.j2' not found (searched: tpl, "
    )


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        pytest.param(
            "ok\n{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}\n{{ f(1) }}\n",
            "tpl/report.md.j2:2: error: the template calls itself without end [LG308]\n"
            "  hint: look for a macro or include that calls itself with no condition to stop\n",
            id="infinite-recursion",
        ),
        pytest.param(
            '{% include "report.md.j2" %}\n',
            "tpl/report.md.j2:1: error: the template calls itself without end [LG308]\n"
            "  hint: look for a macro or include that calls itself with no condition to stop\n",
            id="include-itself",
        ),
        pytest.param(
            "ok\n{% for i in range(10**9) %}x{% endfor %}\n",
            "tpl/report.md.j2:2: error: range(1000000000) has 1000000000 numbers; templates "
            "may use at most 100000 [LG308]\n" + HUGE,
            id="range-10**9",
        ),
        pytest.param(
            "ok\n{% for i in range(100000) %}\n{% for j in range(100000) %}{% endfor %}\n"
            "{% endfor %}\n",
            "tpl/report.md.j2:3: error: the template takes more than 2000000 steps; a loop or a "
            "macro that never stops? [LG308]\n" + ENDLESS,
            id="nested-loop",
        ),
        pytest.param(
            "ok\n{{ 'x' * 3e9 }}\n",
            "tpl/report.md.j2:2: error: an expression on this line of the template cannot be "
            "computed; check the values and operations it uses (detail: TypeError: can't multiply "
            "sequence by non-int of type 'float') [LG302]\n",
            id="x*3e9",
        ),
        pytest.param(
            "ok\n{{ 'x' * 3000000000 }}\n",
            "tpl/report.md.j2:2: error: the result of '*' would be 3000000000 characters or "
            "items long; templates may make at most 10000000 [LG308]\n" + HUGE,
            id="x*3000000000",
        ),
        pytest.param(
            "ok\n{{ 'x' | center(3000000000) }}\n",
            "tpl/report.md.j2:2: error: the result of the filter 'center' would be 3000000000 "
            "characters or items long; templates may make at most 10000000 [LG308]\n" + HUGE,
            id="center-filter",
        ),
        pytest.param(
            "ok\n{{ 'x'.ljust(3000000000) }}\n",
            "tpl/report.md.j2:2: error: the result of 'ljust' would be 3000000000 characters "
            "or items long; templates may make at most 10000000 [LG308]\n" + HUGE,
            id="ljust-method",
        ),
        pytest.param(
            "ok\n{{ ('x' * 10000) | replace('x', 'y' * 10000) }}\n",
            "tpl/report.md.j2:2: error: the result of the filter 'replace' would be 100000000 "
            "characters or items long; templates may make at most 10000000 [LG308]\n" + HUGE,
            id="replace-filter",
        ),
        pytest.param(
            "ok\n{{ '%3000000000s' % 'x' }}\n",
            "tpl/report.md.j2:2: error: the result of '%' would be 3000000012 characters or "
            "items long; templates may make at most 10000000 [LG308]\n" + HUGE,
            id="format-width",
        ),
        pytest.param(
            "ok\n{{ '{:>{w}}'.format('x', w=3000000000) }}\n",
            "tpl/report.md.j2:2: error: the result of 'format' would be 3000000007 characters "
            "or items long; templates may make at most 10000000 [LG308]\n" + HUGE,
            id="format-method-width-argument",
        ),
        pytest.param(
            "ok\n{{ '%(a)3000000000s' % {'a': 1} }}\n",
            "tpl/report.md.j2:2: error: the result of '%' would be 3000000015 characters or "
            "items long; templates may make at most 10000000 [LG308]\n" + HUGE,
            id="format-mapping-width",
        ),
        pytest.param(
            "ok\n{{ lipsum(n=10**7) }}\n",
            "tpl/report.md.j2:2: error: the result of 'generate_lorem_ipsum' would be "
            "12000000000 characters or items long; templates may make at most 10000000 [LG308]\n"
            + HUGE,
            id="lipsum",
        ),
        pytest.param(
            "{% set ns = namespace(s='x') %}\n{% for i in range(64) %}\n"
            "{% set ns.s = ns.s ~ ns.s %}\n{% endfor %}\n",
            "tpl/report.md.j2:3: error: the text joined with '~' would be 16777216 characters "
            "or items long; templates may make at most 10000000 [LG308]\n" + HUGE,
            id="doubling-with-tilde",
        ),
        pytest.param(
            "{% set big = 'x' * 100000 %}\n{% for i in range(100000) %}\n{{ big }}\n{% endfor %}\n",
            "tpl/report.md.j2:3: error: the template's output would be 10000099 characters or "
            "items long; templates may make at most 10000000 [LG308]\n" + HUGE,
            id="output-size",
        ),
        pytest.param(
            "{% macro m(big) %}{% for i in range(100000) %}{{ big }}{% endfor %}{% endmacro %}\n"
            "{{ m('x' * 1000) | length }}\n",
            "tpl/report.md.j2:1: error: the template's output would be 10001000 characters or "
            "items long; templates may make at most 10000000 [LG308]\n" + HUGE,
            id="macro-output-size",
        ),
        pytest.param(
            "ok\n{{ 10 ** (10 ** 10) }}\n",
            "tpl/report.md.j2:2: error: 10 ** 10000000000 is a number too large for a template "
            "[LG308]\n" + HUGE,
            id="power",
        ),
        pytest.param(
            "ok\n{{ reprot.title | md_line }}\n",
            "tpl/report.md.j2:2: error: the template uses 'reprot', which is not defined [LG302]\n"
            "  hint: did you mean 'report'?\n",
            id="misspelled-behind-filter",
        ),
        pytest.param(
            "ok\n{{ reprot | md }}\n",
            "tpl/report.md.j2:2: error: the template uses 'reprot', which is not defined [LG302]\n"
            "  hint: did you mean 'report'?\n",
            id="misspelled-into-filter",
        ),
        pytest.param(
            "ok\n\n{{ 1 / 0 }}\n",
            "tpl/report.md.j2:3: error: an expression on this line of the template cannot be "
            "computed; check the values and operations it uses (detail: ZeroDivisionError: division by "
            "zero) [LG302]\n",
            id="python-error",
        ),
        pytest.param(
            "ok\n{{ report.parts.clear() }}\n",
            "tpl/report.md.j2:2: error: the template sandbox does not allow 'clear' on a value "
            "of type list [LG303]\n"
            "  hint: templates may read the report's data, not change it or reach Python\n",
            id="mutating-the-report",
        ),
    ],
)
def test_template_bombs_end_in_a_located_error(
    tmp_path: Path, template: str, expected: str
) -> None:
    code, stderr = _build_with(tmp_path, template)
    assert (code, stderr) == (3, expected + ONE)


def test_template_limits_speak_chinese(tmp_path: Path) -> None:
    (tmp_path / "tpl").mkdir()
    (tmp_path / "tpl" / "report.md.j2").write_text("{{ 'x' * 3000000000 }}\n", encoding="utf-8")
    shutil.copy(EXAMPLE, tmp_path / "r.yaml")
    result = run_lawgov(
        ["build", "r.yaml", "-f", "md", "-o", "out", "--template-dir", "tpl"],
        tmp_path,
        env={"LAWGOV_LANG": "zh"},
    )
    assert result.returncode == 3
    stderr = without_excerpts(result.stderr)
    assert stderr.startswith("tpl/report.md.j2:1: ")
    assert (
        "'*' 的结果将有 3000000000 个字符或元素，模板最多只能生成 10000000 个 [LG308]\n" in stderr
    )
    assert "一份报告不过几十万字；请检查模板中是否写了过大的数字\n" in stderr


def test_a_slow_template_stops_at_the_time_limit(tmp_path: Path) -> None:
    (tmp_path / "report.md.j2").write_text(
        "ok\n{% for i in range(100000) %}{{ ('x' * 1000000) | replace('x', 'y') | length }}"
        "{% endfor %}\n",
        encoding="utf-8",
    )
    with pytest.raises(TemplateError) as caught:  # in English: the autouse fixture
        environment.render("report.md.j2", {}, (tmp_path,), Limits(seconds=0.3))
    (diagnostic,) = caught.value.diagnostics
    assert str(diagnostic.location) == f"{tmp_path / 'report.md.j2'}:2"
    assert diagnostic.code == "LG308"
    assert diagnostic.message == (
        "the template runs longer than 0.3 seconds; a loop that never stops?"
    )


def test_a_template_linked_from_outside_its_directory_is_refused(
    tmp_path: Path, runner: CliRunner
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("密码：123456\n", encoding="utf-8")
    mine = tmp_path / "mine"
    (mine / "parts").mkdir(parents=True)
    (mine / "report.md.j2").symlink_to(secret)
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["build", str(EXAMPLE), "-f", "md", "-o", str(out), "--template-dir", str(mine)]
    )
    assert result.exit_code == 3
    assert without_excerpts(result.stderr) == (
        f"{mine / 'report.md.j2'}: error: the template file {mine / 'report.md.j2'} leads "
        f"outside its directory, to {secret}; refused [LG303]\n"
        "  hint: copy the file into the template directory instead of linking to it\n" + ONE
    )
    assert not out.exists()
    # Through an include, the error is at the include.
    (mine / "report.md.j2").unlink()
    (mine / "report.md.j2").write_text('ok\n{% include "parts/x.j2" %}\n', encoding="utf-8")
    (mine / "parts" / "x.j2").symlink_to(secret)
    result = runner.invoke(
        app, ["build", str(EXAMPLE), "-f", "md", "-o", str(out), "--template-dir", str(mine)]
    )
    assert result.exit_code == 3
    assert without_excerpts(result.stderr).startswith(
        f"{mine / 'report.md.j2'}:2: error: the template file {mine / 'parts' / 'x.j2'} leads "
        f"outside its directory, to {secret}; refused [LG303]\n"
    )
    assert "123456" not in result.stdout + result.stderr
    assert not out.exists()


def test_links_inside_the_template_directory_are_fine(tmp_path: Path, runner: CliRunner) -> None:
    linked = tmp_path / "linked"
    (linked / "real").mkdir(parents=True)
    (linked / "real" / "body.j2").write_text("{{ report.organization }}\n", encoding="utf-8")
    (linked / "report.md.j2").symlink_to(linked / "real" / "body.j2")
    out = tmp_path / "out"
    result = runner.invoke(
        app,
        ["build", str(EXAMPLE), "-f", "md", "-o", str(out), "--template-dir", str(linked)],
    )
    assert result.exit_code == 0, result.stderr
    assert (out / "2021.md").read_text(encoding="utf-8").startswith("高青县科学技术局\n")


def test_exported_templates_under_the_limits_give_the_same_bytes(
    tmp_path: Path, runner: CliRunner
) -> None:
    """The guards change nothing for a sane template: the built-ins, run as user templates."""
    assert runner.invoke(app, ["templates", "export", str(tmp_path / "mine")]).exit_code == 0
    built = runner.invoke(app, ["build", str(EXAMPLE), "-o", str(tmp_path / "a")])
    mine = runner.invoke(
        app,
        [
            "build",
            str(EXAMPLE),
            "-o",
            str(tmp_path / "b"),
            "--template-dir",
            str(tmp_path / "mine"),
        ],
    )
    assert built.exit_code == mine.exit_code == 0
    for name in ("2021.md", "2021.docx"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_a_template_that_is_not_text(tmp_path: Path) -> None:
    (tmp_path / "tpl").mkdir()
    (tmp_path / "tpl" / "report.md.j2").write_bytes("第一行\n".encode() + b"\xff\xfe junk\n")
    shutil.copy(EXAMPLE, tmp_path / "r.yaml")
    result = run_lawgov(
        ["build", "r.yaml", "-f", "md", "-o", "out", "--template-dir", "tpl"], tmp_path
    )
    assert (result.returncode, without_excerpts(result.stderr)) == (
        3,
        "tpl/report.md.j2:2: error: the template is not UTF-8 text (byte 0xff cannot be "
        "read); save it as UTF-8 [LG302]\n" + ONE,
    )


def test_one_slow_filter_is_stopped_at_the_deadline(tmp_path: Path) -> None:
    """No loop, no later step to read the clock: only the timer can stop this one call."""
    (tmp_path / "report.md.j2").write_text(
        "ok\n{{ ('x ' * 3000000) | wordwrap(1) }}\n", encoding="utf-8"
    )
    with pytest.raises(TemplateError) as caught:  # in English: the autouse fixture
        environment.render("report.md.j2", {}, (tmp_path,), Limits(seconds=0.3))
    (diagnostic,) = caught.value.diagnostics
    assert str(diagnostic.location) == f"{tmp_path / 'report.md.j2'}:2"
    assert diagnostic.message.startswith("the template runs longer than 0.3 seconds")
