from apps.parsing.glued import glued_digits_note


def test_digits_after_the_blank():
    text = "完成XX3亿元"
    assert glued_digits_note(text, 2, 4) == "占位符与数字相连（XX3），请核对"


def test_digits_before_the_blank():
    assert glued_digits_note("增长1XX%", 3, 5) == "占位符与数字相连（增长1XX），请核对"


def test_a_blank_between_words_is_not_glued():
    assert glued_digits_note("完成XX亿元", 2, 4) == ""
    assert glued_digits_note("第XX位", 1, 3) == ""
