"""Reads about the parse corrections of a report (the in-place export asks whether the structure changed)."""

from __future__ import annotations

from apps.reports.models import ParseCorrection
from apps.reports.tree_numbering import TREE_FIELDS

STRUCTURE_ACTIONS = (
    ParseCorrection.Action.LEVEL,
    ParseCorrection.Action.HEADING,
    ParseCorrection.Action.SPLIT,
    ParseCorrection.Action.MERGE,
)


def report_structure_changed(*, report) -> list[str]:
    """Headings whose level, number or text now differ from the parse, after the structure corrections
    (a heading demoted then promoted back is not among them). Used by the in-place export, which keeps the
    uploaded document's own headings."""
    corrections = list(
        ParseCorrection.objects.filter(report=report, action__in=STRUCTURE_ACTIONS).order_by("created_at", "id")
    )
    if not corrections:
        return []
    parsed_tree = corrections[0].before["tree"]
    parsed_heading: dict[str, str] = {}
    for correction in corrections:
        for pk, text in correction.before.get("text", {}).items():
            parsed_heading.setdefault(pk, text["heading"])
    sections = list(report.sections.order_by("order"))
    fields = [f for f in TREE_FIELDS if f != "order"]  # a split or merge shifts every later section

    def parsed(pk):
        tree = parsed_tree.get(str(pk))
        return {f: tree[f] for f in fields} if tree else None

    names = [
        (s.display_heading or "导语")
        for s in sections
        if parsed(s.pk) != {f: getattr(s, f) for f in fields} or parsed_heading.get(str(s.pk), s.heading) != s.heading
    ]
    if len(parsed_tree) > len({str(s.pk) for s in sections} & set(parsed_tree)):
        names.append("改为正文的标题")
    return names
