// Package i18n holds the two languages tpgrade speaks to students and teachers.
//
// Every message tpgrade itself writes (not the teacher's feedback, which is
// written in the rubric's language) exists in English and French; the
// renderer picks one at the last moment. It imports nothing of tpgrade.
package i18n
