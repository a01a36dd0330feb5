from types import SimpleNamespace

from apps.reports.segments import fill_text, split_text


def ph(offset, raw, order=0):
    return SimpleNamespace(offset=offset, raw=raw, order=order)


def test_split_text_cuts_paragraphs_and_placeholders_in_place():
    text = "完成XX亿元。\n第XX位"
    a, b = ph(2, "XX"), ph(text.index("XX位"), "XX", 1)
    paragraphs = split_text(text, [b, a])
    assert [[p.text or p.placeholder for p in para] for para in paragraphs] == [["完成", a, "亿元。"], ["第", b, "位"]]


def test_implicit_blanks_are_inserted_at_their_offset():
    text = "分别增长%和%。"
    first, second = ph(4, ""), ph(6, "", 1)
    assert fill_text(text, [first, second], lambda p: "7" if p is first else "8") == "分别增长7%和8%。"
