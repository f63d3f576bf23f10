// Package tpgrade holds the data tpgrade ships inside its binary: the bundled
// rubrics (the default one is docker-tp1) and their JSON Schema. Code lives
// in grader/, internal/ and cmd/; this package only embeds.
package tpgrade
