"""Which target groups the offer limits of app/plan/catalogue.py name (group codes live only in
app/rules, see tests/test_law_2026.py::test_only_the_rules_know_a_target_group)."""

# Close to the labour market: a virksomhedspraktik of up to 4 weeks; the others 13 weeks, which
# a concrete assessment can extend to 26 (LAB § 61, https://www.elov.dk/lov-om-en-aktiv-
# beskaeftigelsesindsats/paragraf/61/ ; who: https://www.cabiweb.dk/lovstof/virksomhedspraktik/).
PRACTICE_4_WEEKS = frozenset({"dagpenge", "kontanthjaelp_jobparat", "kontanthjaelp_uddannelsesparat",
                              "kontanthjaelp_aabenlyst_uddannelsesparat", "uddannelseshjaelp"})

# By definition under 30 without a qualification (law_1655): an education goal fits without
# looking at the age.
EDUCATION_GOAL_GROUPS = frozenset({"kontanthjaelp_uddannelsesparat", "kontanthjaelp_aabenlyst_uddannelsesparat",
                                   "uddannelseshjaelp"})
