"""Extension points through which the apps above ``reports`` add rules and page parts.

The dependency direction is accounts → reports → review / exporting / notifications
(docs/architecture.md; ``tests/test_dependencies.py`` enforces it). ``reports`` never imports
those apps: where one of its rules or pages needs them, it calls a hook here, and the app
registers its function in its ``AppConfig.ready()`` (the pattern of Wagtail's hooks).

Hooks (each function takes keyword arguments only):

``section_work_guard(user, section)``
    Raise :class:`~apps.core.errors.PermissionDeniedError` unless the user may fill and submit
    the section. Every registered guard must pass; with none registered, nobody may (fail closed).
``home_context(user)``, ``report_context(report, progress)``, ``section_context(request, section, placeholders)``
    Return a dict merged into the context of the home page, the report page and the section page.
``section_list(sections)``
    Annotate the sections of the report tree (a list, changed in place), e.g. with why one came back.
``report_parsed(report, result)``
    Called by ``report_replace_from_parse`` inside its transaction, once the report's sections are
    saved from the parse (``result``, the parser's :class:`~apps.parsing.ParseResult`): the
    proofreading app computes its suggestions here. A hook that fails fails the parse's save.
``section_body_changed(section)``
    Called by ``section_edit_body`` (修改正文, and everything that goes through it) and by
    ``section_edit_heading`` (修改标题) inside their transaction, after the new text and version are
    saved: what was derived from the old text is derived again (the proofreading suggestions of the
    section).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

SECTION_WORK_GUARD = "section_work_guard"
HOME_CONTEXT = "home_context"
REPORT_CONTEXT = "report_context"
SECTION_CONTEXT = "section_context"
SECTION_LIST = "section_list"
REPORT_PARSED = "report_parsed"
SECTION_BODY_CHANGED = "section_body_changed"

_registry: dict[str, list[Callable]] = defaultdict(list)


def register(name: str, fn: Callable) -> Callable:
    """Add ``fn`` to the hook ``name`` (once: registering the same function again is a no-op)."""
    if fn not in _registry[name]:
        _registry[name].append(fn)
    return fn


def get_hooks(name: str) -> tuple[Callable, ...]:
    return tuple(_registry[name])


def page_context(name: str, **kwargs) -> dict:
    """The dicts every function of the hook ``name`` returns, merged in registration order."""
    context: dict = {}
    for fn in get_hooks(name):
        context.update(fn(**kwargs))
    return context


def notify(name: str, **kwargs) -> None:
    """Call every function of the hook ``name`` (an event: nothing is returned)."""
    for fn in get_hooks(name):
        fn(**kwargs)


def decorate_sections(sections) -> list:
    """The sections as a list, annotated by every ``section_list`` hook."""
    sections = list(sections)
    for fn in get_hooks(SECTION_LIST):
        fn(sections=sections)
    return sections
