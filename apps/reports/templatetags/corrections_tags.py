"""Template tags of the parse corrections on the section screen and its history (no view has to change)."""

from django import template

from apps.reports.models import ParseCorrection, Placeholder, PlaceholderKind, SectionStatus
from apps.reports.services_structure import heading_tokenized

register = template.Library()


@register.simple_tag
def can_correct(section, fill_enabled) -> bool:
    """Whether the correction menus show: the user may fill the section and it is neither submitted nor approved.

    The services check again; this only hides what would be refused.
    """
    return bool(fill_enabled) and section.status not in (SectionStatus.SUBMITTED, SectionStatus.APPROVED)


@register.simple_tag
def kind_choices():
    return PlaceholderKind.choices


@register.inclusion_tag("reports/includes/ph_menu_forms.html", takes_context=True)
def ph_menu_forms(context, section, report):
    """The forms the blank menus' buttons submit (outside the fill form: forms cannot nest)."""
    return {
        "report": report,
        "placeholders": list(section.placeholders.values("pk", "value")),
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("reports/includes/heading_menu.html", takes_context=True)
def heading_menu(context, section, report):
    return {
        "section": section,
        "report": report,
        "heading_text": heading_tokenized(section),
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("reports/includes/corrections_history.html", takes_context=True)
def section_corrections(context, section, report):
    corrections = (
        ParseCorrection.objects.filter(section=section)
        .select_related("user", "undone_by")
        .order_by("-created_at", "-id")
    )
    return {
        "corrections": corrections[:200],
        "section": section,
        "report": report,
        "csrf_token": context.get("csrf_token"),
    }


@register.filter
def is_body(placeholder) -> bool:
    return placeholder.field == Placeholder.Field.BODY
