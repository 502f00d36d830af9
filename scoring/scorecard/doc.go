// Package scorecard grades a conversation's rule outcomes on a QA
// scorecard: weighted criteria grouped in weighted sections, N/A criteria,
// and auto-fail items, giving a score from 0 to 100.
//
// # The file
//
// A scorecard is one YAML file (see testdata/good/minimal.yaml and the
// shipped scoring/rules/pack/scorecard.yaml):
//
//	id: ecommerce_default          # required, [a-z0-9_.]{1,64}
//	version: "2026.11.1"           # required, [A-Za-z0-9._+-]{1,32}
//	title: 电商客服质检             # optional
//	description: ...               # optional
//	sections:                      # required, at least one
//	  - id: opening                # required, unique among sections
//	    title: 开场 / Opening       # optional
//	    weight: 15                 # required, a number > 0
//	    criteria:                  # required, at least one
//	      - id: opening.greeting   # required, unique in the scorecard
//	        title: 问候 / Greeting  # optional
//	        weight: 5              # required, a number > 0
//	        rules: [no_greeting]   # required, at least one rule id; a rule feeds one criterion
//	        auto_fail: false       # optional, default false
//
// Weights are relative: they need not add up to 100. Anything else is
// refused with file:line, the field path and what is allowed; unknown
// fields, duplicate keys, duplicate ids, YAML aliases and a second YAML
// document included. Check compares the scorecard with a rule set.
//
// # Grading
//
// A criterion fails when any of its rules failed; otherwise it passes when
// at least one of them passed; otherwise (all N/A) it is N/A. A rule that
// has no outcome at all — the rule set did not evaluate it — counts as N/A:
// Check exists so that this never happens by mistake. When a rule has
// several outcomes, the worst counts (fail over pass over N/A).
//
// A passing criterion earns its weight, a failing one nothing, an N/A one
// neither earns nor counts toward the maximum. A section's score is
// 100 × earned / maximum over its applicable criteria; a section with no
// applicable criterion is N/A. The total is the mean of the applicable
// sections' scores weighted by section weight, so N/A sections drop out
// and the rest renormalize; it is computed from the unrounded section
// scores. Any failed auto-fail criterion makes the total 0 and is named in
// AutoFailedBy; the sections and criteria are still reported as graded.
//
// A conversation where every criterion is N/A has nothing to hold against
// the agent: its total is 100, every section is N/A, and Result.NA is set
// so that averages can leave it out. (0 would put empty conversations at
// the top of a review queue sorted by score.)
//
// Scores are rounded half up to one decimal (0.1) after all arithmetic.
//
// Bots are graded on the same scorecard as human agents, with nothing
// special: the rules decide what applies to a bot (a rule's speaker
// "agent" covers bots unless the rule says otherwise).
package scorecard
