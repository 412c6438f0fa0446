package views

import (
	"strings"
	"testing"
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
