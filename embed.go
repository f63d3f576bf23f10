package tpgrade

import "embed"

// Rubrics is the rubrics/ folder: *.yaml rubrics, include/*.yaml (criteria
// bundled for rubrics to include) and rubric.schema.json.
//
//go:embed rubrics/*.yaml rubrics/include/*.yaml rubrics/rubric.schema.json
var Rubrics embed.FS

// DefaultRubric is the rubric `tpgrade grade` uses when none is given.
const DefaultRubric = "docker-tp1"
