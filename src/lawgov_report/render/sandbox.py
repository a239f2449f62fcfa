"""Limits for user templates: steps, time, and the size of every value and of the output.

Why: a template from the user's directory is a program. Jinja's sandbox keeps it away from
Python's internals, but not from running forever or filling the memory: a macro that calls
itself, ``range(10**9)``, two nested loops of 100 000 turns, ``'x' * 3000000000``. Each of
these must end within seconds in an error that names the template file and line, never in a
hang, a ``MemoryError`` or a machine swapping. So every user template runs with a budget:

- steps: every loop turn, call, filter and intercepted operator is a step; a render may take
  ``Limits.steps`` of them; the clock is read every few hundred steps, and on POSIX a timer
  signal also stops a single slow call at ``Limits.seconds``;
- size: a string or list made by ``*``, ``+``, ``~``, ``%``, a filter or a method may have at
  most ``Limits.characters`` items, checked *before* it is made wherever the size is known in
  advance (repetition, padding, ``replace``, ``join``, ``indent``, format widths); the same
  bound applies to every block of output a template assembles, and to the whole output;
- ``range`` yields at most ``Limits.range`` numbers; ``**`` refuses results of more than a
  million bits.

The limits are far above what any report needs (a report 50 times the example renders in
~20 000 steps and 2 MB); templates that need more are broken. Recursion is bounded by
Python's own recursion limit (``environment.render`` turns the ``RecursionError`` into a
located error). The built-in templates are trusted and run without any of this.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import re
import time
from collections.abc import Callable, Generator, Iterable, Iterator
from typing import Any, NamedTuple, cast

import jinja2
import jinja2.compiler
import jinja2.nodes
import jinja2.runtime
import jinja2.sandbox

from ..i18n import _


class Limits(NamedTuple):
    """What one render of a user template may use."""

    steps: int = 2_000_000
    seconds: float = 5.0
    characters: int = 10_000_000
    range: int = 100_000


class LimitExceeded(Exception):
    """A user template went past one of its ``Limits``; message and hint are for a person."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint


def _endless() -> str:
    return _("look for a loop or a macro that never stops")


def _oversized() -> str:
    return _(
        "a report is a few hundred thousand characters; look for a huge number in the template"
    )


class _Budget:
    """What one render has used so far (one per render, found through a context variable)."""

    __slots__ = ("deadline", "limits", "steps")

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.steps = 0
        self.deadline = time.monotonic() + limits.seconds

    def step(self, count: int = 1) -> None:
        self.steps += count
        if self.steps > self.limits.steps:
            raise LimitExceeded(
                _(
                    "the template takes more than {limit} steps; a loop or a macro that never "
                    "stops?"
                ).format(limit=self.limits.steps),
                _endless(),
            )
        if self.steps & 0xFF < count and time.monotonic() > self.deadline:
            raise self.too_long()

    def too_long(self) -> LimitExceeded:
        return LimitExceeded(
            _("the template runs longer than {seconds} seconds; a loop that never stops?").format(
                seconds=f"{self.limits.seconds:g}"
            ),
            _endless(),
        )

    def size(self, size: int, what: Callable[[], str]) -> None:
        """Refuse a value of ``size`` beyond the limit; ``what`` names it (only when refused)."""
        if size > self.limits.characters:
            raise LimitExceeded(
                _(
                    "{what} would be {size} characters or items long; templates may make at "
                    "most {limit}"
                ).format(what=what(), size=size, limit=self.limits.characters),
                _oversized(),
            )


_BUDGET: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar(
    "lawgov_template_budget", default=None
)


def _budget() -> _Budget:
    budget = _BUDGET.get()
    if budget is None:  # rendered outside ``rendering()``: the default limits still hold
        budget = _Budget(Limits())
        _BUDGET.set(budget)
    return budget


def rendering(limits: Limits) -> contextvars.Token[_Budget | None]:
    """Start the budget of one render; pass the token to ``_BUDGET.reset`` via ``finished``."""
    return _BUDGET.set(_Budget(limits))


def finished(token: contextvars.Token[_Budget | None]) -> None:
    """End the budget started by ``rendering``."""
    _BUDGET.reset(token)


def _sized(value: Any) -> int | None:
    return len(value) if isinstance(value, str | bytes | list | tuple | dict) else None


def _check_result(value: Any, what: Callable[[], str]) -> Any:
    size = _sized(value)
    if size is not None:
        _budget().size(size, what)
    return value


# Sizes of results that can outgrow their inputs, computed before they are made.
_FORMAT_WIDTH = re.compile(
    r"%(?:\([^)]*\))?[-#0 +]*(\d*)(?:\.(\d+))?|\{[^{}]*?:[^{}]*?(\d+)(?:\.(\d+))?[^{}]*\}"
)
_WIDTH_FROM_ARGUMENT = re.compile(r"%(?:\([^)]*\))?[-#0 +]*\d*(?:\.)?\*|\{[^{}]*:[^{}]*\{")


def _format_size(spec: str, values: Iterable[Any]) -> int:
    """The longest a ``%`` or ``str.format`` result of ``spec`` can be, from its widths.

    Widths written in the spec count; a width taken from an argument (``%*s``, ``{:{w}}``)
    counts as the largest whole number among the arguments.
    """
    widest = 0
    for match in _FORMAT_WIDTH.finditer(spec):
        for group in match.groups():
            if group:
                widest = max(widest, int(group) if len(group) < 12 else 10**12)
    if _WIDTH_FROM_ARGUMENT.search(spec):
        numbers = [abs(v) for v in values if isinstance(v, int) and not isinstance(v, bool)]
        widest = max([widest, *numbers])
    return len(spec) + widest


def _format_values(value: Any) -> list[Any]:
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, dict):
        return list(value.values())
    return [value]


def _replace_size(value: str, old: Any, new: Any, count: Any = -1) -> int:
    old, new = str(old), str(new)
    hits = len(value) + 1 if old == "" else value.count(old)
    if isinstance(count, int) and count >= 0:
        hits = min(hits, count)
    return len(value) + hits * max(0, len(new) - len(old))


def _estimate(name: str, value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> int:
    """How long the result of filter or method ``name`` on ``value`` will be (0: unknown)."""

    def arg(index: int, key: str, default: Any = 0) -> Any:
        return args[index] if len(args) > index else kwargs.get(key, default)

    def number(index: int, key: str) -> int:
        found = arg(index, key)
        return found if isinstance(found, int) else 0

    length = len(value) if isinstance(value, str | list | tuple) else 0
    if name == "generate_lorem_ipsum":  # lipsum(n, html, min, max): n paragraphs of ≤ max words
        paragraphs, words = arg(0, "n", 5), arg(3, "max", 100)
        if isinstance(paragraphs, int) and isinstance(words, int):
            return max(paragraphs, 0) * max(words, 0) * 12
        return 0
    if name in ("center", "ljust", "rjust", "zfill"):
        return max(length, number(0, "width"))
    if name in ("batch", "slice"):
        return number(0, "linecount" if name == "batch" else "slices")
    if name == "indent":
        width = arg(0, "width", 4)
        step = width if isinstance(width, int) else len(str(width))
        return length + (str(value).count("\n") + 1) * max(step, 0)
    if name == "expandtabs":
        return length + str(value).count("\t") * max(number(0, "tabsize"), 8)
    if name == "replace" and isinstance(value, str):
        return _replace_size(value, arg(0, "old", ""), arg(1, "new", ""), arg(2, "count", -1))
    if name in ("format", "format_map") and isinstance(value, str):
        mapping = args[0] if name == "format_map" and args else kwargs
        values = [*args, *(mapping.values() if isinstance(mapping, dict) else [])]
        return _format_size(value, values)
    return 0


def _join_size(parts: Any, glue: Any) -> int:
    if isinstance(parts, list | tuple | range | str | dict) and isinstance(glue, str):
        return len(parts) * len(glue)
    return 0


def _guard_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """``function`` as a step of the budget, refusing results beyond the size limit."""

    def what() -> str:
        return _("the result of the filter '{name}'").format(name=name)

    @functools.wraps(function)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        budget = _budget()
        budget.step()
        # Filters that take the context or environment get it first; the value comes next.
        offset = 1 if getattr(function, "jinja_pass_arg", None) is not None else 0
        value, extra = (args[offset], args[offset + 1 :]) if len(args) > offset else (None, ())
        if name == "join":
            budget.size(_join_size(value, extra[0] if extra else kwargs.get("d", "")), what)
        else:
            budget.size(_estimate(name, value, extra, kwargs), what)
        return _check_result(function(*args, **kwargs), what)

    return guarded


@jinja2.pass_context
def _steps(_context: jinja2.runtime.Context, iterable: Iterable[Any]) -> Iterator[Any]:
    """A loop's iterable, counting each turn as a step (so a loop that never ends does)."""
    budget = _budget()
    for item in iterable:
        budget.step()
        yield item


@jinja2.pass_context
def _sized_concat(_context: jinja2.runtime.Context, value: Any) -> Any:
    """The result of ``a ~ b``, within the size limit (doubling a string in a loop stops)."""
    return _check_result(value, lambda: _("the text joined with '~'"))


_LOOP_FILTER = "lawgov_steps"
_CONCAT_FILTER = "lawgov_sized"


class _GuardingCodeGenerator(jinja2.compiler.CodeGenerator):
    """Jinja's compiler, with every loop and every ``~`` guarded.

    Before Jinja writes the Python code of a template, each ``for`` loop's iterable is passed
    through the step counter and each ``~`` through the size check (as filters, so that Jinja
    registers them like any other).
    """

    def visit_Template(
        self, node: jinja2.nodes.Template, frame: jinja2.compiler.Frame | None = None
    ) -> None:
        for parent in list(node.find_all(jinja2.nodes.Node)):
            if isinstance(parent, jinja2.nodes.For):
                parent.iter = _filtered(parent.iter, _LOOP_FILTER)
            for field in parent.fields:
                value = getattr(parent, field, None)
                if isinstance(value, jinja2.nodes.Concat):
                    setattr(parent, field, _filtered(value, _CONCAT_FILTER))
                elif isinstance(value, list):
                    value[:] = [
                        _filtered(item, _CONCAT_FILTER)
                        if isinstance(item, jinja2.nodes.Concat)
                        else item
                        for item in value
                    ]
        super().visit_Template(node, frame)


def _filtered(expression: jinja2.nodes.Node, name: str) -> jinja2.nodes.Filter:
    return jinja2.nodes.Filter(expression, name, [], [], None, None, lineno=expression.lineno)


def _output() -> str:
    return _("the template's output")


class GuardedEnvironment(jinja2.sandbox.ImmutableSandboxedEnvironment):
    """Jinja's sandbox plus the ``Limits`` of each render.

    The immutable sandbox: no Python internals, and no changes to the report's lists and dicts
    (both writers render the same model; one template must not alter what the other sees).
    """

    code_generator_class = _GuardingCodeGenerator
    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.globals["range"] = self._range
        self.filters = {name: _guard_filter(name, f) for name, f in self.filters.items()}
        self.filters[_LOOP_FILTER] = _steps
        self.filters[_CONCAT_FILTER] = _sized_concat

    def add_filter(self, name: str, function: Callable[..., Any]) -> None:
        """Register a filter of lawgov's own, guarded like Jinja's."""
        self.filters[name] = _guard_filter(name, function)

    @staticmethod
    def _range(*args: int) -> range:
        budget = _budget()
        numbers = range(*args)
        if len(numbers) > budget.limits.range:
            raise LimitExceeded(
                _("range({args}) has {count} numbers; templates may use at most {limit}").format(
                    args=", ".join(map(str, args)), count=len(numbers), limit=budget.limits.range
                ),
                _oversized(),
            )
        return numbers

    def call_binop(
        self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any
    ) -> Any:
        """``*``, ``**``, ``+`` and ``%``: a step each, refused when the result would be huge."""
        budget = _budget()
        budget.step()

        def what() -> str:
            return _("the result of '{operator}'").format(operator=operator)

        if operator == "*":
            for sequence, times in ((left, right), (right, left)):
                size = _sized(sequence)
                if size is not None and isinstance(times, int):
                    budget.size(size * max(times, 0), what)
        elif operator == "+":
            if _sized(left) is not None and _sized(right) is not None:
                budget.size(len(left) + len(right), what)
        elif operator == "%" and isinstance(left, str):
            budget.size(_format_size(left, _format_values(right)), what)
        elif (
            operator == "**"
            and isinstance(left, int)
            and isinstance(right, int)
            and abs(left) > 1
            and right > 0
            and abs(left).bit_length() * right > 1_000_000
        ):
            raise LimitExceeded(
                _("{left} ** {right} is a number too large for a template").format(
                    left=left, right=right
                ),
                _oversized(),
            )
        return super().call_binop(context, operator, left, right)

    def call(
        __self,  # Jinja's signature: these names never clash with the call's keyword arguments
        __context: jinja2.runtime.Context,
        __obj: Any,
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        """Every call is a step; methods of strings and lists may not make oversized results."""
        budget = _budget()
        budget.step()
        # The sandbox hands out str.format as a wrapper of the bound method.
        bound = getattr(__obj, "__wrapped__", __obj)
        owner = getattr(bound, "__self__", None)
        name = getattr(bound, "__name__", "")

        def what() -> str:
            return _("the result of '{name}'").format(name=name or "call")

        if isinstance(owner, str) and name == "join" and args:
            budget.size(_join_size(args[0], owner), what)
        elif isinstance(owner, str | list | tuple) or owner is None:
            budget.size(_estimate(name, owner, args, kwargs), what)
        if isinstance(__obj, jinja2.runtime.LoopContext) and args:
            args = (_steps(__context, args[0]), *args[1:])
        return _check_result(
            jinja2.sandbox.ImmutableSandboxedEnvironment.call(
                __self, __context, __obj, *args, **kwargs
            ),
            what,
        )

    def concat(self, parts: Iterable[str]) -> str:
        """Every block a template assembles (macro, ``set`` block, filter block, the output)."""
        budget = _budget()
        total = 0
        collected = []
        for part in parts:
            total += len(part)
            budget.size(total, _output)
            collected.append(part)
        return "".join(collected)


@contextlib.contextmanager
def _alarm(budget: _Budget) -> Iterator[None]:
    """Interrupt the render at its deadline even inside one slow filter (POSIX, main thread).

    The clock read between steps cannot stop a single call that runs for long (``wordwrap``
    of ten million characters); a timer signal can. Elsewhere the steps' clock is all there is.
    """
    import signal
    import threading

    if (
        not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return

    def expired(signum: int, frame: object) -> None:
        raise budget.too_long()

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, budget.limits.seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def render_within(template: jinja2.Template, context: dict[str, Any], limits: Limits) -> str:
    """Render with a fresh budget; output beyond the size limit stops the template where it is.

    The output is pulled piece by piece, so the error raised at the limit is thrown into the
    template at the statement that was writing, and its traceback names that line.
    """
    token = rendering(limits)
    try:
        budget = _budget()
        with _alarm(budget):
            pieces = cast(Generator[str, None, None], template.generate(context))
            collected: list[str] = []
            total = 0
            for piece in pieces:
                total += len(piece)
                collected.append(piece)
                if total > limits.characters:
                    try:
                        budget.size(total, _output)
                    except LimitExceeded as exc:
                        pieces.throw(exc)
            return "".join(collected)
    finally:
        finished(token)
