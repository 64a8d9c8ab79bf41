from ninja import Schema


class OrganizationOut(Schema):
    id: int
    name: str
    domains: list[str]


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
