"""What `charterdesk serve` prints once the web server answers: the address, then lines
that apps add (the demo app adds its sign-ins), so the console ends with what a newcomer
needs and stays quiet afterwards."""

from .hooks import Hook

startup_lines: Hook[list[str]] = Hook("startup_lines")
