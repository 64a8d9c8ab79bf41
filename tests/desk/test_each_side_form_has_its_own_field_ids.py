"""The ticket page holds several side forms with fields of the same name (`note`, `due_at`):
every field has its own id, so each label (and a screen reader) points at the right one."""

import re
from collections import Counter

from tests.desk.helpers_forms import with_forms_opened
from tests.estimates.factories import consulting_ticket
from tests.hours.factories import log


def _ids_and_label_targets(html: str) -> tuple[Counter[str], list[str]]:
    ids = Counter(re.findall(r'\sid="([^"]+)"', html))
    return ids, re.findall(r'<label[^>]*\sfor="([^"]+)"', html)


def test_no_two_elements_of_the_ticket_page_share_an_id(personas, login):
    ticket = consulting_ticket()
    log(ticket, personas.tier1, 20)
    log(ticket, personas.tier1, 15)
    client = login(personas.tier1)
    html = with_forms_opened(client, client.get(f"/desk/tickets/{ticket.pk}/").content.decode())

    ids, _ = _ids_and_label_targets(html)
    assert [i for i, n in ids.items() if n > 1] == []
    assert "id_note" not in ids and "id_due_at" not in ids


def test_each_label_points_at_a_field_of_its_own_form(personas, login):
    ticket = consulting_ticket()
    client = login(personas.tier1)
    html = with_forms_opened(client, client.get(f"/desk/tickets/{ticket.pk}/").content.decode())

    ids, targets = _ids_and_label_targets(html)
    assert targets, "the page has labels with for="
    assert [t for t in targets if t not in ids] == []
    assert 'id="promise-due_at"' in html and 'id="time-note"' in html
