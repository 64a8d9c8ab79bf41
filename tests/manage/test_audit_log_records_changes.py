"""Every change of a setting is in the audit log: who, when, the setting, each field
before and after; secrets never; changes made outside a request say so."""

from datetime import date

import pytest
from django.db import transaction

from charterdesk.core.models import AuditEntry
from charterdesk.customers.models import Contact
from charterdesk.mailboxes.models import Mailbox
from charterdesk.plans.models import Contract, Plan
from charterdesk.sla.models import Calendar


def _latest(kind: str) -> AuditEntry:
    return AuditEntry.objects.filter(kind=kind).latest("id")


def test_a_calendar_saved_on_the_settings_page_names_the_manager_and_each_change(login, personas):
    calendar = Calendar.objects.get(name="London business hours")
    data = {"name": calendar.name, "timezone": "Europe/Dublin", "days_off": ""}
    data |= dict.fromkeys(["mon", "tue", "wed", "thu", "fri"], "08:00–16:00")
    page = login(personas.manager).post(f"/manage/calendars/{calendar.pk}/", data)
    assert page.status_code == 302
    entry = _latest("sla.calendar")
    assert entry.actor == personas.manager and entry.action == "changed"
    assert entry.changes["timezone"] == ["Europe/London", "Europe/Dublin"]
    assert entry.changes["hours"][1]["mon"] == [["08:00", "16:00"]]
    assert "name" not in entry.changes  # unchanged fields are left out


def test_a_change_outside_a_request_has_no_actor(personas):
    plan = Plan.objects.get(name="Bronze")
    plan.consulting_rate = 120
    plan.save()
    entry = _latest("plans.plan")
    assert entry.actor is None and entry.changes["consulting_rate"] == ["0", "120"]


def test_a_mailbox_password_is_never_written_in_the_log(db):
    Mailbox.objects.create(name="support", host="imap.example.com", username="u", password="s3cret")
    entry = _latest("mailboxes.mailbox")
    assert entry.action == "created"
    assert entry.changes["password"] == [None, "(hidden)"]
    assert "s3cret" not in str(AuditEntry.objects.values_list("changes", flat=True))


def test_contacts_added_to_a_contract_and_deleted_rows_are_recorded(personas):
    contract = Contract.objects.get(organization__name="Acme Corp")
    contract.administrators.add(Contact.objects.get(email="alice@acme.example"))
    entry = _latest("plans.contract")
    assert entry.changes == {"administrators": {"added": ["Alice Archer <alice@acme.example>"]}}
    later = Contract.objects.create(
        organization=contract.organization, plan=contract.plan, starts_on=date(2099, 1, 1)
    )
    later.delete()
    assert _latest("plans.contract").action == "deleted"


def test_a_refused_change_leaves_no_entry(personas):
    plan = Plan.objects.get(name="Gold")
    before = AuditEntry.objects.count()
    plan.channels = ["fax"]
    with pytest.raises(Exception), transaction.atomic():  # noqa: B017 - the model refuses it
        plan.save()
    assert AuditEntry.objects.count() == before


def test_a_sign_in_writes_no_entry_and_reads_nothing_more(
    client, personas, django_assert_num_queries
):
    before = AuditEntry.objects.count()
    personas.tier1.last_login = None
    with django_assert_num_queries(1):  # the UPDATE alone: no look-up of the old row
        personas.tier1.save(update_fields=["last_login"])
    assert AuditEntry.objects.count() == before
