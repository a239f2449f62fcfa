"""Domain rules beyond the schema: what reviewers send these reports back for.

Why codes and a table: each rule has a stable code (``LG1xx``), a default severity and a Chinese
message, so users can select, ignore or re-grade rules (on the command line or under ``lint:`` in
the YAML) and look each one up in ``docs/rules.md``. Rules read the validated model; positions
come from the loader's source map, so every finding points at a line and column of the YAML.
The rules themselves are in ``document`` (whole report), ``text`` (one text at a time),
``print`` (the paper version) and ``publication`` (what must not reach the website, and its
deadline); this module selects them and runs them.
"""

from __future__ import annotations

from ..errors import Diagnostic, Severity
from ..model.report import Report
from ..model.validation import format_key_path
from ..source.loader import SourceMap
from .base import Context, Finding, LintOptions, Rule, iter_texts
from .document import DOCUMENT_RULES
from .print import PRINT_RULES
from .publication import PUBLICATION_RULES
from .text import TEXT_RULES

RULES: tuple[Rule, ...] = tuple(
    sorted(
        DOCUMENT_RULES + TEXT_RULES + PRINT_RULES + PUBLICATION_RULES, key=lambda rule: rule.code
    )
)
RULES_BY_CODE = {rule.code: rule for rule in RULES}

__all__ = ["RULES", "RULES_BY_CODE", "LintOptions", "lint"]


def _matches(code: str, patterns: tuple[str, ...]) -> bool:
    return any(code.startswith(p) for p in patterns)


def selected_rules(options: LintOptions) -> list[Rule]:
    """The rules that ``--select``/``--ignore`` (and the YAML's ``lint:``) leave running."""
    return [
        rule
        for rule in RULES
        if (not options.select or _matches(rule.code, options.select))
        and not _matches(rule.code, options.ignore)
    ]


def lint(
    report: Report, source_map: SourceMap, options: LintOptions = LintOptions()
) -> list[Diagnostic]:
    """Run the selected rules; every finding located in the YAML, in rule order."""
    ctx = Context(report, list(iter_texts(report)))
    severities = dict(options.severity)
    found: dict[str, list[Finding]] = {}
    rules = selected_rules(options)
    for rule in rules:
        if rule.check is not None:
            found[rule.code] = list(rule.check(ctx))
    texts = ctx.texts
    for rule in rules:
        check = rule.text_check
        if check is not None:
            found[rule.code] = [
                (text.key_path, *hit) for text in texts if (hit := check(text, report))
            ]
    findings = []
    for rule in rules:
        severity: Severity = severities.get(rule.code, rule.severity)
        for key_path, text, hint in found.get(rule.code, []):
            findings.append(
                Diagnostic(
                    source_map.value_at(key_path),
                    severity,
                    rule.code,
                    text,
                    format_key_path(key_path),
                    hint,
                )
            )
    return findings
