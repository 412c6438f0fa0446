package models_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"

	"gorm.io/gorm"

	"derap/models"
	"derap/models/modeltest"
)

// Two write transactions that lock the same two rows in opposite orders deadlock on
// PostgreSQL, which aborts one of them (40P01). The portal runs the victim again: both
// writes are saved and neither caller sees an error.
func TestWriteRetriesADeadlockVictim(t *testing.T) {
	if modeltest.TestEngine() != models.EnginePostgres {
		t.Skip("SQLite has a single writer and no deadlocks between transactions")
	}
	s := modeltest.NewStore(t)
	modeltest.Exec(t, s, "CREATE TABLE deadlock_rows (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)")
	modeltest.Exec(t, s, "INSERT INTO deadlock_rows (id, n) VALUES (1, 0), (2, 0)")

	ctx := context.Background()
	var bothLocked sync.WaitGroup
	bothLocked.Add(2)
	var runs atomic.Int32
	write := func(first, second int) error {
		var attempt int
		return s.WriteForTest(ctx, func(tx *gorm.DB) error {
			attempt++
			runs.Add(1)
			if err := tx.Exec("UPDATE deadlock_rows SET n = n + 1 WHERE id = ?", first).Error; err != nil {
				return err
			}
			if attempt == 1 {
				// Each holds its first row before either asks for its second.
				bothLocked.Done()
				bothLocked.Wait()
			}
			return tx.Exec("UPDATE deadlock_rows SET n = n + 1 WHERE id = ?", second).Error
		})
	}
	errs := make([]error, 2)
	var wg sync.WaitGroup
	wg.Go(func() { errs[0] = write(1, 2) })
	wg.Go(func() { errs[1] = write(2, 1) })
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("write %d: %v", i+1, err)
		}
	}
	if got := runs.Load(); got < 3 {
		t.Errorf("the transactions ran %d times; a deadlock makes one of them run again", got)
	}
	var sum int
	if err := s.DBForTest().Raw("SELECT SUM(n) FROM deadlock_rows").Scan(&sum).Error; err != nil {
		t.Fatal(err)
	}
	if sum != 4 {
		t.Errorf("the rows were raised %d times in all, want 4 (both writes, once each)", sum)
	}
}
