// Package i18n holds the two languages tpgrade speaks to students and teachers.
//
// Every message tpgrade itself writes (not the teacher's feedback, which is
// written in the rubric's language) exists in English and French. Checks
// return both; the engine keeps the one of the grading's language (the
// --lang flag, else the rubric's), and renderers write their own words in the
// report's language. M gives a Localized argument (a Msg, a rubric's text or
// name) to each pattern in its own language. It imports nothing of tpgrade.
package i18n
