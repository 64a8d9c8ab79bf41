"""In the Django admin, an administrator or authorized contact from another organization
is an error next to the field, not a crash, and is not saved."""

from charterdesk.customers.models import Contact
from charterdesk.plans.models import Contract

from .admin_forms import contract_admin_data


def test_the_admin_shows_the_error_and_saves_nothing(login, personas):
    contract = Contract.objects.get(organization__name="Acme Corp")
    bob = Contact.objects.get(email="bob@globex.example")
    page = login(personas.admin).post(
        f"/admin/plans/contract/{contract.pk}/change/",
        contract_admin_data(contract, administrators=[bob.pk], authorized_contacts=[bob.pk]),
    )
    assert page.status_code == 200
    errors = page.context["adminform"].form.errors
    assert "bob@globex.example" in str(errors["administrators"])
    assert "bob@globex.example" in str(errors["authorized_contacts"])
    assert not contract.administrators.filter(pk=bob.pk).exists()
