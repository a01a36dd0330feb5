from apps.review.models import SectionTransition


def section_transitions(*, section, limit: int = 100):
    return (
        SectionTransition.objects.filter(section=section).select_related("user").order_by("-created_at", "-id")[:limit]
    )
