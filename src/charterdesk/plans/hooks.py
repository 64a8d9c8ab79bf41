"""What plans announces to the apps above it (see core.hooks)."""

from charterdesk.core.hooks import Hook

from .models import Contract, PlanVersion

# A contract's plan or dates changed (in the admin): the promises on its open tickets
# follow. Announced inside the saving transaction; sla recomputes the clocks on commit.
contract_terms_changed = Hook[Contract]("contract_terms_changed")

# A plan version took effect (its terms are the plan's now), once per version. Announced
# inside the applying transaction; sla keeps or recomputes the clocks of the plan's open
# tickets, as the version says, and writes each ticket's history, on commit.
plan_version_applied = Hook[PlanVersion]("plan_version_applied")
