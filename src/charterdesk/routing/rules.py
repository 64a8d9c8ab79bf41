"""Routing rules: which queue a new ticket goes to, and which rule said so."""

from dataclasses import dataclass

from charterdesk.core import config_cache
from charterdesk.core.vocabulary import RequestType, labels_of
from charterdesk.customers.models import Organization
from charterdesk.tickets.category_models import PATH_SEPARATOR, Category

from .models import Queue, RoutingRule

CONDITIONS = (
    "request_types",
    "products",
    "organizations",
    "plans",
    "languages",
    "regions",
    "channels",
    "categories",
)
# The history note of a queue chosen without the rules (a mailbox feeding a queue).
NOT_ASKED = "(routing rules not asked)"


@dataclass(frozen=True)
class Facts:
    """What the rules look at for one ticket."""

    request_type: str
    channel: str
    product: str = ""
    organization: int | None = None
    plan: int | None = None
    language: str = ""
    region: str = ""
    # The ticket's category and every category above it (ids): a rule on "Billing" also
    # takes "Billing › Refunds". Empty at intake: categories come from a rule or triage.
    categories: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Route:
    """The routing decision: the queue, the rule that chose it (None: the fallback), and
    the facts it was decided on, as the history line says."""

    queue: Queue
    rule: RoutingRule | None
    facts: Facts
    fixed_by: str = ""  # what chose the queue without the rules ("mailbox 'support'")

    @property
    def note(self) -> str:
        if self.fixed_by:
            return f"{self.fixed_by} → queue '{self.queue.name}' {NOT_ASKED}"
        if self.rule is None:
            (kind,) = labels_of(RequestType, [self.facts.request_type])
            return f"no rule matched → queue '{self.queue.name}' (takes {kind} requests)"
        return f"rule '{self.rule.name}' → queue '{self.queue.name}'"


def facts_for(
    organization: Organization | None,
    request_type: str,
    channel: str,
    plan_id: int | None,
    *,
    product: str = "",
    language: str = "",
) -> Facts:
    """The ticket's own language first, else its organization's; region and plan from the
    organization and its contract."""
    return Facts(
        request_type=request_type,
        channel=str(channel),
        product=product,
        organization=organization.pk if organization else None,
        plan=plan_id,
        language=(language or (organization.language if organization else "")).lower(),
        region=organization.region if organization else "",
    )


def matches(rule: RoutingRule, facts: Facts) -> bool:
    """Every non-empty condition of the rule holds (text compared without case)."""
    for condition in CONDITIONS:
        wanted = getattr(rule, condition)
        if not wanted:
            continue
        value = getattr(facts, _FACT[condition])
        if isinstance(value, frozenset):
            if not value.intersection(wanted):
                return False
        elif isinstance(value, str):
            if value.lower() not in {str(w).lower() for w in wanted}:
                return False
        elif value not in wanted:
            return False
    return True


_FACT = {
    "request_types": "request_type",
    "products": "product",
    "organizations": "organization",
    "plans": "plan",
    "languages": "language",
    "regions": "region",
    "channels": "channel",
    "categories": "categories",
}


def category_line(category: Category | None) -> frozenset[int]:
    """The ids of `category` and of every category above it (one query), for `Facts`."""
    if category is None:
        return frozenset()
    parts = category.path.split(PATH_SEPARATOR)
    above = [PATH_SEPARATOR.join(parts[:n]) for n in range(1, len(parts))]
    ids = Category.objects.filter(path__in=above).values_list("pk", flat=True) if above else []
    return frozenset([category.pk, *ids])


def enabled_rules() -> list[RoutingRule]:
    """The enabled rules in order, with their queues: one query when the configuration
    changed, none while it did not (core.config_cache)."""
    return list(config_cache.cached(("routing-rules",), _enabled_rules))


def _enabled_rules() -> tuple[RoutingRule, ...]:
    return tuple(
        RoutingRule.objects.filter(enabled=True)
        .select_related("queue__team", "set_category")
        .order_by("position", "id")
    )


def _queues() -> tuple[Queue, ...]:
    return tuple(Queue.objects.select_related("team").order_by("position", "id"))


def route(facts: Facts, rules: list[RoutingRule] | None = None) -> Route:
    """First matching enabled rule wins; else the queue taking the request type, else the
    default queue (`queue_for_request`)."""
    for rule in enabled_rules() if rules is None else rules:
        if rule.enabled and matches(rule, facts):
            return Route(rule.queue, rule, facts)
    return Route(queue_for_request(facts.request_type), None, facts)


def queue_for_request(request_type: str) -> Queue:
    """The first queue (by position) that takes this request type, else the default queue."""
    queues = config_cache.cached(("queues",), _queues)
    for queue in queues:
        if request_type in queue.request_types:
            return queue
    for queue in queues:
        if queue.is_default:
            return queue
    if queues:
        return queues[0]
    raise Queue.DoesNotExist("No queue is set up: create one in the admin.")
