package models_test

import (
	"context"
	"testing"

	"derap/models/modeltest"
)

// The build keeps prepared statements' plans (make passes -DSQLITE_ENABLE_QPSG to SQLite):
// without it, SQLite plans nearly every query again each time it runs. PostgreSQL always
// keeps them.
func TestPlansKept(t *testing.T) {
	s := modeltest.NewStore(t)
	kept, err := s.PlansKept(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !kept {
		t.Fatal("this program's SQLite was built without SQLITE_ENABLE_QPSG: run the tests with make test, " +
			"or export CGO_CFLAGS='-O2 -g -DSQLITE_ENABLE_QPSG' as the Makefile does")
	}
}
