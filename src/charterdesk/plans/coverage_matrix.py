"""Plan terms in words, for people: the public coverage matrix (request types × plans) and
the wording of a response target. The terms the SLA clocks count with are in `sla`."""

from dataclasses import dataclass, field

from charterdesk.core.vocabulary import REQUEST_TYPE_SENTENCES, Priority, RequestType

from .models import Metric, Plan, Schedule


def format_minutes(minutes: int) -> str:
    if minutes < 60:
        return f"{minutes} min"
    if minutes % 60 == 0:
        hours = minutes // 60
        return f"{hours} hour" if hours == 1 else f"{hours} hours"
    return f"{minutes / 60:.1f} hours"


def target_text(minutes: int, schedule: str) -> str:
    when = "around the clock" if schedule == Schedule.ALWAYS else "business hours"
    return f"{format_minutes(minutes)} ({when})"


@dataclass
class Cell:
    decision: str = "not_covered"
    decision_label: str = "Not covered"
    schedule: str = ""
    targets: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Row:
    request_type: str
    label: str
    sentence: str
    cells: list[Cell]


def coverage_matrix(plans: list[Plan]) -> list[Row]:
    """Request types × plans, from plans prefetched with `plans_with_terms()`."""
    rows = []
    for kind in RequestType:
        cells = []
        for plan in plans:
            cell = Cell()
            for coverage in plan.coverages.all():
                if coverage.request_type == kind:
                    cell.decision = coverage.decision
                    cell.decision_label = coverage.get_decision_display()
                    cell.schedule = coverage.get_schedule_display()
                    cell.targets = _targets(plan, kind, coverage.schedule)
            cells.append(cell)
        rows.append(Row(kind.value, kind.label, REQUEST_TYPE_SENTENCES[kind], cells))
    return rows


def _targets(plan: Plan, kind: str, schedule: str) -> list[tuple[str, str]]:
    by_priority = {
        t.priority: t.minutes
        for t in plan.targets.all()
        if t.request_type == kind and t.metric == Metric.FIRST_REPLY
    }
    return [
        (priority.label, target_text(by_priority[priority], schedule))
        for priority in Priority
        if priority in by_priority
    ]
