"""Parents and heading numbers of a report's sections after a structure correction (pure: no database)."""

from __future__ import annotations

from collections import Counter

from apps.parsing import format_marker, marker_style
from apps.reports.models import Section

# What a section's place in the tree is (the structure corrections record and compare these).
TREE_FIELDS = ("order", "level", "parent_id", "number", "marker")
# The number style of a level that no other heading of the report shows.
DEFAULT_STYLE = {1: "l1", 2: "l2", 3: "l3", 4: "l4"}


def relayout(
    sections: list[Section], *, original: dict[int, tuple], restyle: set[int], number_plain: int | None = None
) -> None:
    """Parents from the levels; heading numbers counted again in every group of siblings that changed.

    ``original`` maps pk → (parent_id, level) before the change (a new section has none); ``restyle`` are the
    sections whose number takes the style their new level has elsewhere in the report; ``number_plain`` is a
    new heading without a number that gets one when its level is numbered elsewhere.
    """
    stack: list[Section] = []
    for index, section in enumerate(sections):
        section.order = index
        if not section.level:
            section.parent_id = None
            continue
        while stack and stack[-1].level >= section.level:
            stack.pop()
        section.parent_id = stack[-1].pk if stack else None
        stack.append(section)

    styles: dict[int, Counter] = {}
    for section in sections:
        found = marker_style(section.marker) if section.level and section.pk not in restyle else None
        if found:
            styles.setdefault(section.level, Counter())[found[0]] += 1
    restyled: set[int] = set()
    for section in sections:
        if section.pk not in restyle or not section.level:
            continue
        had_number = marker_style(section.marker) is not None
        style = styles[section.level].most_common(1)[0][0] if section.level in styles else None
        if had_number or (section.pk == number_plain and not section.marker and style):
            section.marker = format_marker(style or DEFAULT_STYLE[section.level], 1)
            restyled.add(section.pk)

    groups = set()
    for section in sections:
        before = original.get(section.pk)
        if before is None or before != (section.parent_id, section.level) or section.pk in restyled:
            groups.add(section.parent_id)
            if before is not None:
                groups.add(before[0])
    counters: Counter = Counter()
    for section in sections:
        if not section.level or section.parent_id not in groups:
            continue
        found = marker_style(section.marker)
        if found is None:
            continue
        style, number = found
        counters[(section.parent_id, style)] += 1
        wanted = format_marker(style, counters[(section.parent_id, style)])
        wanted_number = marker_style(wanted)[1]
        if section.pk in restyled:
            section.marker = wanted
        elif number != wanted_number:
            # Keep the draft's own punctuation ("一．"): only the number changes.
            section.marker = section.marker.replace(number, wanted_number, 1)
        section.number = wanted_number
