"""Render a summary template in a sandbox, as plain text, Markdown or HTML.

Templates are written once for all three formats: each line of output is a line of the
article, a blank line ends a paragraph, and ``heading`` marks a class heading. The format
decides how those become text: HTML escapes every stored value (autoescape) and turns
paragraphs into ``<p>`` with ``<br>`` between lines; Markdown makes headings bold and keeps
line breaks. A template mistake comes back as a ``RenderResult`` with its line, never as
an exception, because the reporter edits templates while the preview runs.
"""

from __future__ import annotations

import enum
import re
import traceback
from collections.abc import Callable
from dataclasses import dataclass, fields
from functools import lru_cache
from typing import Any

from jinja2 import (
    FunctionLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
    UndefinedError,
)
from jinja2.sandbox import SecurityError
from markupsafe import Markup

from desktop_app.services.summaries.filters import FILTERS
from desktop_app.services.summaries.guard import BoundedSandbox, LimitError, render_bounded
from desktop_app.services.summaries.story_filters import STORY_FILTERS
from desktop_app.services.summaries.views import SummaryContext

USER_TEMPLATE = "<template>"
MAX_POWER = 64
MAX_REPEAT = 100_000
# "'desktop_app.services.summaries.views.EventView object'" reads as "'EventView'".
_OBJECT_NAME = re.compile(r"'(?:[A-Za-z_][\w]*\.)+([A-Za-z_]\w*) object'")


class OutputFormat(enum.StrEnum):
    TEXT = "text"
    MARKDOWN = "markdown"
    HTML = "html"


@dataclass(frozen=True)
class RenderResult:
    """The summary text, or what went wrong and on which line of the template."""

    text: str = ""
    error: str = ""
    line: int | None = None
    empty_reason: str = ""  # why ``text`` is empty ("No car in IWSC Race has a driver ...")

    @property
    def ok(self) -> bool:
        return not self.error


class TooLargeError(SecurityError):
    """A value so big that rendering it would freeze the live preview."""


class SummarySandbox(BoundedSandbox):
    """Refuse every ``_`` name outright, even one that does not exist, so the reporter
    sees "refused" rather than a puzzling "has no attribute"."""

    intercepted_binops = frozenset(["*", "**", "%"])

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        """``'x' * 10**9`` would freeze the preview; a summary never needs huge values."""
        if operator == "**" and isinstance(right, int) and right > MAX_POWER:
            raise TooLargeError(f"the power {right} is too large for a summary")
        if operator == "*" and _repeated_size(left, right) > MAX_REPEAT:
            raise TooLargeError("that repetition is too long for a summary")
        return super().call_binop(context, operator, left, right)

    def getattr(self, obj: Any, attribute: str) -> Any:
        if attribute.startswith("_"):
            return self.unsafe_undefined(obj, attribute)
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        if isinstance(argument, str) and argument.startswith("_"):
            return self.unsafe_undefined(obj, argument)
        return super().getitem(obj, argument)


def _repeated_size(left: Any, right: Any) -> int:
    for sequence, count in ((left, right), (right, left)):
        if isinstance(sequence, str | list | tuple) and isinstance(count, int):
            return len(sequence) * count
    return 0


def make_environment(fmt: OutputFormat, load: Callable[[str], str | None]) -> Any:
    """A sandbox: no Python internals, no files except preset templates by name."""

    def source(template_name: str) -> tuple[str, str, Callable[[], bool]] | None:
        text = load(template_name)
        return None if text is None else (text, template_name, lambda: True)

    env = SummarySandbox(
        loader=FunctionLoader(source),
        autoescape=fmt is OutputFormat.HTML,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
        finalize=_markdown_escape if fmt is OutputFormat.MARKDOWN else None,
    )
    for unsafe in ("lipsum", "cycler"):
        env.globals.pop(unsafe, None)
    env.filters.update(FILTERS)
    env.filters.update(STORY_FILTERS)
    env.filters["heading"] = _heading(fmt)
    env.globals["format"] = fmt.value
    env.bound_filters()  # time, width and size limits (services/summaries/guard.py)
    return env


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>])")


def _markdown_escape(value: Any) -> Any:
    """Stored values print as typed in Markdown: ``*Speed*`` stays literal, not italics."""
    if isinstance(value, Markup) or not isinstance(value, str):
        return value
    return _MARKDOWN_SPECIAL.sub(r"\\\1", value)


def _heading(fmt: OutputFormat) -> Callable[[Any], str]:
    def heading(value: Any) -> str:
        if fmt is OutputFormat.HTML:
            return Markup("<strong>{}</strong>").format(value)
        if fmt is OutputFormat.MARKDOWN:
            return Markup(f"**{_markdown_escape(str(value))}**")
        return str(value)

    return heading


def render(
    env: Any, source: str, context: SummaryContext, name: str = USER_TEMPLATE
) -> RenderResult:
    """Render ``source`` (a template's text) over ``context``; errors are returned."""
    fmt = OutputFormat(env.globals["format"])
    try:
        template = _compiled(env, source)
        raw = render_bounded(template, _variables(context))
    except TemplateSyntaxError as error:
        where = error.name or name
        return _failure(error.lineno, where, name, error.message or str(error))
    except (TooLargeError, LimitError) as error:
        return _failure(*_runtime_line(error, name), name, f"refused: {error}")
    except SecurityError as error:
        message = (
            "refused: summary templates cannot reach Python internals or files "
            f"({str(error).rstrip('.')})"
        )
        return _failure(*_runtime_line(error, name), name, message)
    except UndefinedError as error:
        message = _OBJECT_NAME.sub(r"'\1'", error.message or str(error))
        return _failure(*_runtime_line(error, name), name, message)
    except TemplateNotFound as error:
        message = f'there is no preset template called "{error.name}" to include'
        return _failure(*_runtime_line(error, name), name, message)
    except (TemplateError, ArithmeticError, LookupError, TypeError, ValueError) as error:
        return _failure(*_runtime_line(error, name), name, str(error))
    return RenderResult(text=finish(raw, fmt))


@lru_cache(maxsize=64)
def _compiled(env: Any, source: str) -> Any:
    """Compiling is most of a render's cost; the live preview re-renders the same text."""
    return env.from_string(source)


def _variables(context: SummaryContext) -> dict[str, Any]:
    """Top-level names a template can use: the context's fields plus ``series_count``."""
    values = {item.name: getattr(context, item.name) for item in fields(context)}
    values["series_count"] = context.series_count
    return values


def _runtime_line(error: Exception, name: str) -> tuple[int | None, str]:
    """Jinja rewrites tracebacks to template lines; take the innermost template frame."""
    found: tuple[int | None, str] = (None, name)
    for frame in traceback.extract_tb(error.__traceback__):
        if frame.filename == USER_TEMPLATE or frame.filename.endswith(".j2"):
            found = (frame.lineno, frame.filename)
    return found


def _failure(line: int | None, where: str, name: str, message: str) -> RenderResult:
    place = f"Line {line}" if line else "The template"
    if where not in (name, USER_TEMPLATE):
        place += f" of {where}"
    text = message[:1].upper() + message[1:] if message else "Unknown problem"
    return RenderResult(error=f"{place}: {text.rstrip('.')}.", line=line)


_BLANK_RUNS = re.compile(r"\n{3,}")


def finish(raw: str, fmt: OutputFormat) -> str:
    """Tidy whitespace, then lay paragraphs out in the output format."""
    lines = [line.rstrip() for line in raw.replace("\r\n", "\n").split("\n")]
    text = _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip("\n")
    paragraphs = [p.split("\n") for p in text.split("\n\n")] if text else []
    if fmt is OutputFormat.HTML:
        return "\n".join("<p>" + "<br>\n".join(p) + "</p>" for p in paragraphs)
    if fmt is OutputFormat.MARKDOWN:
        return "\n\n".join("  \n".join(p) for p in paragraphs)
    return text
