"""A page of any kind of setting costs the same few queries, not one or more per row."""

import pytest

from charterdesk.customers.models import Contact, Organization
from charterdesk.plans.models import Contract, Plan

from .config_helpers import draft_plan, send


def _more_rows(client, n: int) -> None:
    for i in range(n):
        send(client, "post", "/api/v1/config/plans", draft_plan(name=f"Extra {i}", slug=f"x{i}"))
        org = Organization.objects.create(name=f"Org {i}")
        contact = Contact.objects.create(email=f"c{i}@org{i}.example", organization=org)
        contract = Contract.objects.create(
            organization=org, plan=Plan.objects.get(slug="gold"), starts_on="2026-01-01"
        )
        contract.authorized_contacts.add(contact)


@pytest.mark.parametrize("kind", ["plans", "contracts", "agents", "teams", "contacts", "queues"])
def test_list_queries_do_not_grow_with_rows(api, personas, django_assert_max_num_queries, kind):
    client = api.as_(personas.manager)
    _more_rows(client, 8)
    send(client, "get", f"/api/v1/config/{kind}")  # warm: the token's last use

    # The token, the user, the page, then one query per prefetched relation.
    with django_assert_max_num_queries(6):
        response = send(client, "get", f"/api/v1/config/{kind}")

    assert response.status_code == 200
