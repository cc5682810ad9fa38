"""Joblog: the citizen's job search against the deadlines that apply."""
