"""Agents, teams and queues as data. An agent is a staff user and their routing profile;
one named in a file who does not exist yet is created without a password (they set one
through "Forgot your password?" or an invitation). Nobody gives a role with more rights
than their own, nor changes their own role or deactivates themselves."""

import re
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch

from charterdesk.accounts.models import STAFF_ROLES, User
from charterdesk.accounts.roles import permissions_of
from charterdesk.core.vocabulary import RequestType
from charterdesk.routing.agents import agent_deactivate
from charterdesk.routing.models import AgentProfile, Queue, Team, Tier
from charterdesk.sla.models import Calendar

from .kinds import Context, Kind, all_named, assign, named, saved
from .schemas import AgentItem, QueueItem, TeamItem

USER_FIELDS = ("name", "role", "tier", "is_active")
PROFILE_FIELDS = ("skills", "languages", "capacity")
QUEUE_FIELDS = (
    "name",
    "tier",
    "request_types",
    "language",
    "region",
    "product",
    "position",
    "work_mode",
    "assignment",
    "skills",
    "is_default",
)
LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")


def _agents() -> Any:
    return User.objects.filter(role__in=STAFF_ROLES)


def _agent_dump(user: User) -> dict[str, Any]:
    profile = getattr(user, "agent_profile", None) or AgentProfile()
    data = {name: getattr(user, name) for name in ("email", *USER_FIELDS)}
    data.update({name: getattr(profile, name) for name in PROFILE_FIELDS})
    data["calendar"] = profile.calendar.name if profile.calendar else None
    return data


def _check_role(ctx: Context, user: User, data: dict[str, Any]) -> None:
    role = data.get("role", user.role)
    if role not in STAFF_ROLES:
        raise ValidationError({"role": f"An agent's role is one of {', '.join(STAFF_ROLES)}."})
    if ctx.actor is None:
        return
    if ctx.actor.pk == user.pk and (role != user.role or not data.get("is_active", True)):
        raise ValidationError({"role": "Nobody changes their own role or deactivates themselves."})
    mine = permissions_of(ctx.actor.role)
    for given in {role, user.role} if user.pk else {role}:
        if not permissions_of(given) <= mine:
            raise ValidationError({"role": "You cannot manage a role with more rights than yours."})


def _check_profile(data: dict[str, Any]) -> None:
    if data.get("tier") not in (None, *Tier.values):
        raise ValidationError({"tier": "An agent's tier is 1, 2 or 3."})
    wrong = [code for code in data.get("languages", []) if not LANGUAGE.match(code)]
    if wrong:
        raise ValidationError({"languages": f"“{wrong[0]}” is not a language code such as en."})


def _agent_load(ctx: Context, user: User | None, data: dict[str, Any]) -> User:
    user = user or User()
    if "email" in data:
        user.email = User.normalize_username(data["email"])
    _check_role(ctx, user, data)
    _check_profile(data)
    leaving = user.pk is not None and user.is_active and data.get("is_active") is False
    assign(user, {k: v for k, v in data.items() if not (leaving and k == "is_active")}, USER_FIELDS)
    if user.pk is None:
        user.set_unusable_password()
    saved(user)
    if leaving:
        _deactivate(ctx, user)
    profile = AgentProfile.objects.filter(user=user).first() or AgentProfile(user=user)
    assign(profile, data, PROFILE_FIELDS)
    if "calendar" in data:
        profile.calendar = named(Calendar, "name", data["calendar"], "calendar")
    profile.full_clean(exclude=["user"])
    profile.save()
    return user


def _deactivate(ctx: Context, user: User) -> None:
    """As on the agent's page: sessions end, open tickets go back to their queues."""
    try:
        agent_deactivate(actor=ctx.actor, agent=user)
    except PermissionDenied as exc:
        raise ValidationError({"is_active": str(exc)}) from exc


AGENTS = Kind(
    name="agents",
    model=User,
    schema=AgentItem,
    key=lambda item: (item["email"].strip().lower(),),
    rows=lambda: _agents().select_related("agent_profile__calendar").order_by("email"),
    find=lambda item: _agents().filter(email__iexact=item["email"].strip()).first(),
    dump=_agent_dump,
    load=_agent_load,
)


def _team_dump(team: Team) -> dict[str, Any]:
    return {
        "name": team.name,
        "lead": team.lead.email if team.lead else None,
        "members": sorted(m.email for m in team.members.all()),
        "hands_over_to": team.hands_over_to.name if team.hands_over_to else None,
    }


def _team_load(ctx: Context, team: Team | None, data: dict[str, Any]) -> Team:
    team = team or Team()
    assign(team, data, ("name",))
    if "lead" in data:
        team.lead = named(User, "email", _email(data["lead"]), "lead")
    if "hands_over_to" in data:
        team.hands_over_to = named(Team, "name", data["hands_over_to"], "hands_over_to")
    saved(team)
    if "members" in data:
        members = all_named(User, "email", [_email(m) for m in data["members"]], "members")
        outsiders = [m.email for m in members if m.role not in STAFF_ROLES]
        if team.lead is not None and team.lead.role not in STAFF_ROLES:
            raise ValidationError({"lead": "A team's lead is an agent."})
        if outsiders:
            raise ValidationError({"members": f"{outsiders[0]} is not an agent."})
        team.members.set(members)
    return team


def _email(value: str | None) -> str | None:
    return value.strip().lower() if value else value


TEAMS = Kind(
    name="teams",
    model=Team,
    schema=TeamItem,
    key=lambda item: (item["name"],),
    rows=lambda: (
        Team.objects.select_related("lead", "hands_over_to")
        .prefetch_related(Prefetch("members", queryset=User.objects.only("email")))
        .order_by("name")
    ),
    find=lambda item: Team.objects.filter(name=item["name"]).first(),
    dump=_team_dump,
    load=_team_load,
    later=("hands_over_to",),
)


def _queue_dump(queue: Queue) -> dict[str, Any]:
    data = {name: getattr(queue, name) for name in QUEUE_FIELDS}
    data["team"] = queue.team.name
    return data


def _queue_load(ctx: Context, queue: Queue | None, data: dict[str, Any]) -> Queue:
    queue = queue or Queue()
    assign(queue, data, QUEUE_FIELDS)
    if "team" in data:
        queue.team = named(Team, "name", data["team"], "team")
    unknown = [t for t in queue.request_types if t not in RequestType.values]
    if unknown:
        raise ValidationError({"request_types": f"“{unknown[0]}” is not a request type."})
    saved(queue)
    return queue


QUEUES = Kind(
    name="queues",
    model=Queue,
    schema=QueueItem,
    key=lambda item: (item["name"],),
    rows=lambda: Queue.objects.select_related("team").order_by("position", "name"),
    find=lambda item: Queue.objects.filter(name=item["name"]).first(),
    dump=_queue_dump,
    load=_queue_load,
)
