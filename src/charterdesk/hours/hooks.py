"""What the hours app announces, for higher apps to fill in their `AppConfig.ready`."""

from charterdesk.core.hooks import Hook

from .models import TimeEntry

time_entry_logging: Hook[TimeEntry] = Hook("time_entry_logging")
"""An agent logs time: the entry, not yet priced against the hours bank nor saved. A
listener may link it to what covers the work (estimates sets `entry.estimate` to the
ticket's approved estimate, which lets metered time past the bank through when the plan
needs approval)."""
