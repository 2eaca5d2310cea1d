"""Limits on rendering a summary template: time, output size, and values too big to build.

A reporter's template is code: ``range(100000)`` nested in itself, ``center(2**62)``,
``'%999999999s' % x`` or a macro that calls itself would freeze the preview or fill the
memory. The render is a stream (``Template.generate``) so it is stopped as soon as it
runs past :data:`MAX_SECONDS` or :data:`MAX_OUTPUT_CHARS`; the error is thrown into the
template at the point it had reached, so the message names that template line. Loops,
calls, attribute look-ups and filters check the clock too, so a loop that prints nothing
is stopped as well, and widths and numbers that would build a huge value are refused
before it is built.
"""

from __future__ import annotations

import contextvars
import functools
import re
import time
from collections.abc import Callable, Iterator
from typing import Any

from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError, safe_range

MAX_SECONDS = 2.0
MAX_OUTPUT_CHARS = 1_000_000
MAX_WIDTH = 10_000  # widths and paddings: a summary line is under 200 characters
MAX_INT_BITS = 4_096  # about 1,200 digits
_WIDTH_FILTERS = {"center", "indent", "format"}
_WIDTH_METHODS = {"center", "ljust", "rjust", "zfill", "expandtabs"}
_PERCENT_WIDTH = re.compile(r"%[-#0 +]*(\d*)(?:\.(\d*))?")
_BRACE_WIDTH = re.compile(r"\{[^{}]*:[^{}]*?(\d{5,})")
_DEADLINE: contextvars.ContextVar[float] = contextvars.ContextVar("deadline", default=0.0)


class LimitError(SecurityError):
    """A render that went past a limit; the message says which."""


def render_bounded(template: Any, variables: dict[str, Any]) -> str:
    """The template's output, or :class:`LimitError` thrown in at the line it had reached."""
    deadline = time.monotonic() + MAX_SECONDS
    token = _DEADLINE.set(deadline)
    try:
        return _collect(template.generate(variables), deadline)
    except (RecursionError, MemoryError) as error:
        message = "the template calls itself too deeply or builds too much"
        raise LimitError(message).with_traceback(error.__traceback__) from None
    finally:
        _DEADLINE.reset(token)


def _collect(stream: Iterator[str], deadline: float) -> str:
    parts: list[str] = []
    size = 0
    for chunk in stream:
        size += len(chunk)
        parts.append(chunk)
        if size > MAX_OUTPUT_CHARS:
            stream.throw(_too_long())  # type: ignore[attr-defined]
        if time.monotonic() > deadline:
            stream.throw(_too_slow())  # type: ignore[attr-defined]
    return "".join(parts)


def _too_long() -> LimitError:
    return LimitError(f"the summary would be longer than {MAX_OUTPUT_CHARS:,} characters")


def _too_slow() -> LimitError:
    return LimitError(
        f"the template was still running after {MAX_SECONDS:g} seconds "
        "(a loop or a macro that does far too much)"
    )


def check_time() -> None:
    deadline = _DEADLINE.get()
    if deadline and time.monotonic() > deadline:
        raise _too_slow()


def check_width(value: Any) -> None:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_WIDTH:
        raise LimitError(f"the width {value} is too large for a summary")


def check_format(text: Any) -> None:
    """``'%999999999s'`` and ``'{:999999999}'`` pad to a gigabyte: refuse wide formats."""
    if not isinstance(text, str):
        return
    for match in _PERCENT_WIDTH.finditer(text):
        for number in match.groups():
            if number and len(number) > 4:
                check_width(int(number[:12]))
    found = _BRACE_WIDTH.search(text)
    if found:
        check_width(int(found.group(1)[:12]))


def check_size(value: Any) -> Any:
    if isinstance(value, str | list | tuple) and len(value) > MAX_OUTPUT_CHARS:
        raise _too_long()
    return value


def bounded_range(*args: int) -> Iterator[int]:
    """``range`` (with the sandbox's own length cap) that watches the clock."""
    for number in safe_range(*args):
        check_time()
        yield number


def bounded_filter(name: str, run: Callable[..., Any]) -> Callable[..., Any]:
    """A filter that watches the clock, refuses huge widths and huge results."""

    @functools.wraps(run)
    def filtered(*args: Any, **kwargs: Any) -> Any:
        check_time()
        if name in _WIDTH_FILTERS:
            for value in (*args, *kwargs.values()):
                check_width(value)
                if name == "format":
                    check_format(value)
        if name == "replace":
            _check_replace([value for value in args if isinstance(value, str)][:3])
        return check_size(run(*args, **kwargs))

    return filtered


def _check_replace(texts: list[str]) -> None:
    """``'a' * 100000 | replace('a', 'a' * 100000)`` is ten billion characters: refuse."""
    if len(texts) == 3:
        text, old, new = texts
        if len(text) + text.count(old) * max(len(new) - len(old), 0) > MAX_OUTPUT_CHARS:
            raise _too_long()


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """The sandbox with the limits above on every call, look-up, operator and loop."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.globals["range"] = bounded_range

    def bound_filters(self) -> None:
        """Wrap every filter; call once all filters are registered."""
        for name, run in list(self.filters.items()):
            self.filters[name] = bounded_filter(name, run)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        check_time()
        if getattr(__obj, "__name__", "") in _WIDTH_METHODS and isinstance(
            getattr(__obj, "__self__", None), str
        ):
            for value in (*args, *kwargs.values()):
                check_width(value)
        return check_size(super().call(__context, __obj, *args, **kwargs))

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        check_time()
        if operator == "%":
            check_format(left)
        if operator == "*" and _bits(left) + _bits(right) > MAX_INT_BITS:
            raise LimitError("that multiplication gives a number too large for a summary")
        if operator == "**" and _bits(left) * _bits(right) > MAX_INT_BITS:
            raise LimitError("that power gives a number too large for a summary")
        return check_size(super().call_binop(context, operator, left, right))

    def getattr(self, obj: Any, attribute: str) -> Any:
        check_time()
        if attribute in ("format", "format_map"):
            check_format(obj)
        return super().getattr(obj, attribute)


def _bits(value: Any) -> int:
    """Bits of an integer operand (0 for anything else, so ``'x' * 3`` is not counted)."""
    return value.bit_length() if isinstance(value, int) else 0
