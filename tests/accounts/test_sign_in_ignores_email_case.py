import pytest
from django.db import IntegrityError, transaction

from charterdesk.accounts.models import User
from charterdesk.demo.reference import PASSWORD


def test_an_address_in_another_case_signs_in_to_the_same_account(personas, client):
    response = client.post("/login/", {"username": "ALICE@Acme.example", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/portal/").wsgi_request.user == personas.alice


def test_a_wrong_password_in_any_case_is_refused(personas, client):
    page = client.post("/login/", {"username": "ALICE@Acme.example", "password": "nope"})
    assert "Your email and password didn" in page.content.decode()
    assert not page.wsgi_request.user.is_authenticated


def test_a_second_account_for_the_same_address_in_another_case_is_refused(personas):
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(email="Alice@ACME.example")


def test_an_account_form_stores_the_address_in_lower_case(personas):
    user = User(email="Dana@Acme.Example", name="Dana")
    user.clean()
    assert user.email == "dana@acme.example"
