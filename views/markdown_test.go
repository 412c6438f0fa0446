package views

import (
	"strings"
	"testing"

	"derap/views/form"
)

func TestMarkdownShowsHTMLAsText(t *testing.T) {
	tests := []struct {
		name, in     string
		want, absent []string
	}{
		{"block script", "## Notulen\n\n<script>alert(1)</script>\n\nSelesai.", []string{"<h3>Notulen</h3>", "&lt;script&gt;alert(1)&lt;/script&gt;", "<p>Selesai.</p>"}, []string{"<script"}},
		{"inline tag", "Hadir: <b onmouseover=\"x()\">semua</b>", []string{"&lt;b onmouseover=&#34;x()&#34;&gt;semua&lt;/b&gt;"}, []string{"<b "}},
		{"javascript link", "[klik](javascript:alert(1))", []string{"<a href=\"\">klik</a>"}, []string{"javascript:"}},
		{"iframe block", "<iframe src=\"https://evil.example\"></iframe>", []string{"&lt;iframe"}, []string{"<iframe"}},
		{"plain markdown", "- beras\n- ikan\n\n**Disepakati**", []string{"<li>beras</li>", "<strong>Disepakati</strong>"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := RenderMarkdown(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			for _, a := range tt.absent {
				if strings.Contains(out, a) {
					t.Errorf("output has %q:\n%s", a, out)
				}
			}
		})
	}
}

// Text the forms would refuse as Markdown (stored before the limits) is shown as plain
// text at once, not handed to the renderer.
func TestCostlyMarkdownIsShownAsText(t *testing.T) {
	src := strings.Repeat(">", 200_000) + " <b>x</b>"
	out, err := RenderMarkdown(src)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out, `<pre class="plain-text">&gt;&gt;`) || strings.Contains(out, "<blockquote>") || strings.Contains(out, "<b>") {
		t.Errorf("got %.80q", out)
	}
}

// The slowest Markdown the event form accepts, 100 KB of each shape that costs goldmark
// the most per byte, filled to the limits of form.MarkdownProblem.
func BenchmarkMarkdownWorstAccepted(b *testing.B) {
	// As many paragraphs of units as the marks allow, then prose up to 100 KB.
	paragraphs := func(unit string, units int) string {
		p := strings.Repeat(unit, units) + "\n\n"
		marks := 0
		for _, r := range unit {
			if strings.ContainsRune("*_[]`<~", r) {
				marks += units
			}
		}
		var sb strings.Builder
		for total := marks; total <= form.MaxMarkdownMarks && sb.Len()+len(p) <= form.MaxMinutes; total += marks {
			sb.WriteString(p)
		}
		return sb.String() + strings.Repeat("Rapat membahas kerja sama pangan. ", (form.MaxMinutes-sb.Len())/35)
	}
	nested := strings.Repeat(strings.Repeat("> ", 4)+strings.Repeat("- ", 4)+"a\n", form.MaxMinutes/18)
	docs := map[string]string{
		"brackets": paragraphs("[", form.MaxMarkdownMarksPerParagraph),
		"links":    paragraphs("[a](", form.MaxMarkdownMarksPerParagraph/2),
		"emphasis": paragraphs("*_a", form.MaxMarkdownMarksPerParagraph/2),
		"nested":   nested,
	}
	for name, src := range docs {
		if p := form.MarkdownProblem(src); p != "" || len(src) > form.MaxMinutes {
			b.Fatalf("%s: refused (%s, %d bytes)", name, p, len(src))
		}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				if _, err := RenderMarkdown(src); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
