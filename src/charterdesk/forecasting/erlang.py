"""Staffing for one interval: how many agents a number of contacts needs.

A pure library (no Django, the standard library only), so the API, the forecast and the
benchmarks compute the same numbers and the tests call it directly.

Real-time channels (phone, chat) queue: a contact waits until an agent is free. Their
staffing is Erlang C: with `A` Erlangs of traffic (contacts × handling time / interval)
and `N` agents,

    B(0) = 1,  B(n) = A·B(n−1) / (n + A·B(n−1))          Erlang B, by recursion
    P(wait) = C = N·B(N) / (N − A·(1 − B(N)))             Erlang C, for N > A
    service level = 1 − C · exp(−(N − A) · target / AHT)
    average speed of answer = C · AHT / (N − A)
    occupancy = A / N

The recursion never forms A^N or N!, so it stays exact for thousands of Erlangs. The
agents needed are the fewest N > A that meet the service level, then at least A / max
occupancy (agents kept below burn-out), then scheduled = needed / (1 − shrinkage) (breaks,
training, absence), rounded up.

Mail and portal do not queue in real time: a reply within the response target is the
promise. Their workload model needs the work done within the interval at the maximum
occupancy: agents = contacts × AHT / (interval × max occupancy); see `workload_staffing`.
"""

import math
from dataclasses import dataclass

# Far beyond any desk: it bounds the search if a caller passes absurd traffic.
MAX_AGENTS = 100_000


class StaffingError(ValueError):
    """Bad input, with the field it concerns, so the API can answer with a field error."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class StaffingInput:
    contacts: float
    interval_minutes: float = 30
    aht_seconds: float = 180
    service_level: float = 0.8  # share answered within the target (real time only)
    target_seconds: float = 20
    shrinkage: float = 0.3
    max_occupancy: float = 0.85

    def errors(self) -> dict[str, str]:
        """Every field error at once (empty when the input is usable)."""
        found: dict[str, str] = {}
        if not self.contacts >= 0:
            found["contacts"] = "Contacts are a number of 0 or more."
        if not self.interval_minutes > 0:
            found["interval_minutes"] = "The interval is a number of minutes above 0."
        if not self.aht_seconds > 0:
            found["aht_seconds"] = "The handling time is a number of seconds above 0."
        if not 0 < self.service_level < 1:
            found["service_level"] = "The service level is a share between 0 and 1, e.g. 0.8."
        if not self.target_seconds >= 0:
            found["target_seconds"] = "The target is a number of seconds of 0 or more."
        if not 0 <= self.shrinkage < 1:
            found["shrinkage"] = "Shrinkage is a share from 0 to below 1, e.g. 0.3."
        if not 0 < self.max_occupancy <= 1:
            found["max_occupancy"] = "The maximum occupancy is a share above 0 up to 1."
        return found

    def check(self) -> None:
        for field, message in self.errors().items():
            raise StaffingError(field, message)

    @property
    def traffic(self) -> float:
        """Offered load in Erlangs: the agents that would be busy all interval long."""
        return self.contacts * self.aht_seconds / (self.interval_minutes * 60)


@dataclass(frozen=True)
class Staffing:
    agents: int  # needed on the phones (or on the mail) during the interval
    scheduled: int  # on the schedule, before shrinkage takes its share
    service_level: float
    wait_probability: float
    occupancy: float
    average_speed_of_answer: float  # seconds


def erlang_b(traffic: float, agents: int) -> float:
    """Blocking probability with `agents` servers, by the stable recursion."""
    blocking = 1.0
    for n in range(1, agents + 1):
        blocking = traffic * blocking / (n + traffic * blocking)
    return blocking


def _erlang_c_from_b(traffic: float, agents: int, blocking: float) -> float:
    if agents <= traffic:
        return 1.0
    return agents * blocking / (agents - traffic * (1 - blocking))


def erlang_c(traffic: float, agents: int) -> float:
    """Probability that a contact waits (1 when the agents cannot keep up)."""
    return _erlang_c_from_b(traffic, agents, erlang_b(traffic, agents))


def _measures(need: StaffingInput, agents: int, wait: float) -> tuple[float, float]:
    """Service level and average speed of answer (seconds) for `agents` and P(wait)."""
    traffic = need.traffic
    if agents <= traffic:
        return 0.0, math.inf
    spare = agents - traffic
    level = 1 - wait * math.exp(-spare * need.target_seconds / need.aht_seconds)
    return level, wait * need.aht_seconds / spare


def service_level(need: StaffingInput, agents: int) -> float:
    """Share of contacts answered within the target with `agents` agents."""
    return _measures(need, agents, erlang_c(need.traffic, agents))[0]


def erlang_staffing(need: StaffingInput) -> Staffing:
    """Agents for a real-time channel: Erlang C, then occupancy, then shrinkage."""
    need.check()
    traffic = need.traffic
    if traffic == 0:
        return Staffing(0, 0, 1.0, 0.0, 0.0, 0.0)
    agents, blocking = 0, 1.0
    while True:  # one step of the recursion per agent: linear in the answer
        agents += 1
        blocking = traffic * blocking / (agents + traffic * blocking)
        if agents > traffic:
            wait = _erlang_c_from_b(traffic, agents, blocking)
            if _measures(need, agents, wait)[0] >= need.service_level:
                break
        if agents >= MAX_AGENTS:
            raise StaffingError("contacts", f"More than {MAX_AGENTS} agents: check the contacts.")
    floor = math.ceil(traffic / need.max_occupancy - 1e-9)
    while agents < floor:
        agents += 1
        blocking = traffic * blocking / (agents + traffic * blocking)
    wait = _erlang_c_from_b(traffic, agents, blocking)
    level, speed = _measures(need, agents, wait)
    return Staffing(
        agents, _scheduled(agents, need.shrinkage), level, wait, traffic / agents, speed
    )


def workload_staffing(need: StaffingInput) -> Staffing:
    """Agents for mail and portal: the interval's work done at the maximum occupancy.

    No queueing: a message waits in the queue, not on a line, and the response-time
    target (hours, the SLA's first reply) is far longer than the interval. The contacts
    of an interval are answered within it, so the target is met as long as every
    interval is staffed. Service level and wait probability are reported as 1 and 0
    when staffed (the work fits), the speed of answer as 0."""
    need.check()
    traffic = need.traffic
    agents = math.ceil(traffic / need.max_occupancy - 1e-9) if traffic else 0
    occupancy = traffic / agents if agents else 0.0
    return Staffing(agents, _scheduled(agents, need.shrinkage), 1.0, 0.0, occupancy, 0.0)


def _scheduled(agents: int, shrinkage: float) -> int:
    return math.ceil(agents / (1 - shrinkage) - 1e-9)
