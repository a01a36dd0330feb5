from django import template

from apps.reports.fields import render_field, render_indicator_row

register = template.Library()


@register.simple_tag
def ph_field(ph, report, editable=True, state="", shown=None, error="", other=None, version=None):
    """One placeholder field; see apps.reports.fields.render_field."""
    return render_field(
        ph, report_pk=report.pk, editable=editable, shown=shown, error=error, state=state, other=other, version=version
    )


@register.simple_tag
def indicator_row(row, report):
    return render_indicator_row(row, report_pk=report.pk)


@register.filter
def page_links(page):
    """Page numbers around the current one, with None where numbers are left out (…): 785 pages stay one line."""
    return [None if n == page.paginator.ELLIPSIS else n for n in page.paginator.get_elided_page_range(page.number)]
