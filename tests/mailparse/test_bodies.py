"""Which parts are the body: text and HTML alternatives, nested multiparts."""

from charterdesk.mailparse import parse

from .conftest import parsed


def test_alternative_gives_the_text_and_the_sanitized_html():
    mail = parsed("alternative.eml")

    assert "the export button on the Reports page does nothing" in mail.text
    assert "“Last month”" in mail.text  # quoted-printable UTF-8 decoded
    assert mail.html is not None
    assert "<b>export button</b>" in mail.html
    assert mail.attachments == []


def test_html_loses_scripts_styles_event_handlers_and_remote_images():
    html = parsed("alternative.eml").html or ""

    assert "<script" not in html and "alert(1)" not in html
    assert "<style" not in html and "color: red" not in html
    assert "onclick" not in html and "steal()" not in html
    assert "tracker.example" not in html  # a remote image would tell the sender we read it


def test_nested_multipart_finds_the_body_the_inline_image_and_the_attachment():
    mail = parsed("nested.eml")

    assert mail.text.startswith("The page shows the error in the screenshot below.")
    assert 'src="cid:shot1@globex.example"' in (mail.html or "")
    image, invoice = mail.attachments
    assert (image.filename, image.content_type, image.inline) == ("error.png", "image/png", True)
    assert image.content_id == "shot1@globex.example"
    assert image.payload.startswith(b"\x89PNG")
    assert (invoice.filename, invoice.inline) == ("invoice-2026-11.pdf", False)
    assert invoice.payload.startswith(b"%PDF-1.4")
    assert mail.defects == []


def test_html_only_mail_gets_a_readable_text():
    mail = parsed("outlook_html_only.eml")

    assert mail.text.startswith("One more thing: it also happens on the mobile app.")
    assert "<div" not in mail.text


def test_a_text_attachment_is_not_taken_for_the_body():
    mail = parsed("attachments.eml")

    assert mail.text == "Logs attached."
    assert "export failed" not in mail.text


def test_deeply_nested_parts_do_not_crash_the_parser():
    boundaries = [f"b{n}" for n in range(120)]
    head = b"From: alice@acme.example\nSubject: nested\nMessage-ID: <deep@acme.example>\n"
    body = b""
    for boundary in boundaries:
        body += f"Content-Type: multipart/mixed; boundary={boundary}\n\n--{boundary}\n".encode()
    body += b"Content-Type: text/plain\n\nBottom.\n"

    mail = parse(head + body)

    assert mail.message_id == "deep@acme.example"
    assert any("nested" in defect for defect in mail.defects)
