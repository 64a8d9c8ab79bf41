from django.test import Client

from charterdesk.demo.reference import PASSWORD


def _signed_in(email, password=PASSWORD):
    client = Client()
    assert client.post("/login/", {"username": email, "password": password}).status_code == 302
    return client


def _change(client, old, new):
    return client.post(
        "/account/password/",
        {"old_password": old, "new_password1": new, "new_password2": new},
        follow=True,
    )


def test_a_signed_in_person_changes_their_password(personas):
    client = _signed_in("bob@globex.example")
    page = _change(client, PASSWORD, "another long secret 7")
    assert "Your password is changed" in page.content.decode()
    assert client.get("/portal/").status_code == 200
    _signed_in("bob@globex.example", "another long secret 7")


def test_the_current_password_must_be_right(personas):
    client = _signed_in("bob@globex.example")
    page = _change(client, "not it", "another long secret 7")
    assert "Your old password was entered incorrectly" in page.content.decode()


def test_changing_the_password_signs_out_the_other_browsers(personas):
    laptop = _signed_in("bob@globex.example")
    phone = _signed_in("bob@globex.example")
    _change(laptop, PASSWORD, "another long secret 7")
    assert phone.get("/portal/").status_code == 302
    assert laptop.get("/account/").status_code == 200
