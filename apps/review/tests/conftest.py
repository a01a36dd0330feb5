import pytest

from apps.accounts.models import Department
from apps.accounts.tests.factories import member
from apps.reports.services import section_fill

VALUES = {"number": "12.5", "percent": "7.2", "rank": "3", "year": "2018", "date": "2018年10月", "name": "某项目"}


def fill(section, user, **overrides):
    """Fill every placeholder of the section with a valid value (or ``overrides[label]``)."""
    values = {p.pk: overrides.get(p.label, VALUES.get(p.kind, "文字")) for p in section.placeholders.all()}
    return section_fill(section=section, values=values, user=user)


@pytest.fixture
def section(report):
    """（一）经济运行稳中趋好: four placeholders."""
    return report.sections.get(marker="（一）")


@pytest.fixture
def part(report):
    """一、2018年工作情况: the part that holds （一）."""
    return report.sections.get(marker="一、")


@pytest.fixture
def section2(report):
    """二、存在问题: one implicit placeholder."""
    return report.sections.get(marker="二、")


@pytest.fixture
def finance(org):
    return Department.objects.create(organization=org, name="财政局")


@pytest.fixture
def stats(org):
    return Department.objects.create(organization=org, name="统计局")


@pytest.fixture
def finance_drafter(org, finance):
    user = member(org, "drafter", "finance_drafter")
    user.membership.departments.add(finance)
    return user


@pytest.fixture
def stats_drafter(org, stats):
    user = member(org, "drafter", "stats_drafter")
    user.membership.departments.add(stats)
    return user


@pytest.fixture
def reviewer2(org):
    return member(org, "reviewer", "reviewer2")
