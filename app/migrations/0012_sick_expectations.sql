-- Sick-leave follow-up (sygedagpengeloven § 13 b, § 13 f; law no. 1750 from 1 July 2026):
-- the 26-week exemption needs the expectation of both the citizen and the employer, so the
-- employer's is kept beside the citizen's (sick_cases.return_within is now the citizen's own);
-- and the caseworker's assessment of a predictable course (only the first conversation).

ALTER TABLE sick_cases ADD COLUMN employer_return_within TEXT
    CHECK (employer_return_within IN ('yes', 'no', 'dont_know'));
ALTER TABLE sick_cases ADD COLUMN predictable_course INTEGER NOT NULL DEFAULT 0;
