"""The campaign across runs (DESIGN §4, §6 « One run, one set of outputs »): the output folder's
lock and staged swap, the received workbooks' archives, completeness, progression and the e-mail drafts."""
