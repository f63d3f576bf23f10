// Package tpgrade holds the data tpgrade ships inside its binary: the bundled
// rubrics (the default one is docker-tp1) and their JSON Schema. Code lives
// in grader/, internal/ and cmd/; this package only embeds.
package tpgrade

import "embed"

// Rubrics is the rubrics/ folder: *.yaml rubrics and rubric.schema.json.
//
//go:embed rubrics/*.yaml rubrics/rubric.schema.json
var Rubrics embed.FS

// DefaultRubric is the rubric `tpgrade grade` uses when none is given.
const DefaultRubric = "docker-tp1"
