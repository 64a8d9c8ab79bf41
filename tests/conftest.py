"""Shared fixtures. The demo's reference data (plans, organizations, the named personas)
is loaded once per test database; every test then runs in a transaction rolled back."""

from collections.abc import Iterator
from types import SimpleNamespace

import pytest
from django.test import Client

from charterdesk.accounts.models import ApiToken, Scope, User
from charterdesk.demo.reference import build_reference


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    with django_db_blocker.unblock():
        build_reference()


def _persona_namespace() -> SimpleNamespace:
    if not User.objects.filter(email="alice@acme.example").exists():
        build_reference()  # a transactional test before this one flushed the database
    users = {u.email: u for u in User.objects.select_related("contact__organization")}
    return SimpleNamespace(
        alice=users["alice@acme.example"],
        bob=users["bob@globex.example"],
        carol=users["carol@initech.example"],
        tier1=users["tier1@charterdesk.example"],
        tier2=users["tier2@charterdesk.example"],
        tier3=users["tier3@charterdesk.example"],
        manager=users["manager@charterdesk.example"],
        admin=users["admin@charterdesk.example"],
    )


@pytest.fixture
def personas(db: None) -> SimpleNamespace:
    """alice (Acme, Gold), bob (Globex, Silver), carol (Initech, Bronze), the agents
    tier1/tier2/tier3, manager and admin."""
    return _persona_namespace()


@pytest.fixture
def live_personas(transactional_db: None) -> SimpleNamespace:
    """The personas for tests that need committed data (browser tests)."""
    return _persona_namespace()


@pytest.fixture
def api(personas: SimpleNamespace) -> "ApiClientFactory":
    return ApiClientFactory()


class ApiClientFactory:
    def as_(self, user: User, scopes: list[str] | None = None) -> Client:
        """A client with a bearer token of `user`: every scope the user's role may hold,
        unless `scopes` says which."""
        if scopes is None:
            scopes = [s for s in Scope if user.has_perm(f"api.{s.value}")]
        _, token = ApiToken.issue(user, scopes=scopes)
        return Client(headers={"Authorization": f"Bearer {token}"})


@pytest.fixture
def login(client: Client) -> Iterator[object]:
    def sign_in(user: User) -> Client:
        client.force_login(user)
        return client

    yield sign_in
