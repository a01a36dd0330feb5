from django import template

from apps.reports.fields import render_field, render_indicator_row

register = template.Library()


@register.simple_tag
def ph_field(ph, report, editable=True, state="", shown=None, error=""):
    """One placeholder field; see apps.reports.fields.render_field."""
    return render_field(ph, report_pk=report.pk, editable=editable, shown=shown, error=error, state=state)


@register.simple_tag
def indicator_row(row, report):
    return render_indicator_row(row, report_pk=report.pk)
