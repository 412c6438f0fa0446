package models

import (
	"context"
	"crypto/rand"
	"fmt"
	"strings"
	"time"
)

// demoAccountsSetting marks a database that has the demo accounts.
const demoAccountsSetting = "demo_accounts_created_at"

// DemoAccount is a demo sign-in, with the password it was given.
type DemoAccount struct {
	Email    string
	Name     string
	Role     Role
	Region   string // Kemendagri code, delegates only
	Password string
}

// demoPassword makes a random password that passes the portal's rules and is easy to
// copy: 20 characters from an alphabet without look-alikes.
func demoPassword() string {
	const alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789"
	b := make([]byte, 20)
	if _, err := rand.Read(b); err != nil {
		panic(fmt.Sprintf("models: no randomness: %v", err))
	}
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}

// LoadDemoAccounts creates, once, an administrator, an official, and a delegate for DKI
// Jakarta and for every partner region, all under derap.test, with random passwords. It
// returns the accounts with their passwords on the first call and nothing afterwards.
func (s *Store) LoadDemoAccounts(ctx context.Context) ([]DemoAccount, error) {
	if _, done, err := s.setting(demoAccountsSetting); err != nil || done {
		return nil, err
	}
	accounts := []DemoAccount{
		{Email: "admin@derap.test", Name: "Administrator (demo)", Role: RoleAdmin},
		{Email: "pejabat@derap.test", Name: "Pejabat Biro KSD (demo)", Role: RoleOfficial},
	}
	var partners []Region
	if err := s.db.WithContext(ctx).Where("partner OR code = ?", JakartaCode).Order("code").Find(&partners).Error; err != nil {
		return nil, fmt.Errorf("models: demo accounts: %w", err)
	}
	for _, r := range partners {
		accounts = append(accounts, DemoAccount{
			Email: "delegasi-" + strings.ReplaceAll(r.Code, ".", "-") + "@derap.test", Name: "Delegasi " + r.Name + " (demo)",
			Role: RoleDelegate, Region: r.Code,
		})
	}
	hashes := make([]string, len(accounts))
	for i := range accounts {
		accounts[i].Password = demoPassword()
		h, err := hashPassword(accounts[i].Password, s.passwordParams)
		if err != nil {
			return nil, err
		}
		hashes[i] = h
	}
	err := s.write(ctx, func(tx *Store) error {
		if _, done, err := tx.setting(demoAccountsSetting); err != nil || done {
			accounts = nil
			return err
		}
		for i, a := range accounts {
			u := User{Email: a.Email, Name: a.Name, Role: a.Role, Active: true, PasswordHash: hashes[i]}
			if a.Region != "" {
				code := a.Region
				u.RegionCode = &code
			}
			if err := tx.w.Create(&u).Error; err != nil {
				return err
			}
		}
		return tx.w.Create(&Setting{Key: demoAccountsSetting, Value: tx.Now().Format(time.RFC3339)}).Error
	})
	if err != nil {
		return nil, fmt.Errorf("models: demo accounts: %w", err)
	}
	return accounts, nil
}
