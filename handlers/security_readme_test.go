package handlers_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The README's security section is the portal's list of security claims: each of its
// points names at least one test, and each test it names exists.
func TestReadmeSecurityClaimsNameTheirTests(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(readme), "\n## Security\n")
	if !ok {
		t.Fatal("the README has no Security section")
	}
	section, _, _ = strings.Cut(section, "\n## ")
	var code strings.Builder
	for _, dir := range []string{"../handlers", "../models", "../views", "../views/form", "../views/i18n", "../cmd/derap"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*_test.go"))
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			code.Write(b)
		}
	}
	named := regexp.MustCompile("`((?:Test|Benchmark)[A-Za-z0-9_]+)`")
	points := 0
	for _, point := range strings.Split(section, "\n- ")[1:] {
		points++
		tests := named.FindAllStringSubmatch(point, -1)
		if len(tests) == 0 {
			t.Errorf("a claim names no test: %.80q", point)
		}
		for _, m := range tests {
			if !strings.Contains(code.String(), "func "+m[1]+"(") {
				t.Errorf("the README names %s, which does not exist", m[1])
			}
		}
	}
	if points < 20 {
		t.Errorf("%d claims found; is the section's list format intact?", points)
	}
}
