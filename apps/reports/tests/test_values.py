import pytest

from apps.reports.values import ValueInvalid, normalize_value


@pytest.mark.parametrize(
    ("kind", "typed", "stored"),
    [
        ("number", "1,234.5", "1234.5"),
        ("number", "１２３", "123"),
        ("number", "一百二十三", "123"),
        ("number", "两万零五", "20005"),
        ("number", "1.2万", "12000"),
        ("number", "-3.50", "-3.5"),
        ("number", " 42 ", "42"),
        ("percent", "7.2", "7.2"),
        ("percent", "7.2%", "7.2"),
        ("percent", "７．２％", "7.2"),
        ("rank", "3", "3"),
        ("rank", "第3位", "3"),
        ("year", "2019", "2019"),
        ("year", "2019年", "2019"),
        ("name", "  城南路 ", "城南路"),
        ("text", "一段文字", "一段文字"),
        ("number", "", ""),
    ],
)
def test_values_are_normalised_by_kind(kind, typed, stored):
    assert normalize_value(kind, typed) == stored


@pytest.mark.parametrize(
    ("kind", "typed", "message_part"),
    [
        ("number", "abc", "请输入数字"),
        ("number", "1.2.3", "请输入数字"),
        ("percent", "七点二", "百分比"),
        ("rank", "0", "正整数"),
        ("rank", "2.5", "正整数"),
        ("rank", "-1", "正整数"),
        ("year", "19", "四位数字"),
        ("year", "3019", "四位数字"),
        ("name", "路" * 101, "过长"),
    ],
)
def test_bad_values_are_refused_with_a_chinese_message(kind, typed, message_part):
    with pytest.raises(ValueInvalid) as exc:
        normalize_value(kind, typed)
    assert message_part in exc.value.message
