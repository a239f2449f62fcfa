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
from ..render.figures import raw_offset, substitute
from ..source.loader import KeyPath, SourceMap
from .base import At, Context, Finding, Key, LintOptions, Message, Rule, TextField, iter_texts
from .document import DOCUMENT_RULES
from .figures import FIGURE_RULES
from .print import PRINT_RULES
from .publication import PUBLICATION_RULES
from .text import TEXT_RULES

RULES: tuple[Rule, ...] = tuple(
    sorted(
        DOCUMENT_RULES + TEXT_RULES + PRINT_RULES + PUBLICATION_RULES + FIGURE_RULES,
        key=lambda rule: rule.code,
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


def _text_finding(text: TextField, hit: Message) -> Finding:
    """A text rule's hit; with an offset, at that character of the text."""
    if len(hit) == 3:
        return (At(text.key_path, text.text, hit[2]), hit[0], hit[1])
    return (text.key_path, hit[0], hit[1])


def lint(
    report: Report,
    source_map: SourceMap,
    options: LintOptions = LintOptions(),
    previous: Report | None = None,
) -> list[Diagnostic]:
    """Run the selected rules; every finding located in the YAML, in rule order.

    ``previous`` is last year's report, which the figures rules compare with. Rules read the
    text as it is printed — a ``{复议收案}`` as its number — so a reference is neither a
    stray full stop (``{精简率.分子}``) nor a missing number; a position inside a text is
    traced back to where it is in the YAML.
    """
    printed = substitute(report)
    ctx = Context(printed, list(iter_texts(printed)), previous)
    raw_texts: dict[KeyPath, str] | None = None
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
                _text_finding(text, hit) for text in texts if (hit := check(text, printed))
            ]
    findings = []
    for rule in rules:
        severity: Severity = severities.get(rule.code, rule.severity)
        for where, text, hint in found.get(rule.code, []):
            if isinstance(where, At):
                if raw_texts is None:
                    raw_texts = {t.key_path: t.text for t in iter_texts(report)}
                raw = raw_texts.get(where.key_path, where.text)
                offset = (
                    raw_offset(report, raw, where.offset) if raw != where.text else where.offset
                )
                location = source_map.within(where.key_path, raw, offset)
                key_path = (
                    where.key_path
                    if rule.text_check is not None
                    else source_map.written(where.key_path)
                )
            elif isinstance(where, Key):
                location, key_path = source_map.key_at(where.key_path), where.key_path
            else:
                location, key_path = source_map.value_at(where), where
            findings.append(
                Diagnostic(
                    location,
                    severity,
                    rule.code,
                    text,
                    format_key_path(key_path),
                    hint,
                )
            )
    return findings
