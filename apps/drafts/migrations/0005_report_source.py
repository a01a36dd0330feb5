"""Reports parsed before the source columns existed get them from their first upload."""

from django.db import migrations


def fill_sources(apps, schema_editor):
    DraftUpload = apps.get_model("drafts", "DraftUpload")
    Report = apps.get_model("reports", "Report")
    seen = set()
    for upload in DraftUpload.objects.filter(report__isnull=False, report__source_name="").order_by("created_at"):
        if upload.report_id in seen:
            continue
        seen.add(upload.report_id)
        Report.objects.filter(pk=upload.report_id).update(
            source_name=upload.original_name,
            source_uploaded_at=upload.created_at,
            source_uploaded_by_id=upload.uploaded_by_id,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("drafts", "0004_progress_choices"),
        ("reports", "0008_report_lifecycle"),
    ]

    operations = [migrations.RunPython(fill_sources, migrations.RunPython.noop)]
