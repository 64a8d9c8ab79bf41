from django.utils import timezone

from charterdesk.demo.reference import build_reference
from charterdesk.demo.statements import add_demo

from .factories import contract_of


def test_the_demo_gives_each_contract_an_administrator_once(personas):
    ref = build_reference()
    add_demo(ref, timezone.now())
    add_demo(ref, timezone.now())
    acme = contract_of("Acme Corp")
    assert [c.email for c in acme.administrators.all()] == ["alice@acme.example"]
