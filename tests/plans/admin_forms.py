"""What the Django admin's contract change form posts, for tests that go through it."""

from django.forms.models import model_to_dict

from charterdesk.plans.models import Contract


def contract_admin_data(contract: Contract, **changes: object) -> dict[str, object]:
    data = model_to_dict(contract)
    data.pop("id")
    data["authorized_contacts"] = [c.pk for c in data["authorized_contacts"]]
    data["administrators"] = [c.pk for c in data["administrators"]]
    created = data.pop("created_at")
    data["created_at_0"], data["created_at_1"] = created.date(), created.time()
    data.update(changes)
    return {k: ("" if v is None else v) for k, v in data.items()}
