from ninja import Schema

from .models import Organization
from .selectors import domain_names


class OrganizationOut(Schema):
    id: int
    name: str
    domains: list[str]

    @staticmethod
    def resolve_domains(organization: Organization) -> list[str]:
        return domain_names(organization)


class OrganizationPage(Schema):
    items: list[OrganizationOut]
    next: str | None


class ContactOut(Schema):
    id: int
    email: str
    name: str
    organization_id: int | None


class ContactPage(Schema):
    items: list[ContactOut]
    next: str | None
