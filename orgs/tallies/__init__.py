"""Monthly tallies: indicators, the month's sheet of each organization and its workflow."""
