"""Translations of the participant paths beyond /mitmachen/ (issue 18), prepared by the team."""

S = []
P = []
