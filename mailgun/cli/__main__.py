"""``python -m mailgun.cli``: the same as the ``mailgun`` command."""

from . import main

main()
