// Package mapping links srmkit's controls to framework clauses and answers the questions an
// audit asks.
package mapping

//go:generate go run ./internal/gen -root ..
