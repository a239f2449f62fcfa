"""``python -m lawgov_report`` runs the ``lawgov`` command line."""

from lawgov_report.cli.entry import main

main()
