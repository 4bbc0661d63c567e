package mapping_test

// must returns a query's result and panics on its error, for tests whose queries are known to
// be valid; the error cases have tests of their own.
func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
