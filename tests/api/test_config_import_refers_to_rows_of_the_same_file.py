"""An import may name rows the same file creates: a contract on a plan published by the
file, for an organization and contacts it adds; a team handing over to a team listed
after it."""

from charterdesk.configuration.transfer import configuration_export, configuration_import
from charterdesk.plans.models import Contract
from charterdesk.routing.models import Team

from .config_helpers import draft_plan


def test_new_rows_refer_to_each_other_by_name(personas):
    document = configuration_export()
    document["plans"].append(draft_plan(status="published"))
    document["teams"] += [
        {"name": "Americas", "hands_over_to": "Europe", "members": ["tier1@charterdesk.example"]},
        {"name": "Europe", "hands_over_to": "Americas"},
    ]
    document["organizations"].append({"name": "Umbrella", "domains": ["umbrella.example"]})
    document["contacts"].append({"email": "Ada@Umbrella.example", "organization": "Umbrella"})
    document["contracts"].append(
        {
            "organization": "Umbrella",
            "plan": "platinum",
            "starts_on": "2026-01-01",
            "authorized_contacts": ["ada@umbrella.example"],
        }
    )

    report = configuration_import(document)

    assert report.errors == {}
    assert Team.objects.get(name="Americas").hands_over_to.name == "Europe"
    assert Team.objects.get(name="Europe").hands_over_to.name == "Americas"
    contract = Contract.objects.get(organization__name="Umbrella")
    assert contract.plan.slug == "platinum" and contract.plan.status == "published"
    assert [c.email for c in contract.authorized_contacts.all()] == ["ada@umbrella.example"]
    assert configuration_import(configuration_export()).counts()["teams"]["changed"] == 0
