package draft

import (
	"testing"

	"github.com/tpgrade/tpgrade/grader/document"
)

func parseText(t *testing.T, text string) *document.Document {
	t.Helper()
	doc, err := document.Parse("model.md", []byte(text), document.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return doc
}
