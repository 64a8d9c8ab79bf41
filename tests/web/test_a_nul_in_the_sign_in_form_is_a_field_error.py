"""The sign-in form is a form like any other: a NUL character in the address is an error
next to the field, the address typed kept, and no attempt is counted against anyone."""

from axes.models import AccessAttempt


def test_a_nul_in_the_sign_in_address_is_an_error_next_to_the_field(client, db):
    response = client.post("/login/", {"username": "bob\x00@acme.example", "password": "x"})
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        '</label><ul class="errorlist" id="id_username_error"><li>Null characters are not' in html
    )
    assert 'value="bob\x00@acme.example"' in html
    assert AccessAttempt.objects.count() == 0
