from django import template

from apps.exporting.selectors import report_source_upload

register = template.Library()


@register.simple_tag
def in_place_source(report):
    """The .docx upload a report can be filled back into, or None (one query)."""
    return report_source_upload(report=report)
