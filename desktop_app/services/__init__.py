"""Services: what the UI, the command line and the importers all call. No Qt here."""
