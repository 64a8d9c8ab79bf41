from typing import Any

from django.http import HttpRequest
from ninja import Router

from charterdesk.accounts.auth import user_of
from charterdesk.core.pagination import Cursor, Limit, page_of
from charterdesk.core.validators import Id

from .models import Contact, Organization
from .schemas import ContactOut, ContactPage, OrganizationOut, OrganizationPage
from .selectors import contacts_visible_to, organizations_visible_to

router = Router(tags=["organizations"])


@router.get("/organizations", response=OrganizationPage)
def list_organizations(
    request: HttpRequest, cursor: Cursor | None = None, limit: Limit = 25
) -> dict[str, Any]:
    orgs = organizations_visible_to(user_of(request)).prefetch_related("domains")
    rows, next_url = page_of(request, orgs, cursor, limit)
    return {"items": rows, "next": next_url}


@router.get("/organizations/{org_id}", response=OrganizationOut)
def get_organization(request: HttpRequest, org_id: Id) -> Organization:
    return organizations_visible_to(user_of(request)).prefetch_related("domains").get(pk=org_id)


@router.get("/contacts", response=ContactPage)
def list_contacts(
    request: HttpRequest,
    organization: Id | None = None,
    cursor: Cursor | None = None,
    limit: Limit = 25,
) -> dict[str, Any]:
    contacts = contacts_visible_to(user_of(request))
    rows, next_url = page_of(request, contacts, cursor, limit, organization_id=organization)
    return {"items": rows, "next": next_url}


@router.get("/contacts/{contact_id}", response=ContactOut)
def get_contact(request: HttpRequest, contact_id: Id) -> Contact:
    return contacts_visible_to(user_of(request)).get(pk=contact_id)
