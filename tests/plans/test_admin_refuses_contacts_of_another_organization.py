"""In the Django admin, an administrator or authorized contact from another organization
is an error next to the field, not a crash, and is not saved."""

from django.forms.models import model_to_dict

from charterdesk.customers.models import Contact
from charterdesk.plans.models import Contract


def _form_data(contract: Contract, **changes: object) -> dict[str, object]:
    data = model_to_dict(contract)
    data.pop("id")
    data["authorized_contacts"] = [c.pk for c in data["authorized_contacts"]]
    data["administrators"] = [c.pk for c in data["administrators"]]
    created = data.pop("created_at")
    data["created_at_0"], data["created_at_1"] = created.date(), created.time()
    data.update(changes)
    return {k: ("" if v is None else v) for k, v in data.items()}


def test_the_admin_shows_the_error_and_saves_nothing(login, personas):
    contract = Contract.objects.get(organization__name="Acme Corp")
    bob = Contact.objects.get(email="bob@globex.example")
    page = login(personas.admin).post(
        f"/admin/plans/contract/{contract.pk}/change/",
        _form_data(contract, administrators=[bob.pk], authorized_contacts=[bob.pk]),
    )
    assert page.status_code == 200
    errors = page.context["adminform"].form.errors
    assert "bob@globex.example" in str(errors["administrators"])
    assert "bob@globex.example" in str(errors["authorized_contacts"])
    assert not contract.administrators.filter(pk=bob.pk).exists()
