"""``python -m app`` and the ``statuscope`` script: the GUI by default, CLI sub-commands
(``show``, ``search``, …) otherwise. Qt is imported only when the GUI starts."""

from __future__ import annotations

import sys

from app import CLI_COMMANDS


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    # A bare word is always a sub-command (unknown ones are usage errors); options such as
    # --lang, --self-test and Qt's own (-platform …) belong to the GUI.
    if args and (
        args[0] in CLI_COMMANDS
        or not args[0].startswith("-")
        or args[0] in ("-h", "--help", "--version")
    ):
        from app.cli import run_cli

        return run_cli(args)
    from app.gui import run_gui

    return run_gui(args)


if __name__ == "__main__":
    sys.exit(main())
