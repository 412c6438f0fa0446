package models

import (
	"context"
	"fmt"
)

// The database's own record of change. Several portal servers and the derap command share
// one database, so no process can know from its own writes alone whether what it keeps in
// memory still holds. Every write that may change a page moves a version on, in the same
// transaction as the write itself; a process that keeps anything reads the versions once
// per request (one single-row read by primary key) and keeps nothing across a change.

// DataVersions are the database's change counters at one moment.
type DataVersions struct {
	// Public moves on with every committed write that may change a page visitors see.
	Public uint64
	// Content moves on with every committed write that may change any page, a signed-in
	// user's included. It is never behind Public.
	Content uint64
}

// dataVersionsRow is the one row of data_versions.
type dataVersionsRow struct {
	ID             int `gorm:"primaryKey"`
	PublicVersion  uint64
	ContentVersion uint64
}

func (dataVersionsRow) TableName() string { return "data_versions" }

// DataVersions reads the change counters. Read them before the data they guard: a page
// built from data read afterwards is at least as new as the versions it is kept under.
func (s *Store) DataVersions(ctx context.Context) (DataVersions, error) {
	var row dataVersionsRow
	if err := s.db.WithContext(ctx).Where("id = 1").Limit(1).Find(&row).Error; err != nil {
		return DataVersions{}, fmt.Errorf("models: data versions: %w", err)
	}
	return DataVersions{Public: row.PublicVersion, Content: row.ContentVersion}, nil
}

// recordChange moves the versions on as the write transaction's effects say, inside it.
// On PostgreSQL the row stays locked until the commit, so writers that change pages take
// turns here for the last moment of their transactions only.
func (tx *Store) recordChange() error {
	if tx.effects.quiet {
		return nil
	}
	set := "content_version = content_version + 1"
	if !tx.effects.private {
		set += ", public_version = public_version + 1"
	}
	if err := tx.w.Exec("UPDATE data_versions SET " + set + " WHERE id = 1").Error; err != nil {
		return fmt.Errorf("models: record the change: %w", err)
	}
	return nil
}
