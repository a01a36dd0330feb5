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
``last_year(report)``
    Return ``{indicator id: figure}`` for the indicators whose value last year's report gives; a figure has
    string attributes ``value`` (in the indicator's unit), ``unit``, ``growth``, ``rank``, ``share`` ("" when
    not given), ``text`` (``上年：312.6亿元，增长7.8%，第3位``) and ``estimate`` (True when last year's report
    gave it as 预计). Shown beside the fields and read by the consistency checks; with none registered, nothing
    is shown.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

SECTION_WORK_GUARD = "section_work_guard"
HOME_CONTEXT = "home_context"
REPORT_CONTEXT = "report_context"
SECTION_CONTEXT = "section_context"
SECTION_LIST = "section_list"
LAST_YEAR = "last_year"

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


def decorate_sections(sections) -> list:
    """The sections as a list, annotated by every ``section_list`` hook."""
    sections = list(sections)
    for fn in get_hooks(SECTION_LIST):
        fn(sections=sections)
    return sections


def last_year(report) -> dict:
    """indicator id → last year's figure (see the ``last_year`` hook), merged over every registered function."""
    figures: dict = {}
    for fn in get_hooks(LAST_YEAR):
        figures.update(fn(report=report))
    return figures
