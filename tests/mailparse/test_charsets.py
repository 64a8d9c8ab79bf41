"""Bodies and headers in the charsets real mail uses, labelled right or wrong."""

from .conftest import parsed


def test_iso_8859_1_body_and_encoded_words_are_decoded():
    mail = parsed("iso_8859_1.eml")

    assert "la facture de novembre est erronée" in mail.text
    assert mail.text.endswith("François")
    assert mail.subject == "Problème de facturation"
    assert mail.from_name == "François Lefèvre"


def test_windows_1252_labelled_as_iso_8859_1_keeps_its_quotes_and_euro_sign():
    mail = parsed("windows_1252.eml")

    assert mail.text == "The “Save” button costs € 20 – that’s wrong."


def test_shift_jis_body_with_iso_2022_jp_headers():
    mail = parsed("shift_jis.eml")

    assert mail.text.splitlines() == [
        "お世話になっております。",
        "請求書①の金額が違います。",
        "山田",
    ]
    assert mail.from_name == "山田"
    assert mail.subject == "メールが送がれません"
    assert mail.defects == []


def test_gb2312_label_reads_characters_only_its_superset_has():
    mail = parsed("gb2312.eml")

    assert mail.text.startswith("您好，我无法登录系统。镕")  # 镕 is GBK, not GB2312
    assert mail.from_name == "李明"
    assert mail.subject == "登录问题"


def test_rfc2047_words_in_two_charsets_are_joined_without_the_folding_space():
    mail = parsed("rfc2047_subject.eml")

    assert mail.subject == "Problem mit der Rücküberweisung (dringend)"
    assert mail.from_name == "Jörg Müller"


def test_rfc2047_character_split_across_two_words_survives():
    assert parsed("rfc2047_split.eml").subject == "Rückerstattung – Bestellung"


def test_raw_8bit_headers_are_read_as_utf8_and_noted():
    mail = parsed("eight_bit_headers.eml")

    assert mail.subject == "Rückerstattung für Bestellung 4711"
    assert mail.from_name == "Jörg Müller"
    assert mail.from_address == "joerg@acme.example"
    assert "raw 8-bit bytes in headers (not RFC 2047 encoded)" in mail.defects
