// Package fold compares the words students and teachers write, blind to case,
// accents and punctuation: "Données (Data)", "donnees data" and "DONNÉES:
// data" fold to the same key.
//
// It owns text normalisation and nothing else; it imports no tpgrade package.
package fold
