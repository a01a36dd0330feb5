from django import template

from apps.exporting.selectors import report_source_upload

register = template.Library()


@register.simple_tag
def in_place_source(report):
    """The .docx upload a report can be filled back into, or None (one query)."""
    return report_source_upload(report=report)


@register.simple_tag
def current_rendering(report):
    """The finished PDF of the report's standard export as it is now (draft until finalized), or None.

    Only when the report has a finished rendering at all is the content hashed (see services_pdf).
    """
    from apps.exporting.models import ExportRendering
    from apps.exporting.services_pdf import export_content_key

    draft = report.status != "finalized"
    done = ExportRendering.objects.filter(
        report=report, layout=ExportRendering.Layout.STANDARD, draft=draft, status=ExportRendering.Status.DONE
    )
    if not done.exists():
        return None
    key = export_content_key(report=report, layout=ExportRendering.Layout.STANDARD, draft=draft)
    return done.filter(content_key=key).first()
