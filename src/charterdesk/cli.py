"""The `charterdesk` command: CharterDesk's own commands and every Django management command."""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "charterdesk.settings")
    argv = ["charterdesk", *(sys.argv[1:] if argv is None else argv)]
    import django
    from django.core.management import execute_from_command_line, get_commands

    django.setup()
    name = argv[1] if len(argv) > 1 else "help"
    if not name.startswith("-") and name != "help" and name not in get_commands():
        sys.stderr.write(f"charterdesk: unknown command '{name}' (see 'charterdesk help')\n")
        sys.exit(2)
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
