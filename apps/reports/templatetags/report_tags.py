from django import template

from apps.reports.fields import render_field, render_indicator_row

register = template.Library()


@register.simple_tag
def ph_field(ph, report, editable=True, states=None):
    """One placeholder field; ``states``: the section form's FieldState per placeholder id, if posted.

    See apps.reports.fields.render_field."""
    st = states.get(ph.pk) if states else None
    if st is None:
        return render_field(ph, report_pk=report.pk, editable=editable)
    return render_field(
        ph,
        report_pk=report.pk,
        editable=editable,
        shown=st.shown,
        error=st.error,
        state=st.state,
        other=st.other,
        version=st.version,
    )


@register.simple_tag
def indicator_row(row, report):
    return render_indicator_row(row, report_pk=report.pk)


@register.filter
def page_links(page):
    """Page numbers around the current one, with None where numbers are left out (…): 785 pages stay one line."""
    return [None if n == page.paginator.ELLIPSIS else n for n in page.paginator.get_elided_page_range(page.number)]
