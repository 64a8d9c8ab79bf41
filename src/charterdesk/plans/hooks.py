"""What plans announces to the apps above it (see core.hooks)."""

from charterdesk.core.hooks import Hook

from .models import Contract

# A contract's plan or dates changed (in the admin): the promises on its open tickets
# follow. Announced inside the saving transaction; sla recomputes the clocks on commit.
contract_terms_changed = Hook[Contract]("contract_terms_changed")
