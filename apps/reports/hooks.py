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
``export_appendix(report)``
    Return a list of appendix items printed at the end of a draft export when the user asks for them
    (导出草稿 with ``chart=1``). Each is a dict: ``title`` (the heading, ``附：…``), ``png`` (the bytes of
    a PNG picture, no text in it), ``width_mm`` (its printed width; the exporter keeps it within the
    156 mm type area), ``rows`` (a table printed under it, a list of rows of strings, the first the
    header) and ``caption`` (one line under the picture, e.g. its legend). Reads only; with none
    registered, or when a function has nothing to add (``[]``), the export has no appendix.

The structure corrections (apps/reports/services_structure.py, services_corrections.py) change rows that
other apps hang on a section or a placeholder; these hooks let those apps follow:

``section_split(source, new)``
    A paragraph of ``source`` became the heading of the new section ``new`` (e.g. the assignment is copied).
``section_rows(section)``
    Return the rows (model instances) that deleting ``section`` would take with it, serialised so that
    undoing the merge can put them back.
``section_rows_move(source, target)``
    Move the rows that follow the section's text (comments, 有意留空 marks) from ``source`` to ``target``;
    return ``{key: [pk, ...]}`` of what moved, for ``section_rows_move_back``.
``section_rows_move_back(moved, section)``
    Put the rows that ``section_rows_move`` reported back onto ``section``.
``placeholder_detach(placeholder)``
    The placeholder is about to be deleted (不是待填项): detach what hangs on it and return ``{key: data}``
    for ``placeholder_reattach``.
``placeholder_reattach(placeholder, snapshot)``
    The placeholder was put back (undo): reattach what ``placeholder_detach`` returned (``snapshot`` holds it).
``report_purge(report)``
    Called inside the purge's transaction just before a deleted report is removed for good: the drafts app
    removes its uploads and their files.
``sections_revised(report, sections, user)``
    Called inside the transaction of a revised draft with the sections that were submitted or approved and
    whose text changed (each now back in 草稿, its former status in ``status_before``): the review app records
    the step and tells their reviewers.
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
LAST_YEAR = "last_year"
EXPORT_APPENDIX = "export_appendix"
SECTION_SPLIT = "section_split"
SECTION_ROWS = "section_rows"
SECTION_ROWS_MOVE = "section_rows_move"
SECTION_ROWS_MOVE_BACK = "section_rows_move_back"
PLACEHOLDER_DETACH = "placeholder_detach"
PLACEHOLDER_REATTACH = "placeholder_reattach"
REPORT_PURGE = "report_purge"
SECTIONS_REVISED = "sections_revised"
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


def collect_dicts(name: str, **kwargs) -> dict:
    """The dicts every function of the hook ``name`` returns, merged in registration order (page contexts,
    last year's figures, what a correction detached)."""
    context: dict = {}
    for fn in get_hooks(name):
        context.update(fn(**kwargs))
    return context


def call_all(name: str, **kwargs) -> None:
    """Call every function of the hook ``name``."""
    for fn in get_hooks(name):
        fn(**kwargs)


def collect_lists(name: str, **kwargs) -> list:
    """The lists every function of the hook ``name`` returns, concatenated."""
    return [item for fn in get_hooks(name) for item in fn(**kwargs)]


def decorate_sections(sections) -> list:
    """The sections as a list, annotated by every ``section_list`` hook."""
    sections = list(sections)
    call_all(SECTION_LIST, sections=sections)
    return sections


def last_year(report) -> dict:
    """indicator id → last year's figure (see the ``last_year`` hook), merged over every registered function."""
    return collect_dicts(LAST_YEAR, report=report)
