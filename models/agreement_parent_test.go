package models_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"derap/models"
	"derap/models/modeltest"
)

// The draft form's parent is found by number or ID, and suggested from the words typed,
// by staff alone: a visitor and a delegate are refused, even for a published agreement.
func TestParentLookupByRole(t *testing.T) {
	s := modeltest.NewStore(t)
	ctx := context.Background()
	in := validInput()
	in.Number, in.Title = "7/KSB/2026", "Kesepakatan Bersama Pasokan Beras"
	id, err := s.CreateDraft(ctx, models.System, in)
	if err != nil {
		t.Fatal(err)
	}
	admin := modeltest.CreateUser(t, s, models.RoleAdmin, "")
	for _, tt := range []struct {
		role    string
		actor   models.Actor
		allowed bool
	}{
		{"visitor", modeltest.As(nil), false},
		{"delegate of a party", modeltest.Delegate(t, s, "61"), false},
		{"official", modeltest.Official(t, s), true},
		{"admin", modeltest.As(&admin), true},
	} {
		t.Run(tt.role, func(t *testing.T) {
			byNumber, err := s.ParentByReference(ctx, tt.actor, " 7/KSB/2026 ", 0)
			if tt.allowed != (err == nil) || (!tt.allowed && !errors.Is(err, models.ErrForbidden)) {
				t.Fatalf("by number: %v", err)
			}
			byID, errID := s.ParentByReference(ctx, tt.actor, "", id)
			found, errFound := s.ParentSuggestions(ctx, tt.actor, "beras", 0, 20)
			if !tt.allowed {
				if !errors.Is(errID, models.ErrForbidden) || !errors.Is(errFound, models.ErrForbidden) || found != nil {
					t.Errorf("refused by number, but by ID %v, suggestions %v %v", errID, found, errFound)
				}
				return
			}
			if byNumber.ID != id || byNumber.Title != in.Title || byID.Number != in.Number || errID != nil {
				t.Errorf("found %+v and %+v, %v", byNumber, byID, errID)
			}
			if errFound != nil || len(found) != 1 || found[0].ID != id {
				t.Errorf("suggestions %+v, %v", found, errFound)
			}
		})
	}
	official := modeltest.Official(t, s)
	for _, ref := range []struct {
		number string
		id     uint
	}{{"8/KSB/2026", 0}, {"7/KSB", 0}, {"", id + 1000}, {"", 0}, {"  ", 0}} {
		if _, err := s.ParentByReference(ctx, official, ref.number, ref.id); !errors.Is(err, models.ErrNotFound) {
			t.Errorf("%q / %d: %v, want not found", ref.number, ref.id, err)
		}
	}
}

// Suggestions come from the search index: by the beginning of a number as it is typed, by
// words of a title, the exact number first, never the draft itself, never more than asked
// (nor than MaxParentSuggestions), and nothing for what matches nothing.
func TestParentSuggestions(t *testing.T) {
	s := modeltest.NewStore(t)
	ctx := context.Background()
	official := modeltest.Official(t, s)
	var ids []uint
	for i := 1; i <= 25; i++ {
		in := validInput()
		in.Number, in.Title = fmt.Sprintf("%d/KSB/2026", i), fmt.Sprintf("Kesepakatan Bersama Pasokan Ikan %d", i)
		in.Parties[0].DocumentNumber, in.Parties[1].DocumentNumber = fmt.Sprintf("e-%d/2026", i), fmt.Sprintf("075/%d/2026", i)
		if i == 12 {
			in.Title = "Kesepakatan Bersama Pelatihan ASN"
		}
		id, err := s.CreateDraft(ctx, models.System, in)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	numbers := func(list []models.Agreement) []string {
		var out []string
		for _, a := range list {
			out = append(out, a.Number)
		}
		return out
	}
	for _, tt := range []struct {
		name  string
		typed string
		self  uint
		limit int
		want  []string // the first ones, in order; nil: none at all
		count int
	}{
		{"an exact number first", "1/KSB/2026", 0, 20, []string{"1/KSB/2026"}, 1},
		{"a number being typed", "12/KSB/20", 0, 20, []string{"12/KSB/2026"}, 1},
		{"words of a title", "pelatihan asn", 0, 20, []string{"12/KSB/2026"}, 1},
		{"the beginning of a word", "pelat", 0, 20, []string{"12/KSB/2026"}, 1},
		{"any case and accents", "PÉLATIHAN", 0, 20, []string{"12/KSB/2026"}, 1},
		{"never the draft itself", "pelatihan", ids[11], 20, nil, 0},
		{"the exact number is not the draft either", "12/KSB/2026", ids[11], 20, nil, 0},
		{"newest first, as many as asked", "ikan", 0, 5, []string{"25/KSB/2026", "24/KSB/2026"}, 5},
		{"never more than the bound", "kesepakatan", 0, 1000, []string{"25/KSB/2026"}, models.MaxParentSuggestions},
		{"nothing matches", "tembakau", 0, 20, nil, 0},
		{"punctuation alone", "/-/", 0, 20, nil, 0},
		{"nothing typed", "", 0, 20, nil, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.ParentSuggestions(ctx, official, tt.typed, tt.self, tt.limit)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != tt.count || (len(tt.want) > 0 && !slices.Equal(numbers(got)[:len(tt.want)], tt.want)) {
				t.Errorf("%q: %v, want %d starting with %v", tt.typed, numbers(got), tt.count, tt.want)
			}
			for _, a := range got {
				if a.Title == "" || a.Status != models.StatusDraft {
					t.Errorf("a suggestion without its title or status: %+v", a)
				}
			}
		})
	}
}
